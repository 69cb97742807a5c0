/**
 * LL002: `apt-get update` (or `apk update`) in a RUN that installs nothing.
 * The step's key is its command text, so its layer of package lists is reused
 * for as long as the line is unchanged; a later RUN that adds a package then
 * installs from those stale lists (old versions, or 404s once the mirror moved on).
 */
import type { ParsedInstruction } from '../parse';
import { commandsOf, runsSubcommand, type Invocation } from './run-commands';
import type { LintRule } from './rule-context';
import type { LintFinding, LintFix } from './types';

const APT = ['apt-get', 'apt'];
const updates = (c: Invocation) => runsSubcommand(c, [...APT, 'apk'], ['update']);
const installs = (c: Invocation) =>
  runsSubcommand(c, APT, ['install', 'upgrade', 'dist-upgrade', 'full-upgrade']) ||
  runsSubcommand(c, ['apk'], ['add', 'upgrade']);

/** The first command of a RUN that `test` accepts, or undefined. */
const runs = (ins: ParsedInstruction, test: (c: Invocation) => boolean) =>
  ins.keyword === 'RUN' ? commandsOf(ins.json ?? ins.args).find(test) : undefined;

export const aptUpdateAlone: LintRule = {
  id: 'LL002',
  name: 'apt-update-alone',
  severity: 'warning',
  title: 'A RUN refreshes the package lists without installing anything',
  description:
    'Docker caches a RUN by its command text, not by what it downloads. A step that only runs `apt-get update` keeps its first package lists for as long as the line is unchanged; a later RUN that installs a package reads those old lists. Update and install in the same RUN, so a change to the package list refreshes them too.',
  docs: 'docs/rules/LL002.md',
  examples: {
    before: {
      dockerfile:
        'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n'
    },
    after: {
      dockerfile:
        'FROM debian:bookworm-slim\nRUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n'
    }
  },
  check(ctx) {
    const out: LintFinding[] = [];
    for (const st of ctx.plan.stages) {
      const body = st.instructions;
      body.forEach((ins, i) => {
        const update = runs(ins, updates);
        if (!update || runs(ins, installs)) return;
        const tool = update.program === 'apk' ? 'apk' : 'apt-get';
        const next = body.slice(i + 1).find((b) => runs(b, installs));
        const fix: LintFix = {
          description: next
            ? `Fold the update into the install on line ${next.range.line}: \`RUN ${tool} update && ${next.args}\`, and delete this RUN.`
            : `Run \`${tool} update\` in the same RUN as the install that needs it, or delete it if nothing installs.`
        };
        // Merging is mechanical when the install follows directly; anything in between might depend on the lists.
        if (next && body[i + 1] === next && next.json === null && next.flags.length === 0) {
          const argsAt = ctx.dockerfile.indexOf(
            next.args.split(/\s/)[0],
            next.range.from + next.written.length
          );
          fix.edits = [
            ctx.deleteLines(ins.range),
            { file: ctx.dockerfilePath, from: argsAt, to: argsAt, text: `${tool} update && ` }
          ];
        }
        out.push(
          ctx.finding(
            this,
            ins.range,
            `\`${ins.original}\` only refreshes the package lists: Docker reuses this layer as long as the line is unchanged, so ${next ? `the install on line ${next.range.line}` : 'a later install'} reads stale lists.`,
            fix
          )
        );
      });
    }
    return out;
  }
};
