#!/usr/bin/env node
// Entry point of the `layerlab` command: loads the bundled CLI (built on install; npm run build:cli).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const bundle = join(here, '..', 'dist', 'cli', 'layerlab.js');
if (!existsSync(bundle)) {
  process.stderr.write('layerlab: the CLI is not built yet. Run `npm run build:cli` in the Layer Lab repository first.\n');
  process.exit(2);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
