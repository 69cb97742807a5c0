import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // A static site: the engine runs in the browser, nothing is ever uploaded.
    adapter: adapter({ fallback: '404.html' }),
    paths: { relative: true }
  }
};

export default config;
