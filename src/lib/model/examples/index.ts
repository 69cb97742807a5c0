/** The built-in examples, in menu order. The first one is what the app opens on. */
import { goMultiStage, javaMaven, rustCargo } from './compiled';
import { nodeLockfile, staticSite } from './node';
import { pythonDepsFirst, pythonSourceFirst } from './python';
import { argAndIgnoreSurprises } from './surprises';
import type { Example } from './types';

export type { Example, ExampleEdit, ExampleTry } from './types';

export const EXAMPLES: Example[] = [
  pythonDepsFirst,
  pythonSourceFirst,
  nodeLockfile,
  goMultiStage,
  javaMaven,
  rustCargo,
  staticSite,
  argAndIgnoreSurprises
];

export function exampleBySlug(slug: string): Example | undefined {
  return EXAMPLES.find((e) => e.slug === slug);
}
