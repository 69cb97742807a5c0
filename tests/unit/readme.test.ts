import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('README and CI', () => {
  it('.ci/run runs exactly the test command the README gives first', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const lines = block.split('\n').map((l) => l.replace(/\s+#.*$/, '').trim());
    expect(lines[0]).toMatch(/^npm ci && npm (start|run dev)/);
    const testCommand = lines[1];
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8').trim().split('\n');
    expect(ci[ci.length - 1].trim()).toBe(testCommand);
  });
});
