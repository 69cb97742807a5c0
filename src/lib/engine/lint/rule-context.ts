/**
 * What a lint rule sees: the Dockerfile as the engine parsed and planned it,
 * and the build context as the engine would send it (after `.dockerignore`).
 * Rules never parse on their own; they read these records.
 */
import { buildContext, type ContextTree } from '../context';
import { cleanContextPath, contextFile } from '../context-files';
import type { EngineMemo } from '../memo';
import { fromUtf8 } from '../digest';
import { splitArgs } from '../dispatch/copy-add';
import { selectInContext, type Match } from '../dispatch/select';
import { annotationSeconds, cacheMountTargets, DEFAULT_COSTS, estimateRun, type Estimate } from '../estimate';
import { parseDockerfile, type ParsedDockerfile, type ParsedInstruction } from '../parse';
import { mountFields } from '../dockerfile-words';
import { makePlan, type Plan } from '../plan';
import type { Builder, ContextFile, CostModel, SourceRange } from '../types';
import type { LintEdit, LintFinding, LintFix, LintInput, RuleInfo } from './types';

/** A COPY or ADD, its sources and destination as written. */
export interface CopyArgs {
  sources: string[];
  dest: string;
  /** Reads the build context (no `--from`). */
  fromContext: boolean;
  /**
   * The sources read from the context that a rule can look up: not URLs, and
   * without variables (their value depends on build args the rule does not know).
   */
  contextPaths: string[];
}

export interface RuleContext {
  dockerfile: string;
  dockerfilePath: string;
  builder: Builder;
  parsed: ParsedDockerfile;
  plan: Plan;
  context: ContextTree;
  /** The text of the `.dockerignore` that applied, or null. */
  ignoreText: string | null;
  /**
   * Each stage's instructions preceded by those of the stages it starts from
   * (`FROM build AS test` continues `build`), by stage index.
   */
  chains: ParsedInstruction[][];
  copyArgs(ins: ParsedInstruction): CopyArgs | null;
  /** What a source path selects in the context, or null when it does not exist (as the engine selects it). */
  select(path: string): { matches: Match[]; wildcard: boolean } | null;
  /** The directories a COPY or ADD takes from the context. */
  selectedDirs(ins: ParsedInstruction): Match[];
  hasCacheMount(ins: ParsedInstruction): boolean;
  /** The engine's estimate of a RUN (annotations and cost overrides applied). */
  runEstimate(ins: ParsedInstruction, withCacheMount?: boolean): Estimate;
  /** Text of a context file, or null when absent or not text. */
  fileText(path: string): string | null;
  finding(rule: RuleInfo, at: SourceRange, message: string, fix: LintFix, costSeconds?: number): LintFinding;
  /** An edit deleting an instruction's whole lines. */
  deleteLines(range: SourceRange): LintEdit;
  /** An edit inserting text on its own lines just above an instruction. */
  insertAbove(range: SourceRange, text: string): LintEdit;
  /** An edit appending lines to the ignore file (creating `.dockerignore` when there is none). */
  appendIgnore(lines: string[]): LintEdit;
}

/** A rule: what it is, and the check that finds it. */
export interface LintRule extends RuleInfo {
  check(ctx: RuleContext): LintFinding[];
}

