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
    {
      group: ['node:*'],
      message:
        'The engine is host-neutral: no node:* modules (the CLI hashes with node:crypto and passes digests in).'
    },
    {
      group: [
        '$app/*',
        '$env/*',
        '$lib/*',
        '../worker/*',
        '../state/*',
        '../editor/*',
        '../visualizer/*',
        '../../*'
      ],
      message: 'The engine imports only itself.'
    }
  ],
  paths: ['fs', 'path', 'crypto', 'os', 'child_process', 'url', 'util', 'stream', 'buffer'].map((name) => ({
    name,
    message: 'The engine is host-neutral: no Node built-ins.'
  }))
};

// state/ holds the runes (the Session and its concerns); the UI folders import
// it, so it imports none of them back: only the engine, the worker client, the
// model and itself. Named by what is allowed, so a new UI folder is covered too.
const stateBans = {
  patterns: [
    {
      regex: '^(\\.\\./(?!engine/|model/|worker/)|\\.\\./\\.\\./|\\$lib/(?!engine/|model/|worker/))',
      message:
        'state/ imports only ../engine, ../model, ../worker and itself: UI folders import state, never the other way (move pure data and helpers to src/lib/model).'
    },
    {
      group: ['@codemirror/*', 'codemirror'],
      message: 'The Session knows nothing of CodeMirror: editor/ maps session data to extensions.'
    }
  ]
};

// model/ is the plain data and pure helpers that state and the UI share: no
// runes, no state, no UI. Relative imports may climb only to the engine, so the
// pattern depends on how deep the file sits.
const modelBans = (depth) => ({
  patterns: [
    {
      regex: `^(${'\\.\\./'.repeat(depth)}(?!engine/)|\\$lib/(?!engine/|model/))`,
      message:
        'model/ imports only the engine and itself: it is what state and the UI share, so it depends on neither.'
    },
    {
      group: ['svelte', 'svelte/*', '@sveltejs/*', '$app/*'],
      message: 'model/ is plain TypeScript: no Svelte.'
    },
    { group: ['@codemirror/*', 'codemirror'], message: 'model/ knows nothing of the editor.' }
  ]
});

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
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
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
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'fetch',
          'process',
          'Buffer',
          'require',
          'performance',
          'setTimeout',
          'setInterval'
        ].map((name) => ({
          name,
          message: 'The engine is a pure function of its input: no host globals.'
        }))
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'No clock in the engine: same input, same output.' },
        {
          object: 'Math',
          property: 'random',
          message: 'No randomness in the engine: same input, same output.'
        }
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date']", message: 'No clock in the engine.' }
      ]
    }
  },
  {
    files: ['src/lib/state/**/*.ts'],
    ignores: ['src/lib/state/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', stateBans] }
  },
  ...[1, 2, 3].map((depth) => ({
    files: [`src/lib/model/${'*/'.repeat(depth - 1)}*.ts`],
    ignores: ['src/lib/model/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', modelBans(depth)] }
  }))
);
