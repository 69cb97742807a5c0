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
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8')
      .trim()
      .split('\n');
    expect(ci[ci.length - 1].trim()).toBe(testCommand);
  });

  it('the CLI section builds the CLI the way the package does: on install, or npm run build:cli', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const cli = readme.slice(readme.indexOf('## The CLI'), readme.indexOf('## Fidelity'));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const example = /```console\n([\s\S]*?)```/.exec(cli)?.[1] ?? '';
    expect(example.split('\n')[0]).toMatch(/^\$ npm ci\s+# .*installing builds the CLI/);
    // Installing builds it: postinstall runs bin/build-cli.js, which runs build:cli.
    expect(pkg.scripts.postinstall).toBe('node bin/build-cli.js');
    expect(readFileSync(join(root, 'bin', 'build-cli.js'), 'utf8')).toContain("'build:cli'");
    // build:cli builds only the CLI, not the site.
    expect(pkg.scripts['build:cli']).toContain('vite.cli.config.ts');
    expect(pkg.scripts['build:cli']).not.toMatch(/vite build(?! --config)/);
    for (const [, name] of cli.matchAll(/`npm run ([\w:-]+)`/g))
      expect(pkg.scripts, name).toHaveProperty([name]);
    expect(cli).toContain('`npm run build:cli`');
  });

  it('says what npm test needs: Chromium, and how CI installs it', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    expect(readme).toContain('/usr/bin/chromium');
    expect(readme).toMatch(/`\.ci\/run`[^.]*installs Debian's `chromium`/);
    expect(ci).toMatch(/apt-get install[^\n]*\$need/);
    expect(ci).toContain('need="$need chromium"');
  });
});
