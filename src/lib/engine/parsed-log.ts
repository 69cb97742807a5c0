/**
 * What reading a build log yields, whatever its format: the steps as the log
 * shows them, BuildKit's own vertices and the whole build's time, and the
 * small pieces every format reader shares (step labels, sizes). Separate from
 * the readers so each format's file depends only on this, not on the others.
 */

/** How a log was read: BuildKit's plain progress or terminal output, the legacy builder's, or unknown. */
export type LogFormat = 'buildkit-plain' | 'buildkit-tty' | 'legacy' | 'unknown';

/** What each format is called when a person is told which one their log was read as. */
export const LOG_FORMAT_NAMES: Record<LogFormat, string> = {
  'buildkit-plain': 'BuildKit plain progress',
  'buildkit-tty': 'BuildKit terminal output',
  legacy: 'legacy builder output',
  unknown: 'unknown format'
};

/** One step as the log shows it. */
export interface LogStep {
  /** BuildKit: the stage in the label (`build`, `stage-1`) or null; legacy: null. */
  stage: string | null;
  pos: number;
  of: number;
  /** The instruction as printed. */
  instruction: string;
  /** `done`: ran to the end; `running`: the log ends before it does. */
  status: 'done' | 'cached' | 'error' | 'running';
  /** How long it ran, or null when the log does not say. */
  seconds: number | null;
  /** FROM: the log shows the image being downloaded (it was not in the daemon yet). */
  pulled?: boolean;
  /** BuildKit FROM: bytes of the layers the log shows it downloading. */
  downloadedBytes?: number;
}

/** A build log as read: never partial in shape; what could not be read is null or absent. */
export interface ParsedLog {
  format: LogFormat;
  /** In the order the log shows them. */
  steps: LogStep[];
  /** BuildKit's own vertices, seconds (null when absent). */
  internal: {
    definition: number | null;
    dockerignore: number | null;
    metadata: Array<{ ref: string; seconds: number | null }>;
    context: { seconds: number | null; bytes: number | null } | null;
    export: number | null;
  };
  /** The whole build, when the log says (`[+] Building 12.3s`, the `real` line of `time`). */
  totalSeconds: number | null;
  /** Legacy: every step line had a timestamp, so durations could be read. */
  timestamped: boolean;
}

/** "45.2MB", "269B", "1.5kB" -> bytes. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([kKMG]?i?B)$/.exec(text.trim());
  if (!m) return null;
  const unit = m[2].toUpperCase().replace('I', '');
  const f = unit === 'KB' ? 1e3 : unit === 'MB' ? 1e6 : unit === 'GB' ? 1e9 : 1;
  return Math.round(Number(m[1]) * f);
}

/** A step's label (`[build 3/5] RUN ...`, `[2/4] COPY ...`): stage or none, position, count, instruction. */
export const STEP_LABEL = /^\[(?:(\S+) )?\s*(\d+)\/(\d+)\] (.*)$/;

/**
 * A step from the parts of its header as the log prints them (stage, `i`,
 * `n`, instruction); `stage` is null or undefined when the label has none.
 */
export function logStep(
  stage: string | null | undefined,
  pos: string,
  of: string,
  instruction: string,
  status: LogStep['status'],
  seconds: number | null
): LogStep {
  return {
    stage: stage ?? null,
    pos: Number(pos),
    of: Number(of),
    instruction: instruction.trim(),
    status,
    seconds
  };
}

/** No vertices seen yet: every figure null, no metadata. */
export function emptyInternal(): ParsedLog['internal'] {
  return { definition: null, dockerignore: null, metadata: [], context: null, export: null };
}
