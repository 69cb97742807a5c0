import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A static site: the engine runs in the browser, nothing is ever uploaded.
    adapter: adapter({ fallback: '404.html' }),
    paths: { relative: true },
    // The policy goes into each prerendered page as a <meta http-equiv> (a static
    // host sends no headers of ours); 'hash' because prerendered pages cannot
    // carry a per-request nonce: SvelteKit adds the hash of its boot script.
    // It allows exactly what the app uses (tests/e2e/csp.spec.ts exercises it):
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // Our own modules only: no eval, no wasm (nothing here uses either).
        'script-src': ['self'],
        // The engine, analysis, scenario and folder workers are module files of this site.
        'worker-src': ['self'],
        // CodeMirror mounts its theme as <style> elements and sets style
        // attributes, as do Svelte's style: bindings; styles cannot run code.
        'style-src': ['self', 'unsafe-inline'],
        // blob: the SVG drawn onto a canvas for PNG export; data: CodeMirror's
        // lint underline is an inline SVG background.
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
        // frame-ancestors, report-uri and sandbox are ignored in a <meta> policy (with a console error).
      }
    }
  }
};

export default config;
