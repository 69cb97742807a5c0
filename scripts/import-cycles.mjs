#!/usr/bin/env node
// Lists import cycles under src/lib, between files and between folders.
// Plain Node and no dependencies, so it runs before `npm ci` too. Type-only
// imports count: a type cycle still ties two folders together when either moves.
//
//   node scripts/import-cycles.mjs [root=src/lib]
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? 'src/lib');
const SOURCE = /\.(ts|svelte)$/;
const IMPORT =
  /(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (SOURCE.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

function resolveSpec(from, spec) {
  let base;
  if (spec.startsWith('$lib/')) base = join(root, spec.slice(5));
  else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
  else return null;
  for (const c of [base, `${base}.ts`, join(base, 'index.ts')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

const files = walk(root);
/** file -> [{ to, typeOnly }] */
const edges = new Map();
for (const f of files) {
  const text = readFileSync(f, 'utf8');
  const out = [];
  for (const m of text.matchAll(IMPORT)) {
    const to = resolveSpec(f, m[2] ?? m[3]);
    if (to && to !== f) out.push({ to, typeOnly: !!m[1] });
  }
  edges.set(f, out);
}

const rel = (p) => relative(root, p);
const folderOf = (p) => rel(p).split('/').slice(0, -1).join('/') || '.';

/** Strongly connected components with more than one file (Tarjan). */
function cycles(graph) {
  let index = 0;
  const stack = [];
  const on = new Set();
  const idx = new Map();
  const low = new Map();
  const out = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const scc = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const fileGraph = new Map([...edges].map(([f, es]) => [f, es.map((e) => e.to)]));
const runtimeGraph = new Map(
  [...edges].map(([f, es]) => [f, es.filter((e) => !e.typeOnly).map((e) => e.to)])
);
const folderGraph = new Map();
for (const [f, es] of edges)
  for (const e of es) {
    const a = folderOf(f);
    const b = folderOf(e.to);
    if (a === b) continue;
    if (!folderGraph.has(a)) folderGraph.set(a, new Set());
    folderGraph.get(a).add(b);
  }

const fileCycles = cycles(fileGraph);
const runtimeCycles = cycles(runtimeGraph);
const folderCycles = cycles(new Map([...folderGraph].map(([k, v]) => [k, [...v]])));

console.log(`file cycles (type imports included): ${fileCycles.length}`);
for (const c of fileCycles) console.log('  ' + c.map(rel).join(' <-> '));
console.log(`file cycles (runtime imports only): ${runtimeCycles.length}`);
for (const c of runtimeCycles) console.log('  ' + c.map(rel).join(' <-> '));
console.log(`folder cycles: ${folderCycles.length}`);
for (const c of folderCycles) console.log('  ' + c.join(' <-> '));
// The pairs that make the folder cycles, each edge with one file that makes it.
const mutual = [];
for (const [a, bs] of folderGraph)
  for (const b of bs) if (a < b && folderGraph.get(b)?.has(a)) mutual.push([a, b]);
console.log(`folders importing each other: ${mutual.length}`);
for (const [a, b] of mutual) {
  const why = (x, y) =>
    [...edges]
      .filter(([f, es]) => folderOf(f) === x && es.some((e) => folderOf(e.to) === y))
      .map(([f]) => rel(f));
  console.log(`  ${a} <-> ${b}   (${why(a, b)[0]} … / ${why(b, a)[0]} …)`);
}
process.exitCode = 0;
