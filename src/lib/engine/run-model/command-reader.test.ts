import { describe, expect, it } from 'vitest';
import { inlineScript, readCommands, tokenize } from './command-reader';

const words = (script: string) => tokenize(script, () => undefined)?.map((c) => c.words) ?? null;

describe('reading a RUN script into simple commands', () => {
  it('splits commands on && || ; and | and expands variables from the environment', () => {
    const cmds = tokenize('A=1 go build -o "$OUT" . && echo done || true; ls | sort > list', (n) => (n === 'OUT' ? '/out/app' : undefined));
    expect(cmds?.map((c) => [c.words, c.next])).toEqual([
      [['go', 'build', '-o', '/out/app', '.'], '&&'],
      [['echo', 'done'], '||'],
      [['true'], ';'],
      [['ls'], '|'],
      [['sort'], null]
    ]);
    expect(cmds?.[0].assigns).toEqual([['A', '1']]);
    expect(cmds?.[4].redirects).toEqual([{ op: '>', target: 'list' }]);
  });

  it('removes quotes and escapes: an operator inside quotes is part of a word', () => {
    expect(words(`echo "a && npm install" 'b; c' d\\|e`)).toEqual([['echo', 'a && npm install', 'b; c', 'd|e']]);
    expect(words(`'npm' "ci"`)).toEqual([['npm', 'ci']]);
    expect(words('np\\m ci')).toEqual([['npm', 'ci']]);
  });

  it('joins continuation lines and ends a command at a newline or a comment', () => {
    expect(words('apt-get update \\\n  && apt-get install -y curl # the only tool\nls')).toEqual([
      ['apt-get', 'update'],
      ['apt-get', 'install', '-y', 'curl'],
      ['ls']
    ]);
  });

  it('sets assignments and redirects apart, and drops fd duplications', () => {
    const [c] = tokenize('PIP_NO_CACHE_DIR=1 pip install x >/tmp/log 2>&1 <in', () => undefined) ?? [];
    expect(c.assigns).toEqual([['PIP_NO_CACHE_DIR', '1']]);
    expect(c.words).toEqual(['pip', 'install', 'x']);
    expect(c.redirects).toEqual([
      { op: '>', target: '/tmp/log' },
      { op: '<', target: 'in' }
    ]);
  });

  it('marks the words the shell would expand: a quoted wildcard is a literal', () => {
    expect(tokenize(`cp *.jar "*.txt" dest/`, () => undefined)?.[0].globs).toEqual([false, true, false, false]);
  });

  it('gives up on command substitution, backquotes and unterminated quotes', () => {
    for (const s of ['echo $(date)', 'echo `date`', 'echo "$(id -u)"', "echo 'open", 'echo "open']) expect(words(s)).toBeNull();
  });

  it('never gives up for lint: a substitution stays in its word as written', () => {
    expect(readCommands('npm ci && echo $(date +%s) `id` > /stamp').map((c) => c.words)).toEqual([
      ['npm', 'ci'],
      ['echo', '$(date +%s)', '`id`']
    ]);
    expect(readCommands("apt-get update && echo 'open").map((c) => c.words)).toEqual([
      ['apt-get', 'update'],
      ['echo', 'open']
    ]);
  });

  it('reads what a strict read reads, word for word, where that succeeds', () => {
    const script = `A=1 sudo -E "npm" ci --omit=dev && pip install -r req.txt | tee log; echo "$A" > out`;
    expect(readCommands(script)).toEqual(tokenize(script, () => undefined));
  });

  it('finds the inline script of sh -c and its flag clusters', () => {
    expect(inlineScript(['sh', '-c', 'npm ci'])).toBe('npm ci');
    expect(inlineScript(['/bin/bash', '-ec', 'make'])).toBe('make');
    expect(inlineScript(['sh', 'script.sh'])).toBeNull();
    expect(inlineScript(['node', '-c', 'x'])).toBeNull();
  });
});
