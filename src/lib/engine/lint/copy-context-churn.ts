/**
 * LL004: a COPY of a directory that includes files which change without any
 * source edit: `.git`, installed dependencies, build output, caches, logs, and
 * the Dockerfile itself. Each change misses the COPY and every step after it.
 * The rule reads the context as the engine sends it, so what `.dockerignore`
 * already excludes is never reported.
 */
import type { Match } from '../dispatch/select';
import type { Node } from '../tree';
import type { LintRule } from './rule-context';
import type { LintFinding } from './types';

/** Directories that change by themselves, whatever the project. */
const ALWAYS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.venv',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.parcel-cache',
  '.gradle',
  '.idea',
  'coverage',
  '.nyc_output'
]);

/** Build output directories, recognised by the manifest of the tool that writes them. */
const OUTPUT_BY_MANIFEST: Array<{ dirs: string[]; manifest: RegExp }> = [
  { dirs: ['dist', 'build', 'out'], manifest: /^package\.json$/ },
  { dirs: ['dist', 'build'], manifest: /^(setup\.py|pyproject\.toml)$/ },
  { dirs: ['target'], manifest: /^(Cargo\.toml|pom\.xml)$/ },
  { dirs: ['build'], manifest: /^build\.gradle(\.kts)?$/ },
  { dirs: ['bin', 'obj'], manifest: /\.(cs|fs|vb)proj$/ }
];

const CHURN_FILES = /^(\.DS_Store|Thumbs\.db)$|\.log$/;
const MAX_DEPTH = 3;

/** Churn under a directory, as context paths; found directories are not searched further. */
function churnIn(dir: Node, path: string, depth = 0): string[] {
  const names = [...(dir.children?.keys() ?? [])];
  const outputs = new Set(
    OUTPUT_BY_MANIFEST.filter((o) => names.some((n) => o.manifest.test(n))).flatMap((o) => o.dirs)
  );
  const out: string[] = [];
  for (const name of names.sort()) {
    const child = dir.children?.get(name) as Node;
    const p = path ? `${path}/${name}` : name;
    if (child.children) {
      if (ALWAYS.has(name) || outputs.has(name)) out.push(p + '/');
      else if (depth + 1 < MAX_DEPTH) out.push(...churnIn(child, p, depth + 1));
    } else if (CHURN_FILES.test(name)) out.push(p);
  }
  return out;
}

/** The `.dockerignore` line that excludes a churn path. */
function patternFor(path: string): string {
  if (path.endsWith('.log'))
    return path.includes('/') ? `${path.slice(0, path.lastIndexOf('/'))}/*.log` : '*.log';
  return path.replace(/\/$/, '');
}

function underSelection(m: Match, path: string): boolean {
  return m.path === '' || path === m.path || path.startsWith(m.path + '/');
}

export const copyContextChurn: LintRule = {
  id: 'LL004',
  name: 'copy-context-churn',
  severity: 'warning',
  title: 'A COPY of a directory takes in files that change without a source edit',
  description:
    '`.git` changes with every commit, `node_modules` and build output with every local install or build, and the Dockerfile with every edit to it (a comment too). When a COPY takes them in, each such change misses the COPY and every step after it, although the image needs none of them. List them in `.dockerignore`: the daemon then never sees them (Docker still reads the Dockerfile and `.dockerignore` themselves when they are listed).',
  docs: 'docs/rules/LL004.md',
  examples: {
    before: {
      dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      files: {
        'app.py': 'print("hi")\n',
        '.git/HEAD': 'ref: refs/heads/main\n',
        '__pycache__/app.cpython-312.pyc': 'x'
      }
    },
    after: {
      dockerfile: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD ["python", "app.py"]\n',
      files: {
        'app.py': 'print("hi")\n',
        '.git/HEAD': 'ref: refs/heads/main\n',
        '__pycache__/app.cpython-312.pyc': 'x',
        '.dockerignore': '.git\n__pycache__\nDockerfile\n.dockerignore\n'
      }
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    for (const chain of ctx.chains) {
      chain.forEach((ins, i) => {
        if (out.some((f) => f.range.from === ins.range.from)) return;
        const dirs = ctx.selectedDirs(ins);
        if (!dirs.length) return;
        const churn = [...new Set(dirs.flatMap((m) => churnIn(m.node, m.path)))];
        // The build files themselves: the docker CLI sends them unless .dockerignore lists them.
        for (const own of [ctx.dockerfilePath, ctx.context.ignoreFile]) {
          if (own && !ctx.context.isExcluded(own) && dirs.some((m) => underSelection(m, own)))
            churn.push(own);
        }
        if (!churn.length) return;
        const after = chain.slice(i + 1).filter((x) => x.keyword === 'RUN');
        const seconds = after.reduce((sum, r) => sum + ctx.runEstimate(r).seconds, 0);
        const shown =
          churn.slice(0, 4).join(', ') + (churn.length > 4 ? ` and ${churn.length - 4} more` : '');
        const patterns = [...new Set(churn.map(patternFor))];
        // The fix creates .dockerignore when there is none: it must not become churn itself.
        if (!ctx.context.ignoreFile) patterns.push('.dockerignore');
        out.push(
          ctx.finding(
            this,
            ins.range,
            `\`${ins.original}\` takes in ${shown}, which change${churn.length === 1 ? 's' : ''} without a source edit: each change reruns this COPY${after.length ? ` and the ${after.length} RUN step${after.length === 1 ? '' : 's'} after it (~${Math.round(seconds)} s)` : ' and every step after it'}.`,
            {
              description: `Add to ${ctx.context.ignoreFile ?? '.dockerignore'}:\n  ${patterns.join('\n  ')}`,
              edits: [ctx.appendIgnore(patterns)]
            },
            seconds
          )
        );
      });
    }
    return out;
  }
};
