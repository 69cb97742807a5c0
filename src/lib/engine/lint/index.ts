/**
 * Cache lint: rules that read a Dockerfile together with its build context and
 * point at what will cost cache hits (an install below a broad COPY, churn in
 * the context, an ARG declared too early...), each with a fix.
 *
 * lint() reuses the engine's parse, plan and context; it never throws on user
 * input (a failing rule becomes a diagnostic, the others still report).
 */
import { addUrlWithoutChecksum } from './add-url-without-checksum';
import { aptUpdateAlone } from './apt-update-alone';
import { argFarFromUse } from './arg-far-from-use';
import { broadCopyBeforeInstall } from './broad-copy-before-install';
import { copyContextChurn } from './copy-context-churn';
import { copyIgnoredPath } from './copy-ignored-path';
import { installWithoutCacheMount } from './install-without-cache-mount';
import { contextFile } from '../context-files';
import { ruleContext, type LintRule } from './rule-context';
import { CONFIG_FILES } from '../build-files';
import { resolveConfig, silencedInline } from './suppress';
import { unpinnedBaseImage } from './unpinned-base-image';
import type { LintFinding, LintInput, LintResult, RuleId, RuleInfo, SuppressedFinding } from './types';
import { fromUtf8 } from '../digest';
import type { Diagnostic } from '../types';
import type { EngineMemo } from '../memo';

export type * from './types';

const LINT_RULES: LintRule[] = [
  broadCopyBeforeInstall,
  aptUpdateAlone,
  argFarFromUse,
  copyContextChurn,
  copyIgnoredPath,
  unpinnedBaseImage,
  addUrlWithoutChecksum,
  installWithoutCacheMount
];

/** Every rule's description, examples and default severity, as plain data. */
export const RULES: RuleInfo[] = LINT_RULES.map((rule) => {
  const info: Partial<LintRule> = { ...rule };
  delete info.check;
  return info as RuleInfo;
});

const KNOWN = new Set<RuleId>(LINT_RULES.map((r) => r.id));

/** Lints a Dockerfile with its build context. Findings come in file order. `memo`: what the host keeps between calls. */
export function lint(input: LintInput, memo?: EngineMemo): LintResult {
  const diagnostics: Diagnostic[] = [];
  const files = input?.context?.files;
  const file = (p: string) => contextFile(files, p);
  let configFile: string | null = null;
  let raw: unknown = input?.config;
  if (raw === undefined) {
    configFile =
      CONFIG_FILES.find((f) => file(f) && file(f)?.type !== 'dir' && file(f)?.data !== undefined) ?? null;
    if (configFile) {
      const data = file(configFile)?.data ?? '';
      try {
        raw = JSON.parse(typeof data === 'string' ? data : fromUtf8(data as Uint8Array));
      } catch (e) {
        diagnostics.push({
          severity: 'warning',
          message: `${configFile} is not valid JSON (${(e as Error).message}); linting with the defaults.`,
          range: null,
          code: 'config'
        });
      }
    }
  }
  const { config, diagnostics: configProblems } = resolveConfig(raw, configFile ?? 'config', KNOWN);
  diagnostics.push(...configProblems);

  let ctx;
  try {
    ctx = ruleContext(input, memo);
  } catch (e) {
    diagnostics.push({
      severity: 'error',
      message: `Layer Lab could not lint this Dockerfile (${(e as Error).message}). Please report it.`,
      range: null,
      code: 'engine'
    });
    return { findings: [], suppressed: [], diagnostics, configFile };
  }
  const lines = ctx.dockerfile.split('\n');
  const findings: LintFinding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const rule of LINT_RULES) {
    let found: LintFinding[];
    try {
      found = rule.check(ctx);
    } catch (e) {
      diagnostics.push({
        severity: 'error',
        message: `Rule ${rule.id} failed on this Dockerfile (${(e as Error).message}). Please report it.`,
        range: null,
        code: 'engine'
      });
      continue;
    }
    for (const f of found) {
      if (config.off.has(f.code)) suppressed.push({ code: f.code, line: f.range.line, by: 'config' });
      else if (silencedInline(lines, f)) suppressed.push({ code: f.code, line: f.range.line, by: 'comment' });
      else findings.push({ ...f, severity: config.severity.get(f.code) ?? f.severity });
    }
  }
  findings.sort((a, b) => a.range.line - b.range.line || a.code.localeCompare(b.code));
  return { findings, suppressed, diagnostics, configFile };
}
