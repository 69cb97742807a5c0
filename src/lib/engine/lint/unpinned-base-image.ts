/**
 * LL006: a FROM with no tag, or the tag `latest`. The daemon resolves the name
 * once and keeps using the image it has, so the cache silently means "whatever
 * was latest when this machine first pulled it": another machine (CI, a
 * colleague) builds on different bytes, and a pull on this one rebuilds everything.
 */
import type { LintRule } from './rule-context';
import type { LintFinding } from './types';

export const unpinnedBaseImage: LintRule = {
  id: 'LL006',
  name: 'unpinned-base-image',
  severity: 'warning',
  title: 'A base image has no tag or the tag latest',
  description:
    'Without a tag, FROM means `latest`, and `latest` names different images over time. The daemon keeps the one it pulled first and reuses the cache built on it, so two machines with warm caches can hold different images under the same Dockerfile, and the day one of them pulls, every step rebuilds. Pin a version tag (or a digest, `name:tag@sha256:...`) and change it on purpose.',
  docs: 'docs/rules/LL006.md',
  examples: {
    before: {
      dockerfile: 'FROM python\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      files: { 'app.py': 'print("hi")\n' }
    },
    after: {
      dockerfile: 'FROM python:3.12.4-slim\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      files: { 'app.py': 'print("hi")\n' }
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    for (const st of ctx.plan.stages) {
      const img = st.image;
      if (!img || img.pin || (img.tag !== null && img.tag !== 'latest')) continue;
      const shown = st.baseName;
      const name = shown.replace(/:latest$/, '');
      out.push(
        ctx.finding(
          this,
          st.from.range,
          img.tag === 'latest'
            ? `\`${shown}\` follows whatever \`latest\` is when this machine pulls: cached steps on another machine were built on other bytes.`
            : `\`${shown}\` has no tag, so it means \`${shown}:latest\`: the cache keeps whatever latest was at the first pull.`,
          {
            description: `Pin a version: \`FROM ${name}:<version>\`, or a digest as well (\`${name}:<version>@sha256:<digest>\`; \`docker images --digests ${name}\` shows the one you have).`
          }
        )
      );
    }
    return out;
  }
};
