/**
 * The data model of the cache lint rules. Plain, JSON-compatible data, like
 * the rest of the engine's output: findings cross the worker, the CLI's JSON
 * and SARIF output as they are.
 */
import type { BuildInput, Diagnostic, Severity, SourceRange } from '../types';

/** A rule id: `LL` and three digits. */
export type RuleId = `LL${number}`;

/** How a rule or a finding is configured: a severity, or `off`. */
export type RuleSetting = Severity | 'off';

/**
 * Settings from `.layerlab.json` (or `layerlab.config.json`) at the context root,
 * or given directly as `LintInput.config`.
 */
export interface LintConfig {
  /** Rules never reported. */
  ignore?: string[];
  /** Severity per rule id; `off` is the same as listing it in `ignore`. */
  severity?: Record<string, RuleSetting>;
}

/** A lint run: everything a build takes, plus configuration. */
export interface LintInput extends BuildInput {
  /** Overrides the config file in the context, when given. */
  config?: LintConfig;
}

/** One change to a text file of the context, as offsets into its current text. */
export interface LintEdit {
  /** A context path: the Dockerfile's path or `.dockerignore`. */
  file: string;
  /** Half-open range of UTF-16 offsets to replace (`from === to` inserts). */
  from: number;
  to: number;
  text: string;
}

/** How to fix a finding: always in words, and as edits when the rewrite is mechanical. */
export interface LintFix {
  description: string;
  /**
   * Absent when the fix needs a human decision (a version to pin, a checksum to
   * look up). The edits of one fix never overlap; apply them from the last offset back.
   */
  edits?: LintEdit[];
}

/** One finding. A Diagnostic whose `code` is the rule id, always tied to an instruction. */
export interface LintFinding extends Diagnostic {
  code: RuleId;
  range: SourceRange;
  /** The rule's short name, e.g. `broad-copy-before-install`. */
  rule: string;
  /** Repository path of the rule's documentation page. */
  docs: string;
  fix: LintFix;
  /** Estimated seconds a typical edit costs because of this problem, when the rule can tell. */
  costSeconds?: number;
}

/** An example Dockerfile with the context files it needs, for docs and tests. */
export interface LintExample {
  dockerfile: string;
  files?: Record<string, string>;
}

/** What a rule is, without its check: shown in help, docs and SARIF. */
export interface RuleInfo {
  id: RuleId;
  name: string;
  /** The default severity. */
  severity: Severity;
  /** One line saying what the rule looks for. */
  title: string;
  /** A paragraph: why it costs cache hits, and the usual fix. */
  description: string;
  docs: string;
  /** A Dockerfile the rule reports and the same one fixed; the docs page shows both. */
  examples: { before: LintExample; after: LintExample };
}

/** A finding a suppression removed, so reports can say it was there. */
export interface SuppressedFinding {
  code: RuleId;
  line: number;
  by: 'comment' | 'config';
}

export interface LintResult {
  /** Findings in file order, then by rule id. */
  findings: LintFinding[];
  suppressed: SuppressedFinding[];
  /** Problems with the configuration (code `config`). */
  diagnostics: Diagnostic[];
  /** The config file that applied (a context path), or null. */
  configFile: string | null;
}
