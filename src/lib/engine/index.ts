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
export { readIgnorePatterns, dockerignoreMatcher, ignoreFileFor } from './rules/dockerignore';
export type { IgnoreMatcher } from './rules/dockerignore';
export {
  ALWAYS_READ,
  CONFIG_FILES,
  DEFAULT_DOCKERFILE,
  DOCKERIGNORE,
  dockerfileIgnoreName
} from './build-files';
export { EngineMemo } from './memo';
// What ADD unpacks: hosts keep such bytes for the engine.
export { isCompressed, isTar } from './tar';
export { DEFAULT_COSTS } from './cost-defaults';
export { COMMAND_PATTERNS } from './command-patterns';
export type { CommandPattern } from './command-patterns';
export { IMAGE_SIZES } from './image-sizes';
export type { ImageFlavour } from './image-sizes';
export { annotationSeconds, instructionKey, imageSizeMB, formatSeconds } from './estimate';
export { parseBuildLog } from './build-log';
export { LOG_FORMAT_NAMES } from './parsed-log';
export type { LogFormat, LogStep, ParsedLog } from './parsed-log';
export { calibrateFromLog } from './calibrate';
export type { CalibrateInput, Calibration, CalibratedStep } from './calibrate';
export * from './types';
export { MAX_DAY_BUILDS, defaultDay, normalizeDay, volatileArgs } from './day';
export type { Day, DayBuild, DayEdit } from './day';
export { expandDay } from './day-edits';
export type { DayStep, DayStart } from './day-edits';
export { isManifest, manifestGroups, sourceFiles } from './day-files';
export { simulateDay } from './simulate-day';
export type { DayInput, DaySimulation, DayBuildTime, StepTime } from './simulate-day';
export { compareOrders, portableCosts } from './compare';
export type { CompareInput, Comparison, ComparedBuild, StepDifference, Speedup } from './compare';
export { seedPair } from './seed';
export type { SeedPair } from './seed';
export { imageContents, imageDifferences } from './image';
export type { ImageContents, ImageFile, ImageConfig } from './image';
export { advise, MIN_SAVING } from './advisor/index';
export type { Advice, Proposal, ProposalKind, Rejection, DiffLine } from './advisor/index';
export { lineDiff } from './advisor/diff';
export { describeAssumedOutput } from './run-model/run-output';
