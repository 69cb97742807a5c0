/**
 * Describes how a text file changed in a person's words ("1 line added",
 * "2 lines changed, 1 removed"). Used to explain a `files-changed` miss; the
 * engine's keys never depend on it.
 */

/** Counts of a line diff between two texts. */
export interface LineChange {
  added: number;
  removed: number;
  /** Lines edited in place (a removed and an added line paired in the same hunk). */
  changed: number;
}

// Beyond this many lines per side the diff falls back to a multiset comparison:
// exact enough for a sentence, and linear.
const MAX_LCS_LINES = 2000;

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line counts of the change from `before` to `after`. */
export function lineChange(before: string, after: string): LineChange {
  const a = splitLines(before);
  const b = splitLines(after);
  // Common prefix and suffix cost nothing to skip and keep the table small.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  if (!x.length || !y.length) return { added: y.length, removed: x.length, changed: 0 };
  if (x.length > MAX_LCS_LINES || y.length > MAX_LCS_LINES) return multisetChange(x, y);
  return hunkChange(x, y);
}

function multisetChange(x: string[], y: string[]): LineChange {
  const counts = new Map<string, number>();
  for (const l of x) counts.set(l, (counts.get(l) ?? 0) + 1);
  let added = 0;
  for (const l of y) {
    const n = counts.get(l) ?? 0;
    if (n > 0) counts.set(l, n - 1);
    else added++;
  }
  let removed = 0;
  for (const n of counts.values()) removed += n;
  const changed = Math.min(added, removed);
  return { added: added - changed, removed: removed - changed, changed };
}

function hunkChange(x: string[], y: string[]): LineChange {
  // Longest common subsequence table, then walk it to find hunks.
  const n = x.length;
  const m = y.length;
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] =
        x[i] === y[j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
    }
  }
  const out: LineChange = { added: 0, removed: 0, changed: 0 };
  let i = 0;
  let j = 0;
  let hunkRemoved = 0;
  let hunkAdded = 0;
  const flush = () => {
    const paired = Math.min(hunkRemoved, hunkAdded);
    out.changed += paired;
    out.removed += hunkRemoved - paired;
    out.added += hunkAdded - paired;
    hunkRemoved = 0;
    hunkAdded = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      flush();
      i++;
      j++;
    } else if (j < m && (i === n || t[i * w + j + 1] >= t[(i + 1) * w + j])) {
      hunkAdded++;
      j++;
    } else {
      hunkRemoved++;
      i++;
    }
  }
  flush();
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "1 line added", "2 lines changed, 1 removed", or, when only the final
 * newline or whitespace inside lines moved, "whitespace changed". Null when the
 * texts are equal.
 */
export function describeTextChange(before: string, after: string): string | null {
  if (before === after) return null;
  const c = lineChange(before, after);
  const parts: string[] = [];
  if (c.changed) parts.push(plural(c.changed, 'line') + ' changed');
  if (c.added) parts.push((parts.length ? c.added : plural(c.added, 'line')) + ' added');
  if (c.removed) parts.push((parts.length ? c.removed : plural(c.removed, 'line')) + ' removed');
  if (!parts.length)
    return before.replace(/\s+/g, '') === after.replace(/\s+/g, '')
      ? 'whitespace changed'
      : 'content changed';
  return parts.join(', ');
}
