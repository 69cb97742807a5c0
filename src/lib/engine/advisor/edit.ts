/**
 * Rewrites a Dockerfile by whole instructions, keeping everything else as
 * written. An instruction moves with the comment lines right above it, so an
 * annotation (`# layerlab: 45s`) or a note stays with its instruction.
 */
import type { ParsedInstruction } from '../parse';

/** 0-based line indices, inclusive. */
export interface Block {
  start: number;
  end: number;
}

export function linesOf(text: string): string[] {
  return text.split('\n');
}

/** The instruction's lines plus the comment lines directly above it. */
export function blockOf(lines: string[], ins: ParsedInstruction): Block {
  let start = ins.range.line - 1;
  while (
    start > 0 &&
    /^\s*#/.test(lines[start - 1]) &&
    !/^\s*#\s*(syntax|escape)\s*=/i.test(lines[start - 1])
  )
    start--;
  return { start, end: ins.range.endLine - 1 };
}

/** Moves `block` so it starts at line `at` of the original text (before whatever was there). */
export function moveBlock(lines: string[], block: Block, at: number, insertBefore: string[] = []): string[] {
  const moved = lines.slice(block.start, block.end + 1);
  const rest = [...lines.slice(0, block.start), ...lines.slice(block.end + 1)];
  const index = at > block.end ? at - moved.length : at;
  return [...rest.slice(0, index), ...insertBefore, ...moved, ...rest.slice(index)];
}

/** Moves several blocks (in their order) to start at line `at`. */
export function moveBlocks(lines: string[], blocks: Block[], at: number): string[] {
  const take = new Set<number>();
  for (const b of blocks) for (let i = b.start; i <= b.end; i++) take.add(i);
  const moved = blocks.flatMap((b) => lines.slice(b.start, b.end + 1));
  const out: string[] = [];
  for (let i = 0; i <= lines.length; i++) {
    if (i === at) out.push(...moved);
    if (i < lines.length && !take.has(i)) out.push(lines[i]);
  }
  return out;
}

/** The indentation of an instruction's first line. */
export function indentOf(lines: string[], ins: ParsedInstruction): string {
  return /^\s*/.exec(lines[ins.range.line - 1] ?? '')?.[0] ?? '';
}

/** Where a block goes to follow a stage's last instruction: after it and its continuation lines. */
export function afterStage(last: ParsedInstruction): number {
  return last.range.endLine;
}

/** A COPY source or destination, quoted as JSON when it has white space. */
export function copyLine(flags: string[], sources: string[], dest: string, keyword = 'COPY'): string {
  const all = [...sources, dest];
  if (all.some((p) => /\s/.test(p))) return `${keyword} ${[...flags, JSON.stringify(all)].join(' ')}`;
  return `${keyword} ${[...flags, ...all].join(' ')}`;
}
