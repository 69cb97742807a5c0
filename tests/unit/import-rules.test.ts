/**
 * The import rules in eslint.config.js fire: state/ never imports a UI folder
 * (the UI imports state), and model/ imports only the engine and itself.
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });

/** The `no-restricted-imports` messages for one import in a file at `filePath`. */
async function banned(filePath: string, from: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as x from '${from}';\nexport default x;\n`, { filePath });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('state/ imports no UI folder', () => {
  // A real rune module's path, so the type-aware parser knows the file; the text is the test's own.
  const file = 'src/lib/state/notices.svelte.ts';

  it.each([
    '../lessons/LessonPanel.svelte',
    '../visualizer/layout',
    '../folder/project',
    '../examples/ExampleCard.svelte',
    '../timing/analysis.svelte',
    '../Playground.svelte',
    '../../routes/+page.svelte',
    '$lib/editor/Editor.svelte'
  ])('%s is refused', async (from) => {
    expect(await banned(file, from)).toEqual([expect.stringContaining('state/ imports only')]);
  });

  it('CodeMirror is refused', async () => {
    expect(await banned(file, '@codemirror/view')).toEqual([
      expect.stringMatching(/knows nothing of CodeMirror/)
    ]);
  });

  it.each([
    './session.svelte',
    '../model/workspace',
    '../engine/types',
    '../worker/protocol',
    '$lib/model/paths',
    'svelte'
  ])('%s is allowed', async (from) => {
    expect(await banned(file, from)).toEqual([]);
  });

  it('a test beside the state may import anything', async () => {
    expect(await banned('src/lib/state/x.test.ts', '../folder/project')).toEqual([]);
  });
});

describe('model/ imports only the engine and itself', () => {
  it.each<[string, string]>([
    ['src/lib/model/x.ts', '../state/session.svelte'],
    ['src/lib/model/x.ts', '../timing/TimingPanel.svelte'],
    ['src/lib/model/x.ts', '../worker/protocol'],
    ['src/lib/model/lessons/x.ts', '../../share/ShareLink.svelte'],
    ['src/lib/model/lessons/builtin/x.ts', '../../../state/saved.svelte'],
    ['src/lib/model/x.ts', '$lib/visualizer/layout']
  ])('%s may not import %s', async (file, from) => {
    expect(await banned(file, from)).toEqual([expect.stringContaining('model/ imports only')]);
  });

  it('Svelte is refused', async () => {
    expect(await banned('src/lib/model/x.ts', 'svelte')).toEqual([expect.stringMatching(/no Svelte/)]);
  });

  it.each<[string, string]>([
    ['src/lib/model/x.ts', '../engine/types'],
    ['src/lib/model/x.ts', './workspace'],
    ['src/lib/model/lessons/x.ts', '../share/schema'],
    ['src/lib/model/lessons/x.ts', '../../engine/index'],
    ['src/lib/model/lessons/builtin/x.ts', '../types'],
    ['src/lib/model/x.ts', 'valibot']
  ])('%s may import %s', async (file, from) => {
    expect(await banned(file, from)).toEqual([]);
  });
});
