/**
 * BuildKit's terminal output as copied from a terminal: `=> [2/5] RUN ...
 * 12.3s`, with `CACHED` or `ERROR` in front when so. One file per log
 * format: each reads its own kind of line.
 */
import { emptyInternal, logStep, STEP_LABEL, type LogStep, type ParsedLog } from './parsed-log';

/** Reads BuildKit's terminal output (`=> [2/5] RUN ...  12.3s`); other lines are ignored. */
export function parseTty(lines: string[]): Omit<ParsedLog, 'totalSeconds'> {
  const internal = emptyInternal();
  // The terminal redraws the whole list each frame: the last line of each vertex wins.
  const last = new Map<string, LogStep>();
  const order: string[] = [];
  for (const line of lines) {
    const m = /^\s*=> (CACHED |ERROR |CANCELED )?(.*?)\s+(\d+(?:\.\d+)?)s\s*$/.exec(line);
    if (!m || m[2].startsWith('=> ')) continue;
    const [, flag, rest, sec] = m;
    const s = Number(sec);
    const label = STEP_LABEL.exec(rest);
    if (label) {
      const key = `${label[1] ?? ''} ${label[2]}/${label[3]}`;
      if (!last.has(key)) order.push(key);
      const status: LogStep['status'] = flag === 'CACHED ' ? 'cached' : flag ? 'error' : 'done';
      last.set(key, logStep(label[1], label[2], label[3], label[4], status, status === 'done' ? s : null));
    } else if (/^\[internal\] load build definition/.test(rest)) internal.definition = s;
    else if (/^\[internal\] load \.dockerignore/.test(rest)) internal.dockerignore = s;
    else if (/^\[internal\] load build context/.test(rest)) internal.context = { seconds: s, bytes: null };
    else if (/^exporting to image/.test(rest)) internal.export = s;
    else if (/^\[internal\] load metadata for /.test(rest)) {
      const ref = rest.replace(/^\[internal\] load metadata for /, '').trim();
      const e = internal.metadata.find((x) => x.ref === ref);
      if (e) e.seconds = s;
      else internal.metadata.push({ ref, seconds: s });
    }
  }
  return {
    format: 'buildkit-tty',
    steps: order.map((k) => last.get(k) as LogStep),
    internal,
    timestamped: false
  };
}
