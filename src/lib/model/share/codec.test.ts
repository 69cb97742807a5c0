import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { layersAndCache } from '../lessons/builtin/layers-and-cache';
import { restoreSaved, toSaved } from '../../state/saved.svelte';
import { Session } from '../../state/session.svelte';
import { inlineEngine } from '../../worker/compute';
import { decodeLink, encodeLink, fragmentOf, MAX_LINK_CHARS } from './codec';

const pack = (body: unknown) =>
  btoa(String.fromCharCode(...deflateSync(strToU8(JSON.stringify(body)))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

async function session(): Promise<Session> {
  let t = 1;
  const s = new Session({ engine: inlineEngine(), now: () => t++ });
  await s.lessons.begin(layersAndCache, 2);
  s.workspace.addFile('logo.bin', new Uint8Array([0, 1, 2, 255]));
  s.workspace.writeFile('app.py', 'print("<b>hi</b>")\n');
  await s.prediction.settled();
  return s;
}

describe('share links', () => {
  it('carry a whole session, bytes, cache, history and lesson step, and restore it exactly', async () => {
    const s = await session();
    const saved = toSaved(s);
    const link = encodeLink({ kind: 'share', session: saved });
    const d = decodeLink('share', link);
    expect(d.ok).toBe(true);
    if (!d.ok || d.payload.kind !== 'share') return;
    expect(d.payload.session).toEqual(saved);
    expect(d.payload.session.files['logo.bin'].data).toEqual(new Uint8Array([0, 1, 2, 255]));
    const t = new Session({ engine: inlineEngine() });
    restoreSaved(t, d.payload.session);
    await t.prediction.settled();
    expect(t.prediction.result?.steps.map((x) => x.status)).toEqual(
      s.prediction.result?.steps.map((x) => x.status)
    );
    expect(t.lessons.progress?.step).toBe(2);
    expect(t.daemon.history).toHaveLength(s.daemon.history.length);
  });

  it('carry step timings, the compare setup and an opened folder whose big files stayed on disk', async () => {
    const s = await session();
    s.timing.setStepSeconds(1, 12);
    const saved = toSaved(s);
    const digest = `sha256:${'ab'.repeat(32)}` as const;
    saved.files['data/big.bin'] = {
      data: null,
      mode: 0o644,
      mtime: 5,
      digest,
      size: 9_000_000,
      digestOnly: 'large'
    };
    saved.files['node_modules'] = { data: null, mode: 0o755, mtime: 5, dir: true, unread: true };
    saved.dockerfilePath = 'docker/Dockerfile';
    saved.compare = { source: 'seed', a: 'FROM a', b: 'FROM b', day: null };
    const d = decodeLink('share', encodeLink({ kind: 'share', session: saved }));
    if (!d.ok || d.payload.kind !== 'share') throw new Error(d.ok ? 'not a share' : d.message);
    const got = d.payload.session;
    expect(got.files['data/big.bin']).toEqual(saved.files['data/big.bin']);
    expect(got.files['node_modules']).toEqual(saved.files['node_modules']);
    expect(got.dockerfilePath).toBe('docker/Dockerfile');
    expect(got.timing).toEqual(saved.timing);
    expect(Object.keys(got.timing?.overrides ?? {})).toHaveLength(1);
    expect(got.compare).toEqual(saved.compare);
  });

  it('reads the fragment forms', () => {
    expect(fragmentOf('#share=abc')).toEqual({ kind: 'share', data: 'abc' });
    expect(fragmentOf('#lesson=x')).toEqual({ kind: 'lesson', data: 'x' });
    expect(fragmentOf('#prediction')).toBeNull();
  });

  it('refuse broken, truncated, huge and hostile links with a clear message', async () => {
    const good = encodeLink({ kind: 'share', session: toSaved(await session()) });
    const cases: Array<[string, string, RegExp]> = [
      ['empty', '', /empty/],
      ['bad characters', 'abc<script>', /characters/],
      ['truncated', good.slice(0, good.length - 40), /incomplete|damaged/],
      ['not deflate', 'AAAAAAAAAAAAAAAA', /damaged|incomplete/],
      ['too long', 'A'.repeat(MAX_LINK_CHARS + 1), /too long/],
      ['bomb', toUrl(deflateSync(new Uint8Array(40_000_000))), /more than 32 MB/],
      ['not json', toUrl(deflateSync(strToU8('hello'))), /not JSON/],
      ['foreign json', pack({ hello: 1 }), /not a Layer Lab link/],
      [
        'wrong types',
        pack({ app: 'layerlab', version: 1, kind: 'share', session: { dockerfile: 5 } }),
        /not valid/
      ],
      [
        'path outside the context',
        pack({
          app: 'layerlab',
          version: 1,
          kind: 'share',
          session: { ...JSON.parse('{}'), files: { '../etc/passwd': {} } }
        }),
        /not valid/
      ]
    ];
    for (const [name, data, want] of cases) {
      const d = decodeLink('share', data);
      expect(d.ok, name).toBe(false);
      if (!d.ok) expect(d.message, name).toMatch(want);
    }
  });
});

function toUrl(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
