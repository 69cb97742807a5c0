import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lint, RULES } from './index';
import type { LintEdit, LintExample, LintInput } from './types';

function input(
  dockerfile: string,
  files: Record<string, string> = {},
  extra: Partial<LintInput> = {}
): LintInput {
  const ctx: Record<string, { data: string }> = {};
  for (const [p, d] of Object.entries(files)) ctx[p] = { data: d };
  return { dockerfile, context: { files: ctx }, ...extra };
}

const fromExample = (ex: LintExample) => input(ex.dockerfile, ex.files ?? {});
const codes = (i: LintInput) => lint(i).findings.map((f) => `${f.code}@${f.range.line}`);
const has = (i: LintInput, code: string) => lint(i).findings.some((f) => f.code === code);

/** Applies edits to a Dockerfile and its context files, last offset first. */
function applyEdits(i: LintInput, edits: LintEdit[]): LintInput {
  const texts: Record<string, string> = { Dockerfile: i.dockerfile };
  for (const [p, f] of Object.entries(i.context.files))
    if (p !== 'Dockerfile') texts[p] = String(f.data ?? '');
  for (const e of [...edits].sort((a, b) => b.from - a.from)) {
    const t = texts[e.file] ?? '';
    texts[e.file] = t.slice(0, e.from) + e.text + t.slice(e.to);
  }
  const { Dockerfile, ...files } = texts;
  return input(Dockerfile, files);
}

describe('every rule, on its own examples', () => {
  for (const rule of RULES) {
    it(`${rule.id} reports its "before" example`, () => {
      expect(has(fromExample(rule.examples.before), rule.id)).toBe(true);
    });
    it(`${rule.id} stays quiet on its "after" example`, () => {
      expect(has(fromExample(rule.examples.after), rule.id)).toBe(false);
    });
    it(`${rule.id}: its fix, applied, makes the finding go away`, () => {
      const before = fromExample(rule.examples.before);
      const finding = lint(before).findings.find((f) => f.code === rule.id);
      expect(finding?.fix.description.length).toBeGreaterThan(10);
      if (!finding?.fix.edits) return;
      expect(has(applyEdits(before, finding.fix.edits), rule.id)).toBe(false);
    });
    it(`${rule.id}: docs/rules/${rule.id}.md shows both examples`, () => {
      const page = readFileSync(new URL(`../../../../${rule.docs}`, import.meta.url), 'utf8');
      expect(page).toContain(`# ${rule.id}`);
      expect(page).toContain(rule.examples.before.dockerfile.trim());
      expect(page).toContain(rule.examples.after.dockerfile.trim());
    });
  }
  it('rule ids are unique and findings carry the rule metadata', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    const f = lint(fromExample(RULES[0].examples.before)).findings.find((x) => x.code === RULES[0].id);
    expect(f).toMatchObject({ rule: RULES[0].name, docs: RULES[0].docs, severity: RULES[0].severity });
  });
});

describe('LL001 broad-copy-before-install', () => {
  const files = { 'pom.xml': '<project/>\n', 'src/Main.java': 'class Main {}\n' };
  it('a build after the dependencies were resolved on their own is fine', () => {
    const df = 'FROM maven:3.9\nCOPY pom.xml .\nRUN mvn dependency:go-offline\nCOPY . .\nRUN mvn package\n';
    expect(has(input(df, files), 'LL001')).toBe(false);
  });
  it('reports mvn after COPY . ., without a mechanical edit (mvn needs the sources)', () => {
    const f = lint(input('FROM maven:3.9\nCOPY . .\nRUN mvn package\n', files)).findings.find(
      (x) => x.code === 'LL001'
    );
    expect(f?.fix.edits).toBeUndefined();
    expect(f?.costSeconds).toBeGreaterThan(10);
  });
  it('reads pip -r requirement files by name, and follows stages built on stages', () => {
    const df =
      'FROM python:3.12 AS base\nWORKDIR /app\nCOPY . .\n\nFROM base AS deps\nRUN pip install -r requirements/prod.txt\n';
    expect(codes(input(df, { 'requirements/prod.txt': 'flask\n', 'app.py': '' }))).toContain('LL001@3');
  });
  it('a COPY of a directory without the manifest is not broad', () => {
    const df = 'FROM node:20\nCOPY src/ ./src/\nRUN npm ci\n';
    expect(has(input(df, { 'package.json': '{}', 'src/a.js': '' }), 'LL001')).toBe(false);
  });
  it('ignores manifests inside node_modules', () => {
    const df = 'FROM node:20\nCOPY lib/ ./\nRUN npm ci\n';
    expect(has(input(df, { 'lib/node_modules/x/package.json': '{}', 'lib/a.js': '' }), 'LL001')).toBe(false);
  });
});

