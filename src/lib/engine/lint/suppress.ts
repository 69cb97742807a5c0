/**
 * Suppression of findings: by a `# layerlab-ignore LL001 LL004` comment on the
 * instruction's own lines (a trailing shell comment of a RUN, or a comment line
 * inside a continuation) or in the comment lines right above it, and by the
 * config file (`.layerlab.json` or `layerlab.config.json` at the context root).
 * A bare `# layerlab-ignore` silences every rule for that instruction.
 */
import type { Diagnostic, Severity } from '../types';
import type { LintConfig, LintFinding, RuleId, RuleSetting } from './types';

const DIRECTIVE = /#\s*layerlab-ignore\b([^\n#]*)/i;

/** The rule ids one line silences: a set, `all`, or null when the line has no directive. */
function silencedBy(line: string): Set<string> | 'all' | null {
  const m = DIRECTIVE.exec(line);
  if (!m) return null;
  const ids = m[1].toUpperCase().match(/LL\d{3}/g);
  return ids ? new Set(ids) : 'all';
}

/** Whether an inline comment silences a finding. `lines` are the Dockerfile's lines. */
export function silencedInline(lines: string[], finding: LintFinding): boolean {
  const hits = (i: number) => {
    const s = silencedBy(lines[i] ?? '');
    return s === 'all' || (s !== null && s.has(finding.code));
  };
  for (let i = finding.range.line - 1; i < finding.range.endLine; i++) if (hits(i)) return true;
  for (let i = finding.range.line - 2; i >= 0 && /^\s*#/.test(lines[i]); i--) if (hits(i)) return true;
  return false;
}

const SETTINGS = new Set<RuleSetting>(['error', 'warning', 'info', 'off']);

/** A validated config: rules switched off, and severities by rule. */
export interface ResolvedConfig {
  off: Set<string>;
  severity: Map<string, Severity>;
}

/** Checks a config object; problems become diagnostics naming `where`, and the valid parts still apply. */
export function resolveConfig(
  raw: unknown,
  where: string,
  known: ReadonlySet<RuleId>
): { config: ResolvedConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const config: ResolvedConfig = { off: new Set(), severity: new Map() };
  const warn = (message: string) =>
    diagnostics.push({ severity: 'warning', message: `${where}: ${message}`, range: null, code: 'config' });
  if (raw === undefined || raw === null) return { config, diagnostics };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    warn('expected an object like {"ignore": ["LL003"], "severity": {"LL008": "warning"}}');
    return { config, diagnostics };
  }
  const c = raw as LintConfig & Record<string, unknown>;
  for (const key of Object.keys(c))
    if (key !== 'ignore' && key !== 'severity' && key !== '$schema')
      warn(`unknown setting "${key}" (known: ignore, severity)`);
  const checkId = (id: string) => {
    if (!known.has(id.toUpperCase() as RuleId))
      warn(`unknown rule "${id}" (rules are ${[...known].join(', ')})`);
    return id.toUpperCase();
  };
  if (c.ignore !== undefined) {
    if (!Array.isArray(c.ignore) || !c.ignore.every((x) => typeof x === 'string'))
      warn('"ignore" must be a list of rule ids, e.g. ["LL003"]');
    else for (const id of c.ignore) config.off.add(checkId(id));
  }
  if (c.severity !== undefined) {
    if (typeof c.severity !== 'object' || c.severity === null || Array.isArray(c.severity))
      warn('"severity" must map rule ids to error, warning, info or off');
    else {
      for (const [id, v] of Object.entries(c.severity)) {
        if (!SETTINGS.has(v as RuleSetting)) {
          warn(`severity of ${id} must be error, warning, info or off, not ${JSON.stringify(v)}`);
          continue;
        }
        const rid = checkId(id);
        if (v === 'off') config.off.add(rid);
        else config.severity.set(rid, v as Severity);
      }
    }
  }
  return { config, diagnostics };
}
