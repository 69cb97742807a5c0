import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// Dependencies point inward (see DESIGN.md): the engine is pure TypeScript and
// may import only itself and its few libraries, so the browser, the worker and
// the CLI can all host it.
const engineBans = {
  patterns: [
    { group: ['svelte', 'svelte/*', '@sveltejs/*'], message: 'The engine is pure TypeScript: no Svelte.' },
    { group: ['@codemirror/*', 'codemirror'], message: 'The engine knows nothing of the editor.' },
    { group: ['node:*'], message: 'The engine is host-neutral: no node:* modules (the CLI hashes with node:crypto and passes digests in).' },
    { group: ['$app/*', '$env/*', '$lib/*', '../worker/*', '../state/*', '../editor/*', '../visualizer/*', '../../*'], message: 'The engine imports only itself.' }
  ],
  paths: ['fs', 'path', 'crypto', 'os', 'child_process', 'url', 'util', 'stream', 'buffer'].map((name) => ({
    name,
    message: 'The engine is host-neutral: no Node built-ins.'
  }))
};

export default ts.config(
  { ignores: ['build/', 'dist/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-undef': 'off'
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
    }
  },
  {
    files: ['src/lib/engine/**/*.ts'],
    ignores: ['src/lib/engine/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', engineBans],
      // No DOM and no Node at run time either: these would tie the engine to one host.
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'process', 'Buffer', 'require', 'performance', 'setTimeout', 'setInterval'].map((name) => ({
          name,
          message: 'The engine is a pure function of its input: no host globals.'
        }))
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'No clock in the engine: same input, same output.' },
        { object: 'Math', property: 'random', message: 'No randomness in the engine: same input, same output.' }
      ],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date']", message: 'No clock in the engine.' }]
    }
  }
);
