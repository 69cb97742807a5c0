/**
 * `--format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning,
 * Azure DevOps, IDE viewers). One run; every lint rule is a reportingDescriptor,
 * every finding a result on the Dockerfile with its fix as SARIF replacements.
 * A Dockerfile the daemon would reject is one more result, rule `build-error`.
 * The prediction itself travels in the run's property bag.
 */
import { pathToFileURL } from 'node:url';
import { RULES, type Diagnostic, type LintEdit, type LintFinding, type Severity } from '../lib/engine/index';
import pkg from '../../package.json' with { type: 'json' };
import type { Report } from './check';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note'
};
const BUILD_ERROR = 'build-error';

function location(uri: string, line: number, endLine: number) {
  return {
    physicalLocation: {
      artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
      region: { startLine: line, endLine }
    }
  };
}

function fixes(r: Report, f: LintFinding) {
  if (!f.fix.edits?.length) return undefined;
  const byFile = new Map<string, LintEdit[]>();
  for (const e of f.fix.edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  const uriOf = (file: string) => (file === r.dockerfilePath ? r.dockerfileUri : contextUri(r, file));
  return [
    {
      description: { text: f.fix.description },
      artifactChanges: [...byFile].map(([file, edits]) => ({
        artifactLocation: { uri: uriOf(file), uriBaseId: '%SRCROOT%' },
        replacements: edits.map((e) => ({
          deletedRegion: { charOffset: e.from, charLength: e.to - e.from },
          ...(e.text ? { insertedContent: { text: e.text } } : {})
        }))
      }))
    }
  ];
}

/** A context file's path relative to SARIF's root. */
function contextUri(r: Report, file: string): string {
  const ctx = r.root.startsWith(r.uriBase)
    ? r.root
        .slice(r.uriBase.length)
        .replace(/^[\\/]+/, '')
        .split(/[\\/]/)
        .join('/')
    : '';
  return ctx ? `${ctx}/${file}` : file;
}

export function renderSarif(r: Report): string {
  const rules = [
    ...RULES.map((rule) => ({
      id: rule.id,
      name: rule.name,
      shortDescription: { text: rule.title },
      fullDescription: { text: rule.description },
      help: {
        text: `${rule.description}\nSee ${rule.docs} in the Layer Lab repository.`,
        markdown: `${rule.description}\n\nSee \`${rule.docs}\` in the Layer Lab repository.`
      },
      defaultConfiguration: { level: LEVEL[rule.severity] },
      properties: { tags: ['docker', 'build-cache'] }
    })),
    {
      id: BUILD_ERROR,
      name: 'build-error',
      shortDescription: { text: 'docker build would fail on this Dockerfile' },
      fullDescription: { text: 'The daemon would stop the build here (Layer Lab predicts Docker 20.10).' },
      defaultConfiguration: { level: 'error' as const }
    }
  ];
  const index = new Map(rules.map((x, i) => [x.id, i]));
  const results = [
    ...r.lint.findings.map((f) => {
      const fix = fixes(r, f);
      return {
        ruleId: f.code,
        ruleIndex: index.get(f.code),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [location(r.dockerfileUri, f.range.line, f.range.endLine)],
        ...(fix ? { fixes: fix } : {})
      };
    }),
    ...r.result.diagnostics
      .filter((d: Diagnostic) => d.severity === 'error')
      .map((d) => ({
        ruleId: BUILD_ERROR,
        ruleIndex: index.get(BUILD_ERROR),
        level: 'error' as const,
        message: { text: d.message },
        locations: [location(r.dockerfileUri, d.range?.line ?? 1, d.range?.endLine ?? 1)]
      }))
  ];
  const notes = [...r.lint.diagnostics, ...r.result.diagnostics.filter((d) => d.severity === 'warning')];
  const t = r.result.totals;
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Layer Lab', semanticVersion: pkg.version, version: pkg.version, rules } },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: pathToFileURL(r.uriBase.endsWith('/') ? r.uriBase : r.uriBase + '/').href }
        },
        invocations: [
          {
            executionSuccessful: true,
            exitCode: r.exitCode,
            toolConfigurationNotifications: notes.map((d) => ({
              level: LEVEL[d.severity],
              message: { text: d.message }
            }))
          }
        ],
        results,
        properties: {
          builder: r.result.builder,
          since: r.since?.commit ?? null,
          rebuildSeconds: r.options.command === 'check' ? t.estimatedSeconds : null,
          coldBuildSeconds: t.fullSeconds,
          rebuildSteps: r.result.steps
            .filter((s) => s.status === 'built')
            .map((s) => ({ line: s.range.line, instruction: s.instruction, seconds: s.estimatedSeconds }))
        }
      }
    ]
  };
  return JSON.stringify(log, null, 2) + '\n';
}
