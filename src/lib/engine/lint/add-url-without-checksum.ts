/**
 * LL007: `ADD <url>` with no checksum. The daemon cannot know whether a URL
 * still serves the same bytes without fetching it, so every build fetches the
 * file again just to compute the step's key, a build without network fails at
 * that step, and nothing checks that the bytes are the ones you meant.
 *
 * Docker 20.10's built-in Dockerfile frontend has no `ADD --checksum` (it
 * rejects the flag); the fix for it is a RUN that downloads and verifies.
 */
import type { LintRule } from './rule-context';
import type { LintFinding } from './types';

const URL = /^https?:\/\//i;

export const addUrlWithoutChecksum: LintRule = {
  id: 'LL007',
  name: 'add-url-without-checksum',
  severity: 'warning',
  title: 'ADD downloads a URL without a checksum',
  description:
    'For `ADD <url>` the daemon has to fetch the URL on every build to learn whether the step is still cached, so a build without network fails there, and whatever the server returns goes into the image unchecked. Docker 20.10 has no `ADD --checksum`: download in a RUN that verifies a pinned SHA-256 (the RUN is then cached by its text, which pins the bytes). With a newer Docker (Dockerfile syntax 1.6 or later), `ADD --checksum=sha256:<hex> <url> <dest>` does both.',
  docs: 'docs/rules/LL007.md',
  examples: {
    before: {
      dockerfile: 'FROM debian:bookworm-slim\nADD https://example.com/tool-1.4.2.tar.gz /tmp/tool.tar.gz\n'
    },
    after: {
      dockerfile:
        'FROM debian:bookworm-slim\nRUN curl -fsSLo /tmp/tool.tar.gz https://example.com/tool-1.4.2.tar.gz \\\n    && echo "<sha256 of the file>  /tmp/tool.tar.gz" | sha256sum -c -\n'
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    for (const st of ctx.plan.stages) {
      for (const ins of st.instructions) {
        if (ins.keyword !== 'ADD' || ins.flags.some((f) => f.name === 'checksum')) continue;
        const args = ctx.copyArgs(ins);
        const urls = args?.sources.filter((s) => URL.test(s)) ?? [];
        if (!args || !urls.length) continue;
        const url = urls[0];
        const name =
          url
            .replace(/[?#].*$/, '')
            .split('/')
            .filter(Boolean)
            .pop() ?? 'download';
        const dest = args.dest.endsWith('/') ? `${args.dest}${name}` : args.dest;
        out.push(
          ctx.finding(
            this,
            ins.range,
            `\`ADD ${url}\` has no checksum: every build fetches it again to decide whether the step is cached, and nothing verifies what arrives. (Docker 20.10 does not know \`ADD --checksum\`.)`,
            {
              description: `On Docker 20.10, download and verify in a RUN (the image needs curl or wget):\n  RUN curl -fsSLo ${dest} ${url} \\\n      && echo "<sha256>  ${dest}" | sha256sum -c -\nWith a newer Docker (Dockerfile syntax 1.6 or later): ADD --checksum=sha256:<sha256> ${url} ${args.dest}`
            }
          )
        );
      }
    }
    return out;
  }
};
