/**
 * The session's committed builds as an oracle scenario, and a scenario replayed
 * into the session build by build. Export then import gives the same builds.
 */
import type { Scenario } from '../engine/index';
import { DOCKERFILE_PATH, type WorkspaceFile } from '../model/workspace';
import { defaultBuildSettings, parseMode, type World } from '../model/lessons/actions';
import type { HistoryEntry } from '../model/history';
import type { Session } from '../state/session.svelte';
import { scenarioFromBuilds, type BuildPoint } from './derive';

export interface Exported {
  scenario: Scenario | null;
  warnings: string[];
}

/** The builds since the daemon's cache was last empty, as a scenario. */
export function exportScenario(
  history: HistoryEntry[],
  contents: Record<string, string>,
  description: string,
  dockerfilePath = DOCKERFILE_PATH
): Exported {
  const start = history.findLastIndex((h) => h.serial === 1);
  const entries = history.slice(Math.max(0, start));
  const warnings: string[] = [];
  if (!entries.length)
    return { scenario: null, warnings: ['Build at least once: a scenario is made of the builds you ran.'] };
  if (start < 0)
    warnings.push(
      'The oldest builds are no longer kept: the scenario starts from the first kept build, on an empty cache.'
    );
  const points: BuildPoint[] = [];
  for (const [i, h] of entries.entries()) {
    const label = h.input?.label ?? `build ${i + 1}`;
    const dockerfile = h.input ? contents[h.input.dockerfile] : undefined;
    if (!h.input || dockerfile === undefined || !h.files)
      return {
        scenario: null,
        warnings: [`Build ${i + 1} is too large, or too old, to export: its inputs are not all kept.`]
      };
    const files: Record<string, WorkspaceFile> = {};
    for (const [p, d] of Object.entries(h.files)) {
      const text = contents[d];
      if (text === undefined)
        return {
          scenario: null,
          warnings: [`${p} in build ${i + 1} is binary or too large to export as text.`]
        };
      files[p] = { data: text, mode: h.input.modes[p] ?? 0o644, mtime: h.input.mtimes?.[p] ?? 0 };
    }
    points.push({
      label,
      dockerfilePath,
      world: {
        ws: { dockerfile, files, buildArgs: h.args },
        settings: {
          builder: h.builder,
          target: h.input.target,
          noCache: h.input.noCache,
          upstream: h.input.upstream
        }
      }
    });
  }
  const r = scenarioFromBuilds(points, description);
  return { scenario: r.scenario, warnings: [...warnings, ...r.warnings] };
}

/** Replays a scenario into the session: its files, then each build committed in turn. */
export async function importScenario(session: Session, s: Scenario): Promise<string[]> {
  const warnings: string[] = [];
  const builder = s.builders?.length === 1 ? s.builders[0] : session.options.builder;
  const files: Record<string, WorkspaceFile> = {};
  let dockerfile = '';
  // `-f`: the Dockerfile the first build names; the session builds one Dockerfile throughout.
  const dockerfilePath = s.builds?.[0]?.dockerfile ?? DOCKERFILE_PATH;
  const modes = new Map(Object.entries(s.modes ?? {}).map(([p, m]) => [p, parseMode(m)]));
  const write = (p: string, text: string) => {
    if (p === dockerfilePath) dockerfile = text;
    else files[p] = { data: text, mode: modes.get(p) ?? files[p]?.mode ?? 0o644, mtime: session.now() };
  };
  for (const [p, t] of Object.entries(s.files)) write(p, t);
  const upstream: Record<string, number> = {};
  const variants = (images: Record<string, string> | undefined) => {
    for (const [ref, v] of Object.entries(images ?? {})) upstream[ref] = Number(v) - 1;
  };
  variants(s.images);
  const world = (b: NonNullable<Scenario['builds']>[number]): World => ({
    ws: { dockerfile, files: { ...files }, buildArgs: { ...(b.args ?? {}) } },
    settings: {
      ...defaultBuildSettings(),
      builder,
      target: b.target ?? '',
      noCache: !!b.noCache,
      upstream: { ...upstream }
    }
  });
  const builds = s.builds?.length ? s.builds : [{}];
  session.loadWorld(world(builds[0]));
  session.workspace.dockerfilePath = dockerfilePath;
  for (const [i, b] of builds.entries()) {
    if ((b.dockerfile ?? DOCKERFILE_PATH) !== dockerfilePath)
      warnings.push(
        `Build ${i + 1} names another Dockerfile (-f ${b.dockerfile ?? DOCKERFILE_PATH}); Layer Lab builds ${dockerfilePath} throughout.`
      );
    for (const [p, t] of Object.entries(b.edit ?? {})) {
      if (t !== null) write(p, t);
      else for (const k of Object.keys(files)) if (k === p || k.startsWith(p + '/')) delete files[k];
    }
    for (const [p, m] of Object.entries(b.modes ?? {})) {
      modes.set(p, parseMode(m));
      if (files[p]) files[p] = { ...files[p], mode: parseMode(m) };
    }
    variants(b.images);
    session.setWorld(world(b));
    session.daemon.nextLabel = b.label ?? `build ${i + 1}`;
    await session.commitBuild();
  }
  return warnings;
}
