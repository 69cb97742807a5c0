/**
 * Builds an oracle scenario (tests/oracle/FORMAT.md) from a sequence of build
 * points: the project as it was at each build. The page exports the session's
 * committed builds this way, and the lesson tests derive each lesson's scenario
 * with the same code, so what is recorded is exactly what the page replays.
 */
import { imagesNamedIn, type Builder, type Scenario, type ScenarioBuild } from '../engine/index';
import { DOCKERFILE_PATH } from '../model/workspace';
import type { World } from '../model/lessons/actions';
import { isRemoteUrl } from '../model/build-input';

export interface BuildPoint {
  label: string;
  world: World;
  /** Where the Dockerfile sits in the context (`-f`); `Dockerfile` when omitted. */
  dockerfilePath?: string;
}

/** The oracle's base image has three variants: the original and two "updated upstream". */
const MAX_VARIANT = 3;

function octal(mode: number): string {
  return mode.toString(8).padStart(3, '0');
}

/** Text files by path (the Dockerfile included), and what cannot be expressed. */
function textFiles(
  w: World,
  warnings: Set<string>,
  dockerfilePath = DOCKERFILE_PATH
): Map<string, { text: string; mode: number; mtime: number }> {
  const out = new Map<string, { text: string; mode: number; mtime: number }>();
  out.set(dockerfilePath, { text: w.ws.dockerfile, mode: 0o644, mtime: 0 });
  for (const [path, f] of Object.entries(w.ws.files)) {
    if (f.dir) warnings.add(`The empty folder ${path} is left out: scenarios hold files only.`);
    else if (typeof f.data !== 'string')
      warnings.add(`The binary file ${path} is left out: scenarios hold text files only.`);
    else out.set(path, { text: f.data, mode: f.mode, mtime: f.mtime });
  }
  return out;
}

function variantOf(n: number, ref: string, warnings: Set<string>): string {
  if (n + 1 > MAX_VARIANT)
    warnings.add(
      `${ref} was updated ${n} times; the oracle has ${MAX_VARIANT - 1} updated variants, so later updates reuse the last.`
    );
  return String(Math.min(n + 1, MAX_VARIANT));
}

/**
 * `builders`: the builders the scenario asks to record; by default the ones the
 * builds used, or both when `both` is set (lessons are recorded with both).
 */
export function scenarioFromBuilds(
  points: BuildPoint[],
  description: string,
  opts: { both?: boolean } = {}
): { scenario: Scenario; warnings: string[] } {
  const warnings = new Set<string>();
  if (!points.length)
    return { scenario: { description, files: {}, builds: [] }, warnings: ['There is no build to export.'] };
  const first = textFiles(points[0].world, warnings, points[0].dockerfilePath);
  const files: Record<string, string> = {};
  const modes: Record<string, string> = {};
  for (const [p, f] of first) {
    files[p] = f.text;
    if (f.mode !== 0o644) modes[p] = octal(f.mode);
  }
  const builders = new Set<Builder>(points.map((p) => p.world.settings.builder));
  if (builders.size > 1)
    warnings.add('These builds used both builders; a scenario replays every build with each builder.');

  const builds: ScenarioBuild[] = [];
  let prev = first;
  let prevUpstream: Record<string, number> = {};
  for (const [i, point] of points.entries()) {
    const now = i === 0 ? first : textFiles(point.world, warnings, point.dockerfilePath);
    const b: ScenarioBuild = { label: point.label };
    if (point.dockerfilePath && point.dockerfilePath !== DOCKERFILE_PATH) b.dockerfile = point.dockerfilePath;
    if (i > 0) {
      const edit: Record<string, string | null> = {};
      const modeChanges: Record<string, string> = {};
      for (const [p, f] of now) {
        const old = prev.get(p);
        // Rewriting the same bytes is how a scenario says "touch": new mtime, same content.
        if (!old || old.text !== f.text || old.mtime !== f.mtime) edit[p] = f.text;
        if ((old?.mode ?? 0o644) !== f.mode) modeChanges[p] = octal(f.mode);
      }
      for (const p of prev.keys()) if (!now.has(p)) edit[p] = null;
      if (Object.keys(edit).length) b.edit = edit;
      if (Object.keys(modeChanges).length) b.modes = modeChanges;
    }
    const s = point.world.settings;
    const images: Record<string, string> = {};
    for (const ref of new Set([...Object.keys(s.upstream), ...Object.keys(prevUpstream)])) {
      const n = s.upstream[ref] ?? 0;
      if (n === (prevUpstream[ref] ?? 0)) continue;
      if (isRemoteUrl(ref))
        warnings.add(
          `${ref} changed upstream, which a scenario cannot say: the oracle's daemon has no network, so its ADD fails there.`
        );
      else images[ref] = variantOf(n, ref, warnings);
    }
    if (Object.keys(images).length) b.images = images;
    if (Object.keys(point.world.ws.buildArgs).length) b.args = { ...point.world.ws.buildArgs };
    if (s.target) b.target = s.target;
    if (s.noCache) b.noCache = true;
    builds.push(b);
    prev = now;
    prevUpstream = s.upstream;
  }
  const scenario: Scenario = { description, files };
  // The recording harness tags the images a root Dockerfile names; a Dockerfile elsewhere must name them here.
  const nested = points[0].dockerfilePath;
  if (nested && nested !== DOCKERFILE_PATH) {
    const named = imagesNamedIn(points[0].world.ws.dockerfile);
    if (Object.keys(named).length) scenario.images = named;
  }
  if (Object.keys(modes).length) scenario.modes = modes;
  if (builders.size === 1 && !opts.both) scenario.builders = [...builders];
  scenario.builds = builds;
  return { scenario, warnings: [...warnings] };
}
