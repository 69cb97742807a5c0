import { error } from '@sveltejs/kit';
import { EXAMPLES, exampleBySlug } from '$lib/model/examples/index';

/** Every example gets a prerendered page, so a link to one works on a static host. */
export function entries() {
  return EXAMPLES.map((e) => ({ slug: e.slug }));
}

export function load({ params }) {
  const example = exampleBySlug(params.slug);
  if (!example) error(404, `No example called ${params.slug}`);
  return { slug: example.slug, title: example.title, summary: example.summary };
}
