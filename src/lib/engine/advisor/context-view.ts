/**
 * The advisor's view of the build context: the files the daemon would be
 * sent (after .dockerignore) and their text. Separate from index.ts because
 * rules read the context only through this view, never the host's files.
 */
import { buildContext } from '../context';
import { contextFiles } from '../context-files';
import type { EngineMemo } from '../memo';
import type { DayInput } from '../simulate-day';
import type { ContextView } from './copy-map';

/** The context of `input` as rules see it: sorted paths not excluded, and the text of each. */
export function contextView(input: DayInput, memo: EngineMemo): ContextView {
  const path = input.dockerfilePath ?? 'Dockerfile';
  const files = contextFiles(input.context);
  const tree = buildContext(
    { files },
    path,
    input.dockerfile,
    input.builder === 'legacy' ? 'legacy' : 'buildkit',
    memo
  );
  const paths = Object.keys(files)
    .filter((p) => (files[p].type ?? 'file') === 'file' && !tree.isExcluded(p))
    .sort();
  const set = new Set(paths);
  return {
    paths,
    has: (p) => set.has(p),
    text: (p) => {
      const d = set.has(p) ? files[p].data : undefined;
      return typeof d === 'string' ? d : null;
    }
  };
}
