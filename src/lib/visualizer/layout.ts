/** Pure computations behind the result views. */
import type { StageResult, StepResult } from '../engine/types';

/** How many later steps rebuild because of each root cause, by the root's step id. */
export function cascadeCounts(steps: StepResult[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const s of steps)
    if (s.reason.kind === 'parent-built') n.set(s.reason.rootStepId, (n.get(s.reason.rootStepId) ?? 0) + 1);
  return n;
}

export interface GraphNode {
  s: StageResult;
  x: number;
  y: number;
}

/** Stages in columns by dependency depth: a stage sits right of every stage it reads. */
export function stageLayout(
  stages: StageResult[],
  box: { w: number; h: number; gapX: number; gapY: number }
) {
  const depth = new Map<number, number>();
  const depthOf = (i: number, seen: Set<number>): number => {
    const known = depth.get(i);
    if (known !== undefined) return known;
    if (seen.has(i)) return 0;
    seen.add(i);
    const deps = stages[i]?.dependsOn ?? [];
    const d = deps.length ? Math.max(...deps.map((x) => depthOf(x, seen))) + 1 : 0;
    depth.set(i, d);
    return d;
  };
  const rows = new Map<number, number>();
  const nodes: GraphNode[] = stages.map((s) => {
    const col = depthOf(s.index, new Set());
    const row = rows.get(col) ?? 0;
    rows.set(col, row + 1);
    return { s, x: 8 + col * (box.w + box.gapX), y: 8 + row * (box.h + box.gapY) };
  });
  const edges = nodes.flatMap((n) =>
    n.s.dependsOn.filter((d) => nodes[d]).map((d) => ({ from: nodes[d], to: n }))
  );
  return {
    nodes,
    edges,
    width: Math.max(0, ...nodes.map((n) => n.x + box.w)) + 8,
    height: Math.max(0, ...nodes.map((n) => n.y + box.h)) + 8
  };
}
