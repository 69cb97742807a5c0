/**
 * A bug in the engine is reported as Layer Lab's own fault, never as a file the
 * user must fix: the engine's tar sniff is made to throw while the CLI reads a
 * perfectly readable file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { main } from './main';

vi.mock('../lib/engine/index', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/engine/index')>()),
  isTar: () => {
    throw new RangeError('Invalid code point 1114112');
  }
}));

const dir = mkdtempSync(join(tmpdir(), 'layerlab-bug-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('an exception inside the engine is an internal error, not an unreadable file', async () => {
  writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:3.20\nCOPY . .\n');
  writeFileSync(join(dir, 'blob.bin'), new Uint8Array(1024).fill(0xf4));
  let err = '';
  const code = await main(['check', dir, '--since', 'none'], {
    stdout: () => {},
    stderr: (t) => void (err += t),
    cwd: dir,
    env: {},
    isTTY: false,
    columns: 80
  });
  expect(code).toBe(2);
  expect(err).toMatch(/internal error, a bug in Layer Lab/);
  expect(err).not.toMatch(/cannot read|make it readable/);
});
