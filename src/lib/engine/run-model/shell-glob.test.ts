import { describe, expect, it } from 'vitest';
import { expandGlob } from './shell-glob';
import { StageFs } from '../fs';
import { imageModelSpec } from '../images';
import { sha256Text } from '../digest';

describe('pathname expansion against a stage', () => {
  const known = (files: Record<string, string>) => {
    let fs = new StageFs(imageModelSpec('oracle', 'sha256:' + '1'.repeat(64)));
    for (const [p, t] of Object.entries(files)) fs = fs.with({ kind: 'put', path: p, entry: { type: 'f', digest: sha256Text(t), mode: 0o644, size: t.length, owner: '0:0', text: t } });
    return fs;
  };
  it('matches in sorted order, spelled as written, and leaves out dotfiles', () => {
    const fs = known({ '/w/lib/b.jar': 'b', '/w/lib/a.jar': 'a', '/w/lib/.hidden.jar': 'h', '/w/lib/n.txt': 'n' });
    expect(expandGlob('../lib/*.jar', '/w/app', fs)).toEqual({ words: ['../lib/a.jar', '../lib/b.jar'], complete: true });
    expect(expandGlob('/w/*/*.txt', '/', fs)).toEqual({ words: ['/w/lib/n.txt'], complete: true });
  });
  it('a leading dot is matched only by a leading dot in the pattern, as in ash', () => {
    const fs = known({ '/w/.x': 'h', '/w/ax': 'a' });
    expect(expandGlob('[.]x', '/w', fs).words).toEqual(['[.]x']);
    expect(expandGlob('?x', '/w', fs).words).toEqual(['ax']);
    expect(expandGlob('.?', '/w', fs).words).toEqual(['.x']);
  });
  it('a pattern that matches nothing stays as written', () => {
    expect(expandGlob('*.md', '/w', known({ '/w/a.txt': 'a' })).words).toEqual(['*.md']);
  });
  it("is incomplete where a real image may hold files the engine cannot see", () => {
    const fs = new StageFs(imageModelSpec('generic', 'sha256:' + '2'.repeat(64)));
    expect(expandGlob('/etc/*.conf', '/', fs).complete).toBe(false);
  });
});
