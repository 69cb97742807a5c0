import { describe, expect, it } from 'vitest';
import { runEffects } from './interpreter';
import { StageFs } from '../fs';
import { imageModelSpec } from '../images';
import { sha256Text } from '../digest';

const file = (text: string) => ({ type: 'f' as const, digest: sha256Text(text), mode: 0o644, size: text.length, owner: '0:0', text });
const base = () => new StageFs(imageModelSpec('generic', 'sha256:' + 'a'.repeat(64)));
const run = (script: string, fs = base(), env: Array<[string, string]> = [], cwd = '/src') =>
  runEffects({ script, argv: null, shell: ['/bin/sh', '-c'], env, cwd, user: '', fs, oracle: false }).fs;

describe('what RUN writes', () => {
  it('echo into a file writes exactly that text', () => {
    const fs = run('mkdir -p /out && echo "$V" > /out/version.txt', base(), [['V', '1.2']]);
    expect(fs.readText('/out/version.txt')).toBe('1.2\n');
    expect(fs.get('/out')?.type).toBe('d');
  });

  it("go build's binary follows the bytes of the files in the working directory, not its flags", () => {
    const src = base().with({ kind: 'put', path: '/src/main.go', entry: file('package main') });
    const a = run('go build -o /out/app .', src).get('/out/app');
    const b = run('go build -ldflags="-s -w" -o /out/app .', src).get('/out/app');
    const c = run('go build -o /out/app .', src.with({ kind: 'put', path: '/src/main.go', entry: file('package main // v2') })).get('/out/app');
    expect(a?.digest).toBe(b?.digest);
    expect(a?.digest).not.toBe(c?.digest);
  });

  it('npm run build reads src/ only; empty files add no bytes', () => {
    const fs = base().with({ kind: 'put', path: '/src/src/a.js', entry: file('a') });
    const one = run('npm run build', fs).get('/src/dist/app.js')?.digest;
    const withEmpty = run('npm run build', fs.with({ kind: 'put', path: '/src/src/.keep', entry: file('') })).get('/src/dist/app.js')?.digest;
    const withConfig = run('npm run build', fs.with({ kind: 'put', path: '/src/vite.config.js', entry: file('x') })).get('/src/dist/app.js')?.digest;
    expect(withEmpty).toBe(one);
    expect(withConfig).toBe(one);
  });

  it('rm -rf removes a tree, cd changes where relative paths land', () => {
    const fs = run('mkdir src && echo x > src/a && cd src && echo y > b && cd .. && rm -rf src/a');
    expect(fs.get('/src/src/a')).toBeUndefined();
    expect(fs.readText('/src/src/b')).toBe('y\n');
  });

  it('a command it does not know is opaque: new files follow its inputs', () => {
    const fs = base().with({ kind: 'put', path: '/src/in.txt', entry: file('1') });
    const a = run('mytool in.txt > out.bin', fs).get('/src/out.bin')?.digest;
    const b = run('mytool in.txt > out.bin', fs.with({ kind: 'put', path: '/src/in.txt', entry: file('2') })).get('/src/out.bin')?.digest;
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });
});

describe('text filters on known contents', () => {
  it('grep -v and sort give exact bytes, so a comment-only edit writes the same file', () => {
    const src = (t: string) => base().with({ kind: 'put', path: '/src/in.conf', entry: file(t) });
    const out = (t: string) => run("grep -v '^#' in.conf | sort > out.conf", src(t)).readText('/src/out.conf');
    expect(out('# a\nb=2\na=1\n')).toBe('a=1\nb=2\n');
    expect(out('# changed comment\na=1\nb=2\n')).toBe('a=1\nb=2\n');
  });
  it('sed -i rewrites a file in place; an unknown file keeps an opaque digest that follows its input', () => {
    const fs = run("cp in.conf out.conf && sed -i 's/debug/info/' out.conf", base().with({ kind: 'put', path: '/src/in.conf', entry: file('level=debug\n') }));
    expect(fs.readText('/src/out.conf')).toBe('level=info\n');
  });
});

describe('the file system chain', () => {
  it('a RUN that writes nothing adds no layers, and mounts never leak into the result', () => {
    const fs = base().with({ kind: 'put', path: '/mnt/req.txt', entry: file('x') });
    expect(fs.layersSince(fs)).toEqual([]);
    const after = run('true', fs);
    expect(after.layersSince(fs)).toEqual([]);
  });
});
