/** Dockerfile highlighting (the CodeMirror legacy mode) and completion of instructions and their flags. */
import { type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { StreamLanguage } from '@codemirror/language';
import { dockerFile } from '@codemirror/legacy-modes/mode/dockerfile';

export const dockerfileLanguage = StreamLanguage.define(dockerFile);

/** Instructions Docker 20.10 knows, with a few words each. */
export const INSTRUCTIONS: Array<[string, string]> = [
  ['FROM', 'Start a stage from an image or an earlier stage'],
  ['RUN', 'Run a command; its text is part of the cache key'],
  ['COPY', 'Copy files; their content and mode are part of the key'],
  ['ADD', 'Copy files, URLs or archives'],
  ['WORKDIR', 'Set the working directory'],
  ['ENV', 'Set environment variables for later steps'],
  ['ARG', 'Declare a build argument'],
  ['USER', 'Set the user for later steps'],
  ['CMD', 'Default command (image config, no layer)'],
  ['ENTRYPOINT', 'Entry point (image config, no layer)'],
  ['EXPOSE', 'Document a port (image config)'],
  ['LABEL', 'Add metadata (image config)'],
  ['VOLUME', 'Declare a volume'],
  ['SHELL', 'Change the shell of later RUN steps'],
  ['HEALTHCHECK', 'How to check the container is healthy'],
  ['STOPSIGNAL', 'Signal that stops the container'],
  ['ONBUILD', 'An instruction for images built FROM this one']
];

export const FLAGS: Record<string, string[]> = {
  FROM: ['--platform='],
  COPY: ['--from=', '--chown=', '--chmod=', '--link'],
  ADD: ['--chown=', '--chmod=', '--checksum=', '--link'],
  RUN: [
    '--mount=type=cache,target=',
    '--mount=type=bind,source=',
    '--mount=type=secret,id=',
    '--mount=type=ssh',
    '--network=',
    '--security='
  ],
  HEALTHCHECK: ['--interval=', '--timeout=', '--start-period=', '--retries=']
};

const keywordOptions: Completion[] = INSTRUCTIONS.map(([label, info]) => ({
  label,
  type: 'keyword',
  info,
  apply: label + ' '
}));

/** Completes an instruction at the start of a line, and its flags right after it. */
export function dockerfileCompletions(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const word = /^\s*([A-Za-z]*)$/.exec(before);
  if (word && (word[1] || ctx.explicit)) {
    return { from: ctx.pos - word[1].length, options: keywordOptions, validFor: /^[A-Za-z]*$/ };
  }
  const flag = /^\s*([A-Za-z]+)\s+(?:--\S+\s+)*(-{0,2}[\w-]*)$/.exec(before);
  if (flag) {
    const flags = FLAGS[flag[1].toUpperCase()];
    if (flags && (flag[2] || ctx.explicit)) {
      return {
        from: ctx.pos - flag[2].length,
        options: flags.map((f) => ({ label: f, type: 'property' })),
        validFor: /^-{0,2}[\w-]*$/
      };
    }
  }
  return null;
}
