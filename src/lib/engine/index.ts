/**
 * Layer Lab's engine: predicts what `docker build` does with its cache, step by
 * step, for BuildKit (Docker 20.10) and the legacy builder, and says why.
 * A pure library: text, files and an old cache in; plain data out.
 */
export { build, emptyCache, normalizeCache } from './build';
export { renderProgress } from './progress';
export { predictScenario, replayScenario, toRecordingSteps, imagesNamedIn } from './scenario';
export type { Scenario, ScenarioBuild, Prediction, PredictedBuild, PredictedStep } from './scenario';
export { parseDockerfile } from './parse';
export type { ParsedDockerfile, ParsedInstruction } from './parse';
export { sha256Bytes, sha256Text, useSha256 } from './digest';
export type { Sha256Provider } from './digest';
export { describeTextChange, lineChange } from './text-change';
export type { LineChange } from './text-change';
export { lint, RULES } from './lint/index';
export type * from './lint/types';
export { readIgnorePatterns, dockerignoreMatcher, ignoreFileFor } from './context';
// What ADD unpacks: hosts keep such bytes for the engine.
export { isCompressed, isTar } from './tar';
export type { IgnoreMatcher } from './context';
export { DEFAULT_COSTS, COMMAND_PATTERNS, IMAGE_SIZES } from './cost-defaults';
export type { CommandPattern, ImageFlavour } from './cost-defaults';
export { annotationSeconds, instructionKey, imageSizeMB, formatSeconds } from './estimate';
export { LOG_FORMAT_NAMES, parseBuildLog } from './build-log';
export type { LogFormat, LogStep, ParsedLog } from './build-log';
export { calibrateFromLog } from './calibrate';
export type { CalibrateInput, Calibration, CalibratedStep } from './calibrate';
export * from './types';
export {
  MAX_DAY_BUILDS,
  defaultDay,
  normalizeDay,
  expandDay,
  isManifest,
  manifestGroups,
  sourceFiles,
  volatileArgs
} from './day';
export type { Day, DayBuild, DayEdit, DayStep, DayStart } from './day';
export { simulateDay, compareOrders, portableCosts } from './compare';
export type {
  DayInput,
  DaySimulation,
  DayBuildTime,
  StepTime,
  CompareInput,
  Comparison,
  ComparedBuild,
  StepDifference,
  Speedup
} from './compare';
export { seedPair } from './seed';
export type { SeedPair } from './seed';
export { imageContents, imageDifferences } from './image';
export type { ImageContents, ImageFile, ImageConfig } from './image';
export { advise, MIN_SAVING } from './advisor/index';
export type { Advice, Proposal, ProposalKind, Rejection, DiffLine } from './advisor/index';
export { lineDiff } from './advisor/diff';
export { describeAssumedOutput } from './run-model/run-output';