describe('LL002 apt-update-alone', () => {
  it('update and install in one RUN is fine', () => {
    expect(has(input('FROM debian:12\nRUN apt-get update && apt-get install -y curl\n'), 'LL002')).toBe(
      false
    );
  });
  it('reports apk update alone too, and says so when nothing installs', () => {
    const f = lint(input('FROM alpine:3.19\nRUN apk update\n')).findings.find((x) => x.code === 'LL002');
    expect(f?.fix.description).toMatch(/same RUN/);
  });
});

describe('LL003 arg-far-from-use', () => {
  it('is quiet when only cheap steps stand between the ARG and its use', () => {
    expect(has(input('FROM alpine:3.19\nARG V\nRUN echo hi\nRUN echo "$V"\n'), 'LL003')).toBe(false);
  });
  it('is quiet for an ARG never named again (a script may read it) and for proxy args', () => {
    expect(has(input('FROM node:20\nARG NODE_ENV\nRUN npm ci\nRUN npm run build\n'), 'LL003')).toBe(false);
    expect(
      has(
        input('FROM node:20\nARG HTTP_PROXY\nRUN npm ci\nRUN npm run build\nRUN echo $HTTP_PROXY\n'),
        'LL003'
      )
    ).toBe(false);
  });
  it('uses the engine estimate, annotations included', () => {
    const cheap = 'FROM alpine:3.19\nARG V\n# layerlab: 1s\nRUN npm ci\nLABEL v=$V\n';
    const dear = 'FROM alpine:3.19\nARG V\n# layerlab: 2m\nRUN ./slow.sh\nLABEL v=${V}\n';
    expect(has(input(cheap), 'LL003')).toBe(false);
    expect(lint(input(dear)).findings.find((f) => f.code === 'LL003')?.costSeconds).toBe(120);
  });
});

describe('LL004 copy-context-churn', () => {
  it('knows build output by the manifest beside it', () => {
    const df = 'FROM node:20\nCOPY . .\n';
    const ignore = { '.dockerignore': 'Dockerfile\n.dockerignore\n' };
    expect(has(input(df, { ...ignore, 'dist/a.js': '', 'package.json': '{}' }), 'LL004')).toBe(true);
    expect(has(input(df, { ...ignore, 'dist/a.js': '', 'main.go': '' }), 'LL004')).toBe(false);
  });
  it('does not report what .dockerignore already excludes', () => {
    const df = 'FROM node:20\nCOPY . .\n';
    expect(
      has(
        input(df, {
          'node_modules/x/index.js': '',
          '.dockerignore': 'node_modules\nDockerfile\n.dockerignore\n'
        }),
        'LL004'
      )
    ).toBe(false);
  });
});

describe('LL005 copy-ignored-path', () => {
  it('names the .dockerignore line', () => {
    const f = lint(
      input('FROM alpine:3.19\nCOPY build/app.js /app/\n', {
        'build/app.js': '',
        '.dockerignore': '# out\nbuild\n'
      })
    ).findings.find((x) => x.code === 'LL005');
    expect(f?.message).toMatch(/\.dockerignore line 2/);
    expect(f?.severity).toBe('error');
  });
  it('reports a wildcard whose only matches are excluded', () => {
    expect(
      has(input('FROM alpine:3.19\nCOPY *.whl /tmp/\n', { 'a.whl': '', '.dockerignore': '*.whl\n' }), 'LL005')
    ).toBe(true);
    expect(
      has(
        input('FROM alpine:3.19\nCOPY *.whl /tmp/\n', {
          'a.whl': '',
          'b.whl': '',
          '.dockerignore': 'a.whl\n'
        }),
        'LL005'
      )
    ).toBe(false);
  });
  it('is quiet when the path is simply missing (the engine reports that)', () => {
    expect(
      has(input('FROM alpine:3.19\nCOPY build/app.js /app/\n', { '.dockerignore': 'build\n' }), 'LL005')
    ).toBe(false);
  });
});

describe('LL006 unpinned-base-image', () => {
  it('reports :latest, not stage references, scratch or pinned digests', () => {
    expect(codes(input('FROM node:latest AS a\nFROM a\nFROM scratch\n'))).toEqual(['LL006@1']);
    expect(has(input(`FROM alpine@sha256:${'a'.repeat(64)}\n`), 'LL006')).toBe(false);
  });
  it('sees the image a global ARG expands to', () => {
    expect(has(input('ARG TAG=latest\nFROM node:${TAG}\n'), 'LL006')).toBe(true);
    expect(has(input('ARG TAG=20\nFROM node:${TAG}\n'), 'LL006')).toBe(false);
  });
});

