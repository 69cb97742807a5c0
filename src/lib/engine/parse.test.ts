import { describe, expect, it } from 'vitest';
import { joinLogicalLine, parseDockerfile } from './parse';

describe('parsing', () => {
  it('keeps each instruction with its keyword, joined text and line range', () => {
    const p = parseDockerfile('# syntax=docker/dockerfile:1\nFROM alpine AS build\n  run echo a \\\n    b\n');
    expect(p.directives).toMatchObject([{ name: 'syntax', value: 'docker/dockerfile:1' }]);
    expect(p.instructions.map((i) => [i.keyword, i.written, i.original, i.range.line, i.range.endLine])).toEqual([
      ['FROM', 'FROM', 'FROM alpine AS build', 2, 2],
      ['RUN', 'run', 'run echo a     b', 3, 4]
    ]);
  });

  it('drops comment and blank lines inside a continuation, as BuildKit does', () => {
    const lines = ['RUN a \\', '# note', '', '   b \\', 'c'];
    expect(joinLogicalLine(lines, 0, '\\').text).toBe('RUN a    b c');
  });

  it('separates flags from arguments and reads the JSON (exec) form', () => {
    const [copy, run] = parseDockerfile('FROM x\nCOPY --from=build --chown=a:b src/ ./dst/\nRUN [ "echo", "hi" ]\n').instructions.slice(1);
    expect(copy.flags).toEqual([
      { name: 'from', value: 'build' },
      { name: 'chown', value: 'a:b' }
    ]);
    expect(copy.args).toBe('src/ ./dst/');
    expect(run.json).toEqual(['echo', 'hi']);
  });

  it('treats a broken JSON array as shell form', () => {
    expect(parseDockerfile('FROM x\nRUN [ "echo", hi ]\n').instructions[1].json).toBeNull();
  });

  it('honours the escape directive', () => {
    const p = parseDockerfile('# escape=`\nFROM x\nRUN echo a `\n  b\n');
    expect(p.escape).toBe('`');
    expect(p.instructions[1].original).toBe('RUN echo a   b');
  });

  it('reports unknown instructions and heredocs as errors', () => {
    expect(parseDockerfile('FROM x\nFROBNICATE y\n').diagnostics[0]).toMatchObject({ severity: 'error', message: 'unknown instruction: FROBNICATE' });
    expect(parseDockerfile('FROM x\nRUN <<EOF\necho\nEOF\n').diagnostics[0].message).toMatch(/Heredocs/);
  });
});
