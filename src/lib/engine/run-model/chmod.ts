/**
 * chmod's mode argument, for `RUN chmod` and `chmod -R` in the interpreter
 * (file-commands.ts): the new mode decides a copied file's key downstream.
 */

/**
 * The mode bits (the low 12, as a number) that `chmod spec` leaves on an entry
 * whose mode is `mode`. `spec` is octal (`755`) or symbolic (`+x`, `a+rX`,
 * `u=rwx,go=rx`); `X` adds execute only to a directory or to a file that
 * already has an execute bit. A clause the model cannot read is skipped.
 */
export function chmodMode(mode: number, spec: string, isDir: boolean): number {
  if (/^[0-7]+$/.test(spec)) return parseInt(spec, 8);
  let m = mode & 0o7777;
  for (const clause of spec.split(',')) {
    const cm = /^([ugoa]*)([-+=])([rwxXst]*)$/.exec(clause);
    if (!cm) continue;
    const who = cm[1] || 'a';
    const masks = { u: 0o700, g: 0o070, o: 0o007 } as const;
    let bits = 0;
    for (const p of cm[3]) {
      if (p === 'r') bits |= 0o444;
      if (p === 'w') bits |= 0o222;
      if (p === 'x' || (p === 'X' && (isDir || (mode & 0o111) !== 0))) bits |= 0o111;
    }
    let mask = 0;
    for (const w of who) mask |= w === 'a' ? 0o777 : masks[w as 'u' | 'g' | 'o'];
    bits &= mask;
    if (cm[2] === '+') m |= bits;
    else if (cm[2] === '-') m &= ~bits;
    else m = (m & ~mask) | bits;
  }
  return m;
}
