import { error } from '@sveltejs/kit';
import { LESSONS, lessonById } from '$lib/model/lessons/index';

/** Every built-in lesson gets a prerendered page, so a teacher's link works on a static host. */
export function entries() {
  return LESSONS.map((l) => ({ id: l.id }));
}

export function load({ params }) {
  const lesson = lessonById(params.id);
  if (!lesson) error(404, `No lesson called ${params.id}`);
  return { id: lesson.id, title: lesson.title, summary: lesson.summary };
}
