/**
 * A cache mount for a package manager's downloads (BuildKit only): when the
 * install reruns, packages already downloaded come from the mount instead of
 * the network. The mount's directory is no longer part of the image: for a
 * download cache (pip, uv, npm, yarn, pnpm, Go's build cache) that is the
 * point, and the image comparison leaves that directory out. A package store
 * that later steps read (Maven's ~/.m2, NuGet, Go modules, Cargo's registry)
 * is mounted only when no other step of the stage uses the same tool (a later
 * one may need the store in the image; an earlier one filled it, and the
 * mount would hide that from this step). A `--no-cache-dir`
 * that kept pip's cache out of the image is dropped: the mount keeps it out now.
 */
import { linesOf } from './edit';
import type { ParsedInstruction } from '../parse';
import { DEFAULT_COSTS } from '../cost-defaults';
import { cacheMountTargets, estimateRun, instructionKey } from '../estimate';
import { parseDockerfile } from '../parse';
import { cacheUses, clearsCache, usesTool, type CacheUse } from './caches';
import { envNames, isRoot } from './model';
import type { Candidate, RuleContext, RuleResult, Skipped } from './rule-types';

/** Variables that move a tool's cache elsewhere: the default directory would be wrong. */
const MOVES_CACHE =
  /^(PIP_NO_CACHE_DIR|PIP_CACHE_DIR|UV_CACHE_DIR|UV_NO_CACHE|npm_config_cache|NPM_CONFIG_CACHE|YARN_CACHE_FOLDER|PNPM_HOME|PNPM_STORE_DIR|GOCACHE|GOMODCACHE|GOPATH|CARGO_HOME|MAVEN_OPTS|MAVEN_CONFIG|GRADLE_USER_HOME|NUGET_PACKAGES|HOME|XDG_CACHE_HOME)$/;

export function cacheMount(rc: RuleContext): RuleResult {
  const candidates: Candidate[] = [];
  const skipped: Skipped[] = [];
  if (rc.builder !== 'buildkit') return { candidates, skipped };
  const all = rc.view.stages.flatMap((s) => s.body.map((p) => p.ins));
  const escape = rc.view.parsed.escape;
  for (const stage of rc.view.stages) {
    stage.body.forEach((run, r) => {
      if (run.ins.keyword !== 'RUN' || run.ins.json) return;
      const uses = cacheUses(run.ins.args);
      if (!uses.length) return;
      const lines = [run.ins.range.line];
      const why = (w: string) => skipped.push({ kind: 'cache-mount', lines, why: w });
      if (!isRoot(run.user))
        return why(`the RUN runs as ${run.user}, whose cache directory Layer Lab cannot place`);
      if (clearsCache(run.ins.args))
        return why('the RUN clears its package cache itself, so a mount would keep nothing');
      const moved = stage.body
        .slice(0, r)
        .find((p) => p.ins.keyword === 'ENV' && envNames(p.ins, escape).some((n) => MOVES_CACHE.test(n)));
      if (moved) return why(`${moved.ins.original} moves the cache directory`);
      const mounted = cacheMountTargets(run.ins.original);
      const later = all.filter((i) => i.range.line > run.ins.range.line && i.keyword === 'RUN');
      const earlier = stage.body
        .slice(0, r)
        .filter((p) => p.ins.keyword === 'RUN')
        .map((p) => p.ins);
      const chosen: CacheUse[] = [];
      for (const u of uses) {
        if (mounted.includes(u.dir)) continue;
        if (u.store && later.some((i) => usesTool(i.args, u.tool))) {
          why(`a later step runs ${u.tool} and may need ${u.dir} in the image`);
          continue;
        }
        if (u.store && earlier.some((i) => usesTool(i.args, u.tool))) {
          why(`an earlier step filled ${u.dir} in the image; a mount there would hide it from this one`);
          continue;
        }
        chosen.push(u);
      }
      if (!chosen.length) return;
      candidates.push(rewrite(rc, run.ins, chosen));
    });
  }
  return { candidates, skipped };
}

function rewrite(rc: RuleContext, ins: ParsedInstruction, uses: CacheUse[]): Candidate {
  const lines = linesOf(rc.view.text);
  const first = ins.range.line - 1;
  const mounts = uses.map((u) => `--mount=type=cache,target=${u.dir}`).join(' ');
  const out = [...lines];
  out[first] = out[first].replace(/^(\s*\S+)(\s+)/, `$1 ${mounts}$2`);
  const dropped: string[] = [];
  for (const u of uses) {
    if (!u.disabledBy) continue;
    for (let i = first; i <= ins.range.endLine - 1; i++) {
      const re = new RegExp(`\\s+${u.disabledBy.replace(/[-]/g, '\\-')}(?=\\s|$)`);
      if (re.test(out[i])) {
        out[i] = out[i].replace(re, '');
        dropped.push(u.disabledBy);
        break;
      }
    }
  }
  const tools = uses.map((u) => u.tool).join(' and ');
  const text = out.join('\n');
  const after = parseDockerfile(text).instructions.find((i) => i.range.line === ins.range.line);
  // A measured figure for the install scales by what the defaults say the mount saves.
  const net = (cmd: string, mounts: string[]) =>
    estimateRun(cmd, mounts, DEFAULT_COSTS, true).seconds - DEFAULT_COSTS.stepOverhead;
  const factor =
    net(ins.args, []) > 0 && after
      ? net(
          after.args,
          uses.map((u) => u.dir)
        ) / net(ins.args, [])
      : 1;
  return {
    kind: 'cache-mount',
    title: `Keep ${tools}'s downloads in a cache mount`,
    detail: `When \`${ins.args.split(/\s+/).slice(0, 4).join(' ')}\` reruns, packages it downloaded before come from the mount instead of the network.${dropped.length ? ` \`${dropped.join(' ')}\` goes: the mount keeps the cache out of the image now.` : ''} The image no longer carries ${uses.map((u) => u.dir).join(', ')}, a cache; every other file is the same.`,
    lines: [ins.range.line],
    dockerfile: text,
    ignore: uses.map((u) => u.dir),
    retimed: after
      ? [{ before: instructionKey(ins.original), after: instructionKey(after.original), factor }]
      : []
  };
}
