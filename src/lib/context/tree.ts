/** The context as a tree for display: folders first, each entry with its .dockerignore verdict. */
import { DOCKERFILE_PATH, type WorkspaceFile } from '../model/workspace';

export interface TreeNode {
  name: string;
  path: string;
  kind: 'file' | 'dir';
  file: WorkspaceFile | null;
  children: TreeNode[];
  /** The .dockerignore pattern that excludes it (for a folder: when everything in it is excluded). */
  excludedBy: string | null;
  /** Files under a folder, recursively. */
  count: number;
}

/** `dockerfileAt` is where the Dockerfile being built sits in the context. */
export function buildTree(
  files: Record<string, WorkspaceFile>,
  excluded: Map<string, string>,
  dockerfileAt = DOCKERFILE_PATH
): TreeNode {
  const root: TreeNode = {
    name: '',
    path: '',
    kind: 'dir',
    file: null,
    children: [],
    excludedBy: null,
    count: 0
  };
  const dirs = new Map<string, TreeNode>([['', root]]);
  const dirOf = (path: string): TreeNode => {
    const hit = dirs.get(path);
    if (hit) return hit;
    const i = path.lastIndexOf('/');
    const parent = dirOf(i < 0 ? '' : path.slice(0, i));
    const node: TreeNode = {
      name: path.slice(i + 1),
      path,
      kind: 'dir',
      file: null,
      children: [],
      excludedBy: null,
      count: 0
    };
    parent.children.push(node);
    dirs.set(path, node);
    return node;
  };
  const entries: Array<[string, WorkspaceFile | null]> = [[dockerfileAt, null], ...Object.entries(files)];
  for (const [path, f] of entries) {
    if (f?.dir) {
      dirOf(path);
      continue;
    }
    const i = path.lastIndexOf('/');
    const parent = dirOf(i < 0 ? '' : path.slice(0, i));
    parent.children.push({
      name: path.slice(i + 1),
      path,
      kind: 'file',
      file: f,
      children: [],
      excludedBy: excluded.get(path) ?? null,
      count: 1
    });
  }
  finish(root, excluded);
  return root;
}

function finish(node: TreeNode, excluded: Map<string, string>): void {
  let count = 0;
  let pattern: string | null | undefined;
  for (const c of node.children) {
    if (c.kind === 'dir') finish(c, excluded);
    count += c.count;
    if (c.count > 0)
      pattern = pattern === undefined ? c.excludedBy : pattern && c.excludedBy ? pattern : null;
  }
  node.count = count;
  // A folder with no files (one .dockerignore kept from being listed) has its own verdict.
  if (node.path) node.excludedBy = pattern === undefined ? (excluded.get(node.path) ?? null) : pattern;
  node.children.sort((a, b) =>
    a.kind === b.kind ? (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) : a.kind === 'dir' ? -1 : 1
  );
}

const COMMENT: Array<[RegExp, (s: string) => string]> = [
  [/\.(js|mjs|cjs|ts|go|rs|java|kt|c|h|cpp|cs|swift|scss)$/i, (s) => `// ${s}`],
  [/\.(css)$/i, (s) => `/* ${s} */`],
  [/\.(html?|xml|md|svg)$/i, (s) => `<!-- ${s} -->`],
  [/\.(json)$/i, () => '']
];

/** A real content change a person can make with one click: one line appended, in the file's comment syntax. */
export function quickEdit(path: string, data: string | Uint8Array, stamp: string): string | Uint8Array {
  if (typeof data !== 'string') {
    const out = new Uint8Array(data.length + 1);
    out.set(data);
    out[data.length] = 0x0a;
    return out;
  }
  const text = `edited ${stamp}`;
  const line = (COMMENT.find(([re]) => re.test(path))?.[1] ?? ((s: string) => `# ${s}`))(text);
  return data + (data === '' || data.endsWith('\n') ? '' : '\n') + line + '\n';
}
