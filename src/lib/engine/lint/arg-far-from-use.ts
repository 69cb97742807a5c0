/**
 * LL003: an ARG declared well above its first use, with expensive RUN steps in
 * between. Both builders put a stage's declared build args into the environment
 * of every later RUN, so a new value misses each of those RUNs even though they
 * never read it (oracle scenario arg-build-arg-value-unused-by-run).
 */
import type { ParsedInstruction } from '../parse';
import { argPairs } from '../dockerfile-words';
import type { LintRule } from './rule-context';
import type { LintFinding, LintFix } from './types';

/** Below this many estimated seconds of RUNs in between, moving the ARG saves too little to report. */
export const ARG_DISTANCE_SECONDS = 10;

/** Build args that BuildKit and the legacy builder leave out of the cache key. */
const PROXY_ARGS = /^(HTTPS?|FTP|NO|ALL)_PROXY$/i;

function mentions(ins: ParsedInstruction, name: string): boolean {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`\\$(${n}\\b|\\{${n}[}:+\\-?])`);
  return re.test(ins.original);
}

export const argFarFromUse: LintRule = {
  id: 'LL003',
  name: 'arg-far-from-use',
  severity: 'warning',
  title: 'An ARG is declared long before its first use, above expensive RUN steps',
  description:
    'A build arg declared in a stage is in the environment of every RUN after it, so each new value (a build date, a commit id, a version passed by CI) reruns all of those RUNs, even the ones that never read it. Declare the ARG just above the instruction that uses it.',
  docs: 'docs/rules/LL003.md',
  examples: {
    before: {
      dockerfile:
        'FROM node:20-alpine\nWORKDIR /app\nARG BUILD_DATE\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nLABEL org.opencontainers.image.created=$BUILD_DATE\n',
      files: { 'package.json': '{"name": "web"}\n', 'package-lock.json': '{"lockfileVersion": 3}\n' }
    },
    after: {
      dockerfile:
        'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\nARG BUILD_DATE\nLABEL org.opencontainers.image.created=$BUILD_DATE\n',
      files: { 'package.json': '{"name": "web"}\n', 'package-lock.json': '{"lockfileVersion": 3}\n' }
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    for (const st of ctx.plan.stages) {
      const body = st.instructions;
      body.forEach((arg, i) => {
        if (arg.keyword !== 'ARG') return;
        const pairs = argPairs(arg, ctx.parsed.escape);
        for (const { key } of pairs) {
          if (PROXY_ARGS.test(key)) continue;
          const useAt = body.findIndex(
            (ins, j) =>
              j > i &&
              (mentions(ins, key) ||
                (ins.keyword === 'ARG' && argPairs(ins, ctx.parsed.escape).some((p) => p.key === key)))
          );
          // Never named again: a script may read it from the environment, which the rule cannot see.
          if (useAt < 0) continue;
          const use = body[useAt];
          if (use.keyword === 'ARG') continue;
          const runs = body.slice(i + 1, useAt).filter((ins) => ins.keyword === 'RUN');
          const seconds = runs.reduce((sum, r) => sum + ctx.runEstimate(r).seconds, 0);
          if (seconds < ARG_DISTANCE_SECONDS) continue;
          const fix: LintFix = {
            description: `Move \`${arg.original}\` down to just above line ${use.range.line}. If a RUN in between reads ${key} without naming it (a script), keep it and add \`# layerlab-ignore ${this.id}\` above the ARG.`
          };
          if (pairs.length === 1) {
            fix.edits = [
              ctx.deleteLines(arg.range),
              ctx.insertAbove(use.range, ctx.dockerfile.slice(arg.range.from, arg.range.to))
            ];
          }
          out.push(
            ctx.finding(
              this,
              arg.range,
              `ARG ${key} is declared on line ${arg.range.line} but first used on line ${use.range.line}: a new value reruns the ${runs.length} RUN step${runs.length === 1 ? '' : 's'} in between (~${Math.round(seconds)} s), which never read it.`,
              fix,
              seconds
            )
          );
        }
      });
    }
    return out;
  }
};
