#!/usr/bin/env node
// postinstall: in a checkout of Layer Lab (where vite.cli.config.ts and the dev
// dependencies are), build the CLI bundle if it is missing, so `layerlab` works
// right after `npm install`: for developers, and for pre-commit, which installs a
// hook by running `npm install` in a clone and then `npm pack`. An installed
// package ships its bundle, so there this does nothing.
// Build output goes to stderr: `npm pack` callers read its stdout for the file name.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (!existsSync(join(root, 'dist', 'cli', 'layerlab.js')) && existsSync(join(root, 'vite.cli.config.ts'))) {
  const r = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.stderr.write('layerlab: building the CLI failed; run `npm run build:cli` to see why.\n');
}
