/**
 * The legacy builder's output: `Step i/N : INSTRUCTION`, ` ---> Using cache`.
 * It prints no durations. When every line carries a timestamp (CI logs,
 * `docker build ... | ts '%H:%M:%.S'`), a step lasts from its `Step` line to
 * the next one; without timestamps only the cache decisions can be read.
 * One file per log format: each reads its own kind of line.
 */
import { emptyInternal, logStep, parseSize, type LogStep, type ParsedLog } from './parsed-log';

/** Reads the legacy builder's output, each line with the time it was printed (seconds), if known. */
export function parseLegacy(
  stamped: Array<{ text: string; at: number | null }>
): Omit<ParsedLog, 'totalSeconds'> {
  const internal = emptyInternal();
  const steps: LogStep[] = [];
  const starts: Array<number | null> = [];
  let end: number | null = null;
  let first: number | null = null;
  for (const { text, at } of stamped) {
    if (first === null && at !== null && text.trim()) first = at;
    const step = /^Step (\d+)\/(\d+) : (.*)$/.exec(text);
    if (step) {
      steps.push(logStep(null, step[1], step[2], step[3], 'done', null));
      starts.push(at);
      continue;
    }
    const ctx = /^Sending build context to Docker daemon\s+(\S+)/.exec(text);
    if (ctx) internal.context = { seconds: null, bytes: parseSize(ctx[1]) };
    if (text.trim() === '---> Using cache' && steps.length) steps[steps.length - 1].status = 'cached';
    if (/: Pulling from |^Status: Downloaded newer image/.test(text.trim()) && steps.length)
      steps[steps.length - 1].pulled = true;
    if (/^Successfully (built|tagged)/.test(text) && end === null) end = at;
    if (/returned a non-zero code|^ERROR|^Error response from daemon/.test(text.trim()) && steps.length)
      steps[steps.length - 1].status = 'error';
  }
  const timestamped = steps.length > 0 && starts.every((s) => s !== null) && end !== null;
  if (timestamped) {
    for (let i = 0; i < steps.length; i++) {
      const next = i + 1 < steps.length ? (starts[i + 1] as number) : (end as number);
      const secs = Math.max(0, next - (starts[i] as number));
      steps[i].seconds = Math.round(secs * 10) / 10;
    }
    if (internal.context && first !== null)
      internal.context.seconds = Math.round(Math.max(0, (starts[0] as number) - first) * 10) / 10;
  }
  return { format: 'legacy', steps, internal, timestamped };
}
