/** The built-in lessons, in the order a course would take them. */
import { argAndEnv } from './builtin/arg-and-env';
import { baseImages } from './builtin/base-images';
import { cacheMounts } from './builtin/cache-mounts';
import { dockerignore } from './builtin/dockerignore';
import { layersAndCache } from './builtin/layers-and-cache';
import { multiStage } from './builtin/multi-stage';
import { orderMatters } from './builtin/order-matters';
import { whatCounts } from './builtin/what-counts';
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