describe('LL007 add-url-without-checksum', () => {
  it('says Docker 20.10 has no --checksum, and leaves local ADD alone', () => {
    const f = lint(input('FROM alpine:3.19\nADD https://example.com/a.tgz /opt/\n')).findings.find(
      (x) => x.code === 'LL007'
    );
    expect(f?.message).toMatch(/20\.10/);
    expect(f?.fix.description).toMatch(/sha256sum -c/);
    expect(has(input('FROM alpine:3.19\nADD a.tgz /opt/\n', { 'a.tgz': '' }), 'LL007')).toBe(false);
  });
});

describe('LL008 install-without-cache-mount', () => {
  it('is silent for the legacy builder, which has no --mount', () => {
    const ex = RULES.find((r) => r.id === 'LL008')?.examples.before as LintExample;
    expect(has({ ...fromExample(ex), builder: 'legacy' }, 'LL008')).toBe(false);
  });
  it('gives no mechanical edit when the command bypasses the cache directory', () => {
    const f = lint(
      input('FROM python:3.12\nRUN pip install --no-cache-dir -r r.txt\n', { 'r.txt': '' })
    ).findings.find((x) => x.code === 'LL008');
    expect(f?.fix.edits).toBeUndefined();
    expect(f?.fix.description).toMatch(/--no-cache-dir/);
  });
});

describe('suppression', () => {
  const df = (comment: string) => `FROM python\n${comment}RUN apt-get update\n`;
  it('a comment above the instruction silences the named rule only', () => {
    const r = lint(input(df('# layerlab-ignore LL002\n')));
    expect(r.findings.map((f) => f.code)).toEqual(['LL006']);
    expect(r.suppressed).toEqual([{ code: 'LL002', line: 3, by: 'comment' }]);
  });
  it('a comment on the instruction line silences it; several ids and a bare directive work', () => {
    expect(codes(input('FROM python # layerlab-ignore LL006\n'))).toEqual([]);
    expect(codes(input(df('# layerlab-ignore LL006, LL002\n')))).toEqual(['LL006@1']);
    expect(codes(input(df('# keep the lists\n# layerlab-ignore\n')))).toEqual(['LL006@1']);
  });
  it('a comment separated by a blank line does not count', () => {
    expect(codes(input(df('# layerlab-ignore LL002\n\n')))).toContain('LL002@4');
  });
  it('.layerlab.json ignores rules and changes severities', () => {
    const cfg = { '.layerlab.json': JSON.stringify({ ignore: ['LL006'], severity: { LL002: 'error' } }) };
    const r = lint(input(df(''), cfg));
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['LL002', 'error']]);
    expect(r.configFile).toBe('.layerlab.json');
    expect(r.suppressed).toEqual([{ code: 'LL006', line: 1, by: 'config' }]);
  });
  it('layerlab.config.json and an explicit config work; "off" switches a rule off', () => {
    expect(codes(input(df(''), { 'layerlab.config.json': '{"severity": {"LL002": "off"}}' }))).toEqual([
      'LL006@1'
    ]);
    expect(codes(input(df(''), {}, { config: { ignore: ['ll002', 'LL006'] } }))).toEqual([]);
  });
  it('a broken config is reported and the defaults apply', () => {
    const bad = lint(input(df(''), { '.layerlab.json': '{ignore: LL002' }));
    expect(bad.diagnostics[0]).toMatchObject({ code: 'config', severity: 'warning' });
    expect(bad.findings.map((f) => f.code)).toEqual(['LL006', 'LL002']);
    const unknown = lint(
      input(df(''), { '.layerlab.json': '{"ignore": ["LL999"], "severity": {"LL002": "loud"}, "rules": 1}' })
    );
    expect(unknown.diagnostics.map((d) => d.message).join('\n')).toMatch(
      /unknown rule "LL999"[\s\S]*unknown setting "rules"|unknown setting "rules"[\s\S]*LL999/
    );
    expect(unknown.diagnostics.some((d) => /loud/.test(d.message))).toBe(true);
  });
});

describe('robustness', () => {
  it('never throws on junk, and lints an empty Dockerfile to nothing', () => {
    expect(lint(input('')).findings).toEqual([]);
    expect(() => lint({} as LintInput)).not.toThrow();
    expect(() => lint(input('FROM\nCOPY\nRUN\nADD --chown a\nARG\n'))).not.toThrow();
  });
  it('same input, same output', () => {
    const ex = fromExample(RULES[0].examples.before);
    expect(lint(ex)).toEqual(lint(ex));
  });
});
