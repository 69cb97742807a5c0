// Bundles the CLI (src/cli) and the engine it shares with the browser into one
// Node ESM file, dist/cli/layerlab.js, which bin/layerlab.js loads.
import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';

export default defineConfig({
  build: {
    ssr: 'src/cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { entryFileNames: 'layerlab.js', format: 'es' }
    }
  },
  ssr: { noExternal: true }
});
