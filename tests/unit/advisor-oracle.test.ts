/**
 * The advisor on every oracle scenario, both builders: each proposal, applied
 * to the scenario's Dockerfile and replayed through the scenario's OWN builds
 * (its edits, modes, build args, targets and image updates, which the advisor
 * never saw: it checks its rule on its default day), must leave the files and
 * config of the image the same in every build, as the engine models them.
 * Cache directories a cache-mount proposal takes out on purpose are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  advise,
  imageContents,
  imageDifferences,
  imagesNamedIn,
  type Scenario
} from '../../src/lib/engine/index';
import { oracleVariantDigest } from '../../src/lib/engine/images';
import type { Builder, ContextFile } from '../../src/lib/engine/index';

const dir = join(import.meta.dirname, '..', 'oracle', 'scenarios');
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({
    name: f.slice(0, -5),
    scenario: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Scenario
  }));

interface State {
  label: string;
  files: Record<string, ContextFile>;
  args?: Record<string, string>;
  target?: string;
  images: Record<string, string>;
  dockerfilePath: string;
}

/** The context before each build of a scenario, as the oracle harness makes it. */
function states(s: Scenario): State[] {
  const files = new Map<string, string>(Object.entries(s.files));
  const modes = new Map<string, number>(Object.entries(s.modes ?? {}).map(([p, m]) => [p, parseInt(m, 8)]));
  const variants: Record<string, string> = {
    ...imagesNamedIn(s.files.Dockerfile ?? ''),
    ...(s.images ?? {})
  };
  const out: State[] = [];
  for (const [i, b] of (s.builds ?? [{}]).entries()) {
    for (const [p, t] of Object.entries(b.edit ?? {})) {
      if (t === null)
        for (const k of [...files.keys()]) if (k === p || k.startsWith(p + '/')) files.delete(k);
      if (t !== null) files.set(p, t);
    }
    for (const [p, m] of Object.entries(b.modes ?? {})) modes.set(p, parseInt(m, 8));
    Object.assign(variants, b.images ?? {});
    const ctx: Record<string, ContextFile> = {};
    for (const [p, t] of files) ctx[p] = { data: t, mode: modes.get(p) ?? 0o644 };
    for (const [p, m] of modes)
      if (!files.has(p) && [...files.keys()].some((k) => k.startsWith(p + '/')))
        ctx[p] = { type: 'dir', mode: m };
    const images = Object.fromEntries(
      Object.entries(variants).map(([ref, v]) => [ref, oracleVariantDigest(v)])
    );
    out.push({
      label: b.label ?? `build ${i + 1}`,
      files: ctx,
      args: b.args,
      target: b.target,
      images,
      dockerfilePath: b.dockerfile ?? 'Dockerfile'
    });
  }
  return out;
}

let proposed = 0;
const proposedIn = new Set<string>();

describe('advisor proposals keep every oracle scenario image the same', () => {
  for (const { name, scenario } of scenarios) {
    for (const builder of (scenario.builders ?? ['buildkit', 'legacy']) as Builder[]) {
      it(`${name} (${builder})`, () => {
        const all = states(scenario);
        const first = all[0];
        const original = String(first.files[first.dockerfilePath]?.data ?? '');
        const advice = advise({
          dockerfile: original,
          dockerfilePath: first.dockerfilePath,
          context: { files: first.files },
          builder,
          buildArgs: first.args,
          target: first.target,
          images: first.images,
          imageModel: 'oracle'
        });
        for (const p of advice.proposals) {
          proposed++;
          proposedIn.add(name);
          // Replay the scenario's builds that still use the Dockerfile the proposal rewrote.
          for (const st of all) {
            if (st.dockerfilePath !== first.dockerfilePath || st.files[st.dockerfilePath]?.data !== original)
              break;
            const input = {
              context: { files: st.files },
              dockerfilePath: st.dockerfilePath,
              builder,
              buildArgs: st.args,
              target: st.target,
              images: st.images,
              imageModel: 'oracle' as const
            };
            const before = imageContents({ ...input, dockerfile: original });
            const after = imageContents({ ...input, dockerfile: p.dockerfile });
            expect(imageDifferences(before, after, p.sameImage.ignored), `${p.id} in "${st.label}"`).toEqual(
              []
            );
          }
        }
      });
    }
  }

  it('proposes something where the scenarios show a slow order', () => {
    expect(proposed).toBeGreaterThan(0);
    expect([...proposedIn]).toEqual(
      expect.arrayContaining([
        'pip-source-before-requirements',
        'npm-source-before-install',
        'timing-pip-source-first'
      ])
    );
  });
});
