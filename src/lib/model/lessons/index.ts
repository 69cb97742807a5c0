/** The built-in lessons, in the order a course would take them. */
import { baseImages, cacheMounts, multiStage } from './builtin/advanced';
import { layersAndCache, orderMatters, whatCounts } from './builtin/basics';
import { argAndEnv, dockerignore } from './builtin/context';
import type { Lesson } from './types';

export type { Lesson, LessonStep, LessonAction, LessonCheck, Evidence } from './types';

export const LESSONS: Lesson[] = [
  layersAndCache,
  orderMatters,
  whatCounts,
  dockerignore,
  argAndEnv,
  multiStage,
  baseImages,
  cacheMounts
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
