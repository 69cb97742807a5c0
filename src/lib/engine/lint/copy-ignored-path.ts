/**
 * LL005: a COPY or ADD names a path that `.dockerignore` excludes. The daemon
 * never receives excluded files, so the step fails with "not found" (a plain
 * path) or silently copies less than the Dockerfile says (a wildcard).
 */
import { absPath } from '../fs';
import { matchComponent } from '../dispatch/select';
import type { LintRule, RuleContext } from './rule-context';
import type { LintFinding } from './types';

/** The 1-based line of the ignore file that holds a pattern, or null. */
function patternLine(ctx: RuleContext, pattern: string): number | null {
  const lines = (ctx.ignoreText ?? '').split('\n');
  const bare = pattern.replace(/^!/, '');
  const i = lines.findIndex((l) => {
    const t = l.trim().replace(/^\//, '');
    return t === bare || t === `${bare}/` || t === `/${bare}`;
  });
  return i < 0 ? null : i + 1;
}

/** Whether an excluded path matches a wildcard source, component by component. */
function wildcardMatches(pattern: string, path: string): boolean {
  const p = pattern.split('/').filter(Boolean);
  const parts = path.split('/');
  return p.length <= parts.length && p.every((c, i) => matchComponent(c, parts[i]));
}

export const copyIgnoredPath: LintRule = {
  id: 'LL005',
  name: 'copy-ignored-path',
  severity: 'error',
  title: 'A COPY or ADD names a path that .dockerignore excludes',
  description:
    '`.dockerignore` decides what the docker CLI sends to the daemon. A COPY of an excluded path fails with "not found" although the file is right there on disk; with a wildcard, the excluded matches are left out without a word. Either stop excluding the path (an exception line `!path` after the pattern) or stop copying it.',
  docs: 'docs/rules/LL005.md',
  examples: {
    before: {
      dockerfile: 'FROM nginx:1.27-alpine\nCOPY dist/ /usr/share/nginx/html/\n',
      files: { 'dist/index.html': '<h1>hi</h1>\n', 'src/main.ts': 'export {}\n', '.dockerignore': 'dist\n' }
    },
    after: {
      dockerfile: 'FROM nginx:1.27-alpine\nCOPY dist/ /usr/share/nginx/html/\n',
      files: { 'dist/index.html': '<h1>hi</h1>\n', 'src/main.ts': 'export {}\n', '.dockerignore': 'src\n' }
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    const excluded = ctx.context.summary.excluded.map((e) => e.path);
    // A path that is on disk but excluded (the list is capped: past the cap, assume it is there).
    const existsExcluded = (rel: string) =>
      ctx.context.summary.excludedCount > excluded.length ||
      excluded.some((p) => p === rel || rel.startsWith(p + '/') || p.startsWith(rel + '/'));
    for (const st of ctx.plan.stages) {
      for (const ins of st.instructions) {
        const args = ctx.copyArgs(ins);
        if (!args?.fromContext || !ctx.context.ignoreFile) continue;
        for (const src of args.contextPaths) {
          const rel = absPath(src).slice(1);
          if (!rel) continue;
          let pattern: string | null = null;
          let what = rel;
          if (/[*?[]/.test(rel)) {
            // Report a wildcard only when every match it would have had is excluded.
            if (ctx.select(src)?.matches.length) continue;
            const hit = excluded.find((p) => wildcardMatches(rel, p));
            if (hit) {
              pattern = ctx.context.excludedBy(hit);
              what = hit;
            }
          } else if (existsExcluded(rel)) pattern = ctx.context.excludedBy(rel);
          if (!pattern) continue;
          const line = patternLine(ctx, pattern);
          const where = `${ctx.context.ignoreFile}${line ? ` line ${line}` : ''}`;
          out.push(
            ctx.finding(
              this,
              ins.range,
              `\`${src}\` is excluded by \`${pattern}\` in ${where}: the daemon never receives ${what}, so this ${ins.keyword} ${/[*?[]/.test(rel) ? 'matches nothing' : 'fails with "not found"'}.`,
              {
                description: `Add the exception \`!${rel}\` at the end of ${ctx.context.ignoreFile}, or remove \`${pattern}\` there if nothing else needs it excluded.`,
                edits: [ctx.appendIgnore([`!${rel}`])]
              }
            )
          );
        }
      }
    }
    return out;
  }
};
