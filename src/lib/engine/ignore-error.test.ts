import { describe, expect, it } from 'vitest';
import { build } from './build';
import { context } from './test-kit';

describe('a pattern Docker rejects fails the build as the daemon does', () => {
  const files = { '.dockerignore': '*.log\nbuild(\n', 'app.txt': 'app\n' };
  const df = 'FROM alpine:3.19\nRUN echo one\nCOPY app.txt /app/\n';

  it('legacy: before any step, with the CLI error', () => {
    // Oracle scenario dockerignore-unbalanced-paren: "error checking context: syntax error in pattern".
    const r = build({ dockerfile: df, context: context(files), builder: 'legacy' });
    expect(r.error?.message).toBe('error checking context: syntax error in pattern');
    expect(r.steps.filter((s) => s.printed)).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'context')?.message).toMatch(/^\.dockerignore line 2: "build\(" is not a pattern Docker accepts \(as a regular expression: missing closing \)/);
  });

  it('BuildKit: when a step reads the context, naming the sender error; not otherwise', () => {
    // Oracle scenarios dockerignore-invalid-pattern-unused-context and dockerignore-unterminated-bracket.
    const r = build({ dockerfile: df, context: context(files), builder: 'buildkit' });
    expect(r.error?.message).toBe('error from sender: failed to match excludepatterns: syntax error in pattern');
    expect(r.steps.filter((s) => s.printed).map((s) => s.keyword)).toEqual(['FROM']);
    const bracket = build({ dockerfile: df, context: context({ ...files, '.dockerignore': '*.log\n[abc\n' }) });
    expect(bracket.error?.message).toBe('error from sender: invalid excludepatterns: [*.log [abc]: syntax error in pattern');
    const noContext = build({ dockerfile: 'FROM alpine:3.19\nRUN echo one\n', context: context(files) });
    expect(noContext.error).toBeNull();
  });
});
