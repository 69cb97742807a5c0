import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Text } from '../engine/index';
import { CHUNK, hashBlob, TEXT_LIMIT, WHOLE_LIMIT } from './hash';
import { inlineHasher } from './hasher';
import { memoryFolder } from './memory-handles';
import { readFolder, type FolderProgress } from './reader';

const nodeDigest = (b: Uint8Array | string) => 'sha256:' + createHash('sha256').update(b).digest('hex');

async function read(files: Record<string, string | Uint8Array>, textBudget?: number) {
  const { root, touches } = memoryFolder('app', files);
  const seen: FolderProgress[] = [];
  const r = await readFolder(root, { hasher: inlineHasher({ textBudget }), onProgress: (p) => seen.push(p) });
  const by = Object.fromEntries(r.files.map((f) => [f.path, f.outcome]));
  return { r, by, seen, touches };
}

describe('hashBlob', () => {
  it('keeps text byte for byte: a byte order mark and CRLF survive, so the text hashes as the file', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a\r\nb\n')]);
    const o = await hashBlob({ id: 0, blob: new Blob([bytes]), textLimit: 1000 });
    expect(o).toMatchObject({ ok: true, digest: nodeDigest(bytes), size: 8 });
    if (!o.ok || o.text === undefined) throw new Error('expected text');
    expect(sha256Text(o.text)).toBe(nodeDigest(bytes));
  });

  it('keeps invalid UTF-8 or NUL bytes as binary: digest and size only', async () => {
    const bytes = new Uint8Array([0x68, 0x69, 0xff, 0x00]);
    const o = await hashBlob({ id: 0, blob: new Blob([bytes]), textLimit: 1000 });
    expect(o).toEqual({ id: 0, ok: true, digest: nodeDigest(bytes), size: 4, mtime: 0, binary: true });
  });

  it('keeps a small archive’s bytes, which ADD unpacks', async () => {
    const gz = new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3]);
    const o = await hashBlob({ id: 0, blob: new Blob([gz]), textLimit: 0 });
    expect(o.ok && o.bytes).toEqual(gz);
  });

  it('streams a file bigger than a whole read in chunks, reporting bytes as it goes', async () => {
    const big = new Uint8Array(WHOLE_LIMIT + 3 * 1024 * 1024);
    for (let i = 0; i < big.length; i += 4096) big[i] = i & 0xff;
    const steps: number[] = [];
    const o = await hashBlob({ id: 7, blob: new Blob([big]), textLimit: TEXT_LIMIT }, (n) => steps.push(n));
    expect(o).toEqual({ id: 7, ok: true, digest: nodeDigest(big), size: big.length, mtime: 0, binary: true });
    const chunks = Math.ceil(big.length / CHUNK);
    expect(steps).toEqual(Array.from({ length: chunks }, (_, i) => Math.min((i + 1) * CHUNK, big.length)));
    expect(steps.length).toBeGreaterThan(2);
  });

  it('turns a failed read into a message', async () => {
    const blob = {
      size: 3,
      arrayBuffer: () => Promise.reject(Object.assign(new Error('x'), { name: 'NotReadableError' }))
    };
    const o = await hashBlob({ id: 1, blob: blob as unknown as Blob, textLimit: 10 });
    expect(o).toMatchObject({ ok: false, message: expect.stringMatching(/could not read/) });
  });
});

describe('readFolder', () => {
  it('reads and hashes what the build sends, reports progress, and leaves the rest unopened', async () => {
    const { r, by, seen, touches } = await read({
      '.dockerignore': 'node_modules\n',
      Dockerfile: 'FROM scratch\nCOPY . /\n',
      'src/a.txt': 'hello\n',
      'node_modules/x/index.js': 'x'
    });
    expect(touches.opened).toEqual(['.dockerignore', '.dockerignore', 'Dockerfile', 'src/a.txt']);
    expect(by['src/a.txt']).toMatchObject({ ok: true, text: 'hello\n', digest: nodeDigest('hello\n') });
    expect(r.walk.skippedDirs).toEqual(['node_modules']);
    const last = seen[seen.length - 1];
    expect(last).toMatchObject({
      listed: true,
      queued: 3,
      read: 3,
      skippedDirs: 1,
      bytesQueued: 41,
      bytesRead: 41
    });
    // Counts only ever grow.
    for (let i = 1; i < seen.length; i++) expect(seen[i].read).toBeGreaterThanOrEqual(seen[i - 1].read);
  });

  it('keeps text up to the size an editor holds and within the budget; beyond, digest only', async () => {
    const { by } = await read(
      {
        Dockerfile: 'FROM scratch',
        'a.txt': 'a'.repeat(100),
        'b.txt': 'b'.repeat(100),
        'big.txt': 'c'.repeat(TEXT_LIMIT + 1)
      },
      150
    );
    expect(by['a.txt']).toMatchObject({ text: 'a'.repeat(100) });
    expect(by['b.txt']).toMatchObject({ binary: false, digest: nodeDigest('b'.repeat(100)) });
    expect(by['b.txt']).not.toHaveProperty('text');
    expect(by['big.txt']).toMatchObject({ binary: false, size: TEXT_LIMIT + 1 });
    expect(by['big.txt']).not.toHaveProperty('text');
    // The Dockerfile's text is always kept, budget or not.
    expect(by['Dockerfile']).toMatchObject({ text: 'FROM scratch' });
  });

  it('stops reading when cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 2000; i++) files[`f${i}`] = 'x';
    const { root } = memoryFolder('big', files);
    const c = new AbortController();
    const run = readFolder(root, {
      hasher: inlineHasher(),
      signal: c.signal,
      onProgress: (p) => {
        if (p.found >= 400) c.abort(new DOMException('cancelled', 'AbortError'));
      }
    });
    await expect(run).rejects.toThrow('cancelled');
  });
});
