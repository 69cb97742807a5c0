/**
 * LL001: a COPY that brings in a whole directory, manifest included, before the
 * RUN that installs dependencies from that manifest. Any edit anywhere in the
 * directory changes the COPY's checksum, so the install below it reruns.
 */
import type { Match } from '../dispatch/select';
import type { ParsedInstruction } from '../parse';
import type { Node } from '../tree';
import { installsIn, isManifest, type PackageManager } from './package-managers';
import type { RunCommand } from './run-commands';
import type { LintRule, RuleContext } from './rule-context';
import type { LintFinding, LintFix } from './types';

/** Directories whose manifests are someone else's (vendored or generated), never the project's. */
const FOREIGN_DIRS = new Set([
  'node_modules',
  'vendor',
  '.git',
  'target',
  'dist',
  'build',
  '.venv',
  'venv',
  '__pycache__',
  'bower_components'
]);
const MAX_DEPTH = 3;

/** Manifests of a package manager inside a selected directory, as paths relative to it. */
function manifestsIn(dir: Node, pm: PackageManager, command: RunCommand, prefix = '', depth = 0): string[] {
  const out: string[] = [];
  for (const [name, child] of dir.children ?? []) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (child.children) {
      if (depth + 1 < MAX_DEPTH && !FOREIGN_DIRS.has(name))
        out.push(...manifestsIn(child, pm, command, rel, depth + 1));
    } else if (isManifest(pm, name, command)) out.push(rel);
  }
  // In the manager's own order (package.json before its lock file), as a person would write them.
  const rank = (p: string) => {
    const i = pm.manifests.indexOf(p.split('/').pop() ?? '');
    return i < 0 ? pm.manifests.length : i;
  };
  return out.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

interface BroadCopy {
  ins: ParsedInstruction;
  /** The directories it selects. */
  dirs: Match[];
  dest: string;
  /** Ecosystems whose install ran before it: their manifests were already copied on their own. */
  installedBefore: Set<string>;
}

function broadCopyOf(ctx: RuleContext, ins: ParsedInstruction, installed: Set<string>): BroadCopy | null {
  const dirs = ctx.selectedDirs(ins);
  const args = ctx.copyArgs(ins);
  return dirs.length && args ? { ins, dirs, dest: args.dest, installedBefore: new Set(installed) } : null;
}

function dirOf(dest: string): string {
  if (dest === '.' || dest === '') return './';
  return dest.endsWith('/') ? dest : dest + '/';
}

const joinPath = (dir: string, rel: string) => (dir ? `${dir}/${rel}` : rel);

function fixFor(
  ctx: RuleContext,
  copy: BroadCopy,
  install: ParsedInstruction,
  pm: PackageManager,
  found: Array<{ dir: Match; rel: string }>
): LintFix {
  // A mechanical rewrite copies manifests that sit at the top of one selected directory.
  const dir = found.find((f) => !f.rel.includes('/'))?.dir;
  if (!dir) {
    const paths = found.map((f) => joinPath(f.dir.path, f.rel)).join(', ');
    return {
      description: `Copy ${paths} on their own to the same places under ${copy.dest}, run \`${install.original}\`, then copy the rest.`
    };
  }
  const names = found.filter((f) => f.dir === dir && !f.rel.includes('/')).map((f) => f.rel);
  for (const name of dir.node.children?.keys() ?? [])
    if (pm.extras?.includes(name) && !names.includes(name)) names.push(name);
  const paths = names.map((n) => joinPath(dir.path, n));
  const flags = copy.ins.flags
    .filter((f) => f.name === 'chown' || f.name === 'chmod')
    .map((f) => `--${f.name}=${f.value ?? ''} `)
    .join('');
  const copyLine = `${copy.ins.written} ${flags}${paths.join(' ')} ${dirOf(copy.dest)}`;
  const description = `Copy ${paths.join(' and ')} on their own, run the install, then copy the rest:\n  ${copyLine}\n  ${install.original}\n  ${copy.ins.original}`;
  // The RUN moves only when nothing stands between it and the COPY and the tool needs nothing but its manifests.
  const chain = ctx.chains.find((c) => c.includes(install)) ?? [];
  const adjacent = chain.indexOf(install) === chain.indexOf(copy.ins) + 1;
  if (!pm.movable)
    return {
      description: `${description}\n${pm.label} also reads the sources, so the first install needs a dependencies-only form (see ${broadCopyBeforeInstall.docs}).`
    };
  if (!adjacent) return { description };
  // Moved as written, continuation lines and all.
  const runText = ctx.dockerfile.slice(install.range.from, install.range.to);
  return {
    description,
    edits: [ctx.insertAbove(copy.ins.range, `${copyLine}\n${runText}`), ctx.deleteLines(install.range)]
  };
}

export const broadCopyBeforeInstall: LintRule = {
  id: 'LL001',
  name: 'broad-copy-before-install',
  severity: 'warning',
  title: 'A COPY of a whole directory comes before the dependency install that reads its manifest',
  description:
    'The install step reads only the manifest (package.json, requirements.txt, go.mod...), but it sits below a COPY that brings in every file of the directory. Any edit to any of those files changes that COPY, and every step below it, the slow install included, runs again. Copy the manifest files first, install, then copy the rest.',
  docs: 'docs/rules/LL001.md',
  examples: {
    before: {
      dockerfile: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
      files: {
        'package.json': '{"name": "api"}\n',
        'package-lock.json': '{"lockfileVersion": 3}\n',
        'server.js': 'console.log("up")\n'
      }
    },
    after: {
      dockerfile:
        'FROM node:20-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "server.js"]\n',
      files: {
        'package.json': '{"name": "api"}\n',
        'package-lock.json': '{"lockfileVersion": 3}\n',
        'server.js': 'console.log("up")\n'
      }
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    const reported = new Set<ParsedInstruction>();
    for (const chain of ctx.chains) {
      const installed = new Set<string>();
      const broad: BroadCopy[] = [];
      for (const ins of chain) {
        if (ins.keyword === 'RUN') {
          const pms = installsIn(ins.json ?? ins.args);
          for (const pm of pms) {
            for (const copy of broad) {
              if (copy.installedBefore.has(pm.ecosystem) || reported.has(copy.ins)) continue;
              const found = copy.dirs.flatMap((dir) =>
                manifestsIn(dir.node, pm, ins.json ?? ins.args).map((rel) => ({ dir, rel }))
              );
              if (!found.length) continue;
              reported.add(copy.ins);
              const cost = ctx.runEstimate(ins).seconds;
              const first = joinPath(found[0].dir.path, found[0].rel);
              out.push(
                ctx.finding(
                  this,
                  copy.ins.range,
                  `\`${copy.ins.original}\` copies a whole directory, ${first} among its files, before \`${pm.label}\` on line ${ins.range.line}: an edit to any of those files reruns the install (~${Math.round(cost)} s).`,
                  fixFor(ctx, copy, ins, pm, found),
                  cost
                )
              );
            }
          }
          for (const pm of pms) installed.add(pm.ecosystem);
        }
        const copy = broadCopyOf(ctx, ins, installed);
        if (copy) broad.push(copy);
      }
    }
    return out;
  }
};