export function ruleContext(input: LintInput, memo?: EngineMemo): RuleContext {
  const builder: Builder = input.builder === 'legacy' ? 'legacy' : 'buildkit';
  const dockerfile = typeof input.dockerfile === 'string' ? input.dockerfile : '';
  const dockerfilePath = cleanContextPath(input.dockerfilePath ?? 'Dockerfile') || 'Dockerfile';
  const parsed = parseDockerfile(dockerfile, memo);
  const plan = makePlan(parsed, builder, input.buildArgs ?? {}, input.target || undefined);
  const files = input.context?.files ?? {};
  const context = buildContext(input.context ?? { files: {} }, dockerfilePath, dockerfile, builder, memo);
  // The same cost model build() uses: defaults, overrides, `# layerlab: 45s` annotations.
  const costs: CostModel = {
    ...DEFAULT_COSTS,
    ...(input.costs ?? {}),
    lines: { ...annotationSeconds(dockerfile), ...(input.costs?.lines ?? {}) }
  };
  const lineStarts = [0];
  for (let i = 0; i < dockerfile.length; i++) if (dockerfile.charCodeAt(i) === 10) lineStarts.push(i + 1);

  const fileText = (path: string): string | null => {
    if (path === dockerfilePath) return dockerfile;
    const f: ContextFile | undefined = contextFile(files, path);
    if (!f || f.type === 'dir' || f.type === 'symlink' || f.data === undefined) return null;
    return typeof f.data === 'string' ? f.data : fromUtf8(f.data);
  };
  const ignoreText = context.ignoreFile ? fileText(context.ignoreFile) : null;

  const chains: ParsedInstruction[][] = [];
  for (const st of plan.stages) {
    const base = st.baseStage !== null && st.baseStage < st.index ? chains[st.baseStage] : [];
    chains.push([...base, ...st.instructions]);
  }

  const copyArgs = (ins: ParsedInstruction): CopyArgs | null => {
    if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return null;
    const words = ins.json ?? splitArgs(ins.args, parsed.escape);
    if (words.length < 2) return null;
    const sources = words.slice(0, -1);
    const fromContext = !ins.flags.some((f) => f.name === 'from');
    const contextPaths = fromContext
      ? sources.filter((s) => !/^https?:\/\//i.test(s) && !s.includes('$'))
      : [];
    return { sources, dest: words[words.length - 1], fromContext, contextPaths };
  };
  const hasCacheMount = (ins: ParsedInstruction) =>
    ins.flags.some(
      (f) => f.name === 'mount' && mountFields(f.value ?? '').some(([k, v]) => k === 'type' && v === 'cache')
    );
  const lineEnd = (line: number) => (line < lineStarts.length ? lineStarts[line] : dockerfile.length);

  return {
    dockerfile,
    dockerfilePath,
    builder,
    parsed,
    plan,
    context,
    ignoreText,
    chains,
    copyArgs,
    select: (path) => selectInContext(context.root, path),
    selectedDirs: (ins) =>
      (copyArgs(ins)?.contextPaths ?? [])
        .flatMap((p) => selectInContext(context.root, p)?.matches ?? [])
        .filter((m) => m.node.children),
    hasCacheMount,
    runEstimate(ins, withCacheMount) {
      const override = costs.lines[ins.range.line];
      if (override !== undefined)
        return { seconds: override, basis: `${override} s set for line ${ins.range.line}` };
      // A rebuild is what the rules weigh, so a cache mount counts as warm.
      const mounts =
        withCacheMount === true ? ['*'] : withCacheMount === false ? [] : cacheMountTargets(ins.original);
      return estimateRun(ins.args, mounts, costs, true);
    },
    fileText,
    finding: (rule, at, message, fix, costSeconds) => ({
      severity: rule.severity,
      message,
      range: at,
      code: rule.id,
      rule: rule.name,
      docs: rule.docs,
      fix,
      ...(costSeconds !== undefined ? { costSeconds: Math.round(costSeconds * 10) / 10 } : {})
    }),
    deleteLines: (range) => ({
      file: dockerfilePath,
      from: lineStarts[range.line - 1] ?? 0,
      to: lineEnd(range.endLine),
      text: ''
    }),
    insertAbove: (range, text) => {
      const at = lineStarts[range.line - 1] ?? 0;
      return { file: dockerfilePath, from: at, to: at, text: text.endsWith('\n') ? text : text + '\n' };
    },
    appendIgnore(lines) {
      const file = context.ignoreFile ?? '.dockerignore';
      const current = (context.ignoreFile && fileText(context.ignoreFile)) || '';
      const sep = current && !current.endsWith('\n') ? '\n' : '';
      return { file, from: current.length, to: current.length, text: sep + lines.join('\n') + '\n' };
    }
  };
}
