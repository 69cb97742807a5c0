import { describe, expect, it } from 'vitest';
import { describeTextChange, lineChange } from './text-change';

describe('describeTextChange', () => {
  it('names one added line', () => {
    expect(describeTextChange('flask==3.0\n', 'flask==3.0\nrequests==2.32\n')).toBe('1 line added');
  });
  it('pairs an edited line as changed, not added and removed', () => {
    expect(describeTextChange('print("helo")\n', 'print("hello")\n')).toBe('1 line changed');
  });
  it('lists several kinds of change in one sentence', () => {
    expect(describeTextChange('a\nb\nc\n', 'a\nB\nc\nd\ne\n')).toBe('1 line changed, 2 added');
    expect(describeTextChange('a\nb\nc\nd\n', 'a\n')).toBe('3 lines removed');
  });
  it('says equal texts did not change and a lost final newline is whitespace', () => {
    expect(describeTextChange('x\n', 'x\n')).toBeNull();
    expect(describeTextChange('x\n', 'x')).toBe('whitespace changed');
  });
  it('stays linear on huge files', () => {
    const big = Array.from({ length: 50000 }, (_, i) => `line ${i}`).join('\n');
    const edited = big.replace('line 100\n', 'line 100 edited\n').replace('line 40000\n', '');
    expect(lineChange(big, edited)).toEqual({ added: 0, removed: 1, changed: 1 });
  });
});
