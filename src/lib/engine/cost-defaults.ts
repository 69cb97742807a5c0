/**
 * The default figures of the cost model that are not per command or per
 * image: step and build overheads, transfer rates, the RUN fallback, and the
 * empty override tables. Recognised commands are in command-patterns.ts, base
 * image sizes in image-sizes.ts; docs/cost-model.md says where each figure
 * comes from. Calibration from a real build log (calibrate.ts) replaces them
 * with measured seconds, and `CostModel` overrides any of them.
 */
import type { CostModel } from './types';

/** The cost model before any override: seconds, and seconds per MB for the rates (see `CostModel`). */
export const DEFAULT_COSTS: CostModel = {
  stepOverhead: 0.2,
  legacyStepOverhead: 0.3,
  pullPerMB: 0.08,
  copyPerMB: 0.02,
  contextPerMB: 0.01,
  runDefault: 3,
  export: 1,
  buildOverhead: 0.3,
  resolveImage: 0.6,
  commands: {},
  lines: {},
  lineNotes: {},
  instructions: {},
  imageSizes: {}
};
