/**
 * A line diff as plain data: the longest common subsequence of lines, then
 * removals before additions at each change, as `diff` prints them.
 */

export interface DiffLine {
  op: 'same' | 'add' | 'remove';
  text: string;
  /** 1-based line in the original, for `same` and `remove`. */
  a: number | null;
  /** 1-based line in the rewrite, for `same` and `add`. */
  b: number | null;
}

export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]. Dockerfiles are short.
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push({ op: 'same', text: a[i], a: i + 1, b: j + 1 });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out.push({ op: 'remove', text: a[i], a: i + 1, b: null });
      i++;
    } else {
      out.push({ op: 'add', text: b[j], a: null, b: j + 1 });
      j++;
    }
  }
  return out;
}
