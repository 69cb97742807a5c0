/**
 * The CLI on real temporary git repositories: commit, edit, then ask what the
 * next build rebuilds. Runs `main` in-process with its own working directory.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { predictScenario, type Scenario } from '../lib/engine/index';
import { main } from './main';
import type { Io } from './io';
import { hashFile } from './read-context';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function write(root: string, files: Record<string, string>) {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    'git',
    ['-c', 'user.email=dev@example.com', '-c', 'user.name=Dev', '-c', 'init.defaultBranch=main', ...args],
    { cwd, stdio: 'pipe' }
  ).toString();

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'layerlab-cli-'));
  made.push(d);
  return d;
}

/** A git repository with the files committed. */
function repo(files: Record<string, string>): string {
  const d = tempDir();
  write(d, files);
  git(d, 'init', '-q');
  git(d, 'add', '-A');
  git(d, 'commit', '-qm', 'first');
  return d;
}

async function run(
  cwd: string,
  args: string[],
  opts: { tty?: boolean; env?: Record<string, string>; hashFile?: Io['hashFile'] } = {}
) {
  let out = '';
  let err = '';
  const code = await main(args, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd,
    env: opts.env ?? {},
    isTTY: opts.tty ?? false,
    columns: 120,
    hashFile: opts.hashFile
  });
  return { code, out, err };
}

interface JsonStep {
  line: number;
  status: string;
  why: string;
  estimatedSeconds: number;
  reason: { kind: string };
}

async function checkJson(cwd: string, ...args: string[]) {
  const r = await run(cwd, ['check', '--json', ...args]);
  expect(r.err).toBe('');
  return {
    code: r.code,
    json: JSON.parse(r.out) as {
      steps: JsonStep[];
      rebuild: { steps: number; seconds: number };
      [k: string]: unknown;
    }
  };
}

const rebuilt = (steps: JsonStep[]) => steps.filter((s) => s.status === 'built').map((s) => s.line);

const PY = {
  Dockerfile:
    'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
  'requirements.txt': 'flask==3.0.3\n',
  'app.py': 'print("hi")\n',
  'debug.log': 'started\n',
  '.dockerignore': '.git\n*.log\n'
};

describe('check against HEAD on a real git repository', () => {
  it('a clean working tree rebuilds nothing', async () => {
    const d = repo(PY);
    const { code, json } = await checkJson(d);
    expect(code).toBe(0);
    expect(json.since).toMatchObject({ ref: 'HEAD' });
    // Nothing rebuilds; what remains is a cached build's fixed overhead (loading the context, exporting).
    expect(json.rebuild.steps).toBe(0);
    expect(json.rebuild.seconds).toBeLessThan(1.5);
  });

  it('a source edit rebuilds only the last COPY', async () => {
    const d = repo(PY);
    write(d, { 'app.py': 'print("hello")\n' });
    const { json } = await checkJson(d);
    expect(rebuilt(json.steps)).toEqual([5]);
    expect(json.steps.find((s) => s.line === 5)?.why).toBe('app.py modified');
    expect(json.rebuild.seconds).toBeGreaterThan(0);
  });

  it('a manifest edit rebuilds the install and everything after it', async () => {
    const d = repo(PY);
    write(d, { 'requirements.txt': 'flask==3.0.4\n' });
    const { json } = await checkJson(d);
    expect(rebuilt(json.steps)).toEqual([3, 4, 5]);
    const install = json.steps.find((s) => s.line === 4) as JsonStep;
    expect(install.why).toBe('after line 3');
    expect(install.estimatedSeconds).toBeGreaterThan(30);
  });

  it('an edit to a .dockerignore-d file, tracked or new, rebuilds nothing', async () => {
    const d = repo(PY);
    write(d, { 'debug.log': 'started\nrequest 1\n', 'new.log': 'x\n' });
    const { code, json } = await checkJson(d);
    expect(code).toBe(0);
    expect(rebuilt(json.steps)).toEqual([]);
  });

  it('chmod +x rebuilds the COPY that takes the file', async () => {
    const d = repo(PY);
    chmodSync(join(d, 'app.py'), 0o755);
    const { json } = await checkJson(d);
    expect(rebuilt(json.steps)).toEqual([5]);
    expect(json.steps.find((s) => s.line === 5)?.why).toBe('app.py mode 644→755');
  });

  it('new, staged and deleted files count as changes; a committed change does not', async () => {
    const d = repo({ ...PY, 'old.py': 'x = 1\n' });
    write(d, { 'new.py': 'y = 2\n' });
    unlinkSync(join(d, 'old.py'));
    const { json } = await checkJson(d);
    expect(json.steps.find((s) => s.line === 5)?.why).toMatch(
      /new\.py added.*old\.py removed|old\.py removed.*new\.py added/
    );
    git(d, 'add', '-A');
    git(d, 'commit', '-qm', 'second');
    expect(rebuilt((await checkJson(d)).json.steps)).toEqual([]);
  });

  it('--since compares with an older revision, read from git objects', async () => {
    const d = repo(PY);
    write(d, { 'requirements.txt': 'flask==3.0.4\n' });
    git(d, 'commit', '-qam', 'bump flask');
    expect(rebuilt((await checkJson(d)).json.steps)).toEqual([]);
    expect(rebuilt((await checkJson(d, '--since', 'HEAD~1')).json.steps)).toEqual([3, 4, 5]);
  });

  it('a .dockerignore edit since REF: files it now excludes were in the old context', async () => {
    const d = repo({ ...PY, 'README.md': '# app\n' });
    write(d, { '.dockerignore': '.git\n*.log\n*.md\n' });
    const { json } = await checkJson(d);
    const copy = json.steps.find((s) => s.line === 5) as JsonStep;
    expect(copy.status).toBe('built');
    expect(copy.why).toMatch(/README\.md removed/);
  });

  it('works on a context below the repository top, with the Dockerfile elsewhere', async () => {
    const d = repo({
      'app/main.go': 'package main\n',
      'docker/app.Dockerfile': 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n'
    });
    write(d, { 'app/main.go': 'package main\n// edit\n' });
    const { json } = await checkJson(d, '-f', 'docker/app.Dockerfile', 'app');
    expect(rebuilt(json.steps)).toEqual([3, 4]);
    expect(json.steps.find((s) => s.line === 3)?.why).toBe('main.go modified');
  });

  it('--no-cache rebuilds everything', async () => {
    const d = repo(PY);
    const { json } = await checkJson(d, '--no-cache');
    expect(rebuilt(json.steps)).toEqual([3, 4, 5]);
  });

  it('outside git, and with --since none, it reports a cold build', async () => {
    const d = tempDir();
    write(d, PY);
    const cold = await checkJson(d);
    expect(cold.json.since).toBeNull();
    expect(cold.json.coldBecause).toBe('not a git repository');
    expect(rebuilt(cold.json.steps)).toEqual([1, 2, 3, 4, 5]);
    const none = await checkJson(repo(PY), '--since', 'none');
    expect(none.json.coldBecause).toBe('--since none');
  });
});

describe('reading the directory as the docker CLI does', () => {
  it('never reads an excluded tree, and hashes every byte it sends', async () => {
    const d = repo({ ...PY, '.dockerignore': '.git\n*.log\nnode_modules\n' });
    for (let i = 0; i < 20; i++) write(d, { [`node_modules/pkg${i}/index.js`]: 'module.exports = 1\n' });
    const { json } = await checkJson(d);
    const summary = json.contextSummary as { hashedFiles: number; excluded: number };
    // Dockerfile, requirements.txt, app.py and .dockerignore are hashed; .git, debug.log and
    // node_modules are one excluded entry each: the walk never lists what is inside node_modules.
    expect(summary.hashedFiles).toBe(4);
    expect(summary.excluded).toBe(3);
  });

  it('walks into an excluded directory only for an exception inside it, as the docker CLI does', async () => {
    const d = repo({
      ...PY,
      '.dockerignore': '.git\n*.log\ndist\n!dist/keep.txt\n',
      'dist/keep.txt': 'k\n',
      'dist/drop.txt': 'd\n'
    });
    write(d, { 'dist/drop.txt': 'changed\n' });
    expect(rebuilt((await checkJson(d)).json.steps)).toEqual([]);
    write(d, { 'dist/keep.txt': 'changed\n' });
    const { json } = await checkJson(d);
    expect(json.steps.find((s) => s.line === 5)?.why).toBe('dist/keep.txt modified');
    // Dockerfile, requirements.txt, app.py, .dockerignore and dist/keep.txt; dist/drop.txt is listed, never read.
    expect((json.contextSummary as { hashedFiles: number }).hashedFiles).toBe(5);
  });

  it('keeps symlinks as links and never follows them out of the context', async () => {
    const outside = tempDir();
    write(outside, { 'secret.txt': 'do not read\n' });
    const d = repo(PY);
    symlinkSync(outside, join(d, 'data'));
    const { json } = await checkJson(d);
    expect(json.steps.find((s) => s.line === 5)?.why).toBe('data added');
    expect((json.contextSummary as { hashedFiles: number }).hashedFiles).toBe(4);
  });

  it('reads a context of random binary files (2,000 files, 20 MB) as docker does, without complaint', async () => {
    const d = tempDir();
    write(d, { Dockerfile: 'FROM alpine:3.20\nCOPY . /data/\n' });
    // A seeded PRNG (mulberry32): the same bytes on every run, and among them invalid
    // UTF-8 sequences where the tar sniff decodes header fields.
    let seed = 0x5eed;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (t ^ (t >>> 14)) >>> 0;
    };
    const bytes = new Uint8Array(10 * 1024);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < 2000; i++) {
      for (let o = 0; o < bytes.length; o += 4) view.setUint32(o, next());
      mkdirSync(join(d, `bin${i % 20}`), { recursive: true });
      writeFileSync(join(d, `bin${i % 20}`, `blob${i}.bin`), bytes);
    }
    const r = await run(d, ['check', '--since', 'none', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { contextSummary: { hashedFiles: number } }).contextSummary.hashedFiles).toBe(2001);
  });

  it('hashes big files in chunks to the same SHA-256', () => {
    const d = tempDir();
    const big = Buffer.alloc(9 * 1024 * 1024 + 7, 'layer');
    writeFileSync(join(d, 'big.bin'), big);
    const h = hashFile(join(d, 'big.bin'));
    expect(h).toMatchObject({
      digest: 'sha256:' + createHash('sha256').update(big).digest('hex'),
      size: big.length,
      bytes: null
    });
  });

  it('a file the user cannot read fails the legacy build, naming it; BuildKit sends it empty, as the daemon does', async () => {
    const d = repo(PY);
    // Root reads any file, so the denial is injected where the CLI opens files.
    const denied = (abs: string) => {
      if (abs.endsWith('app.py')) throw Object.assign(new Error(`EACCES: permission denied, open '${abs}'`), { code: 'EACCES' });
      return hashFile(abs);
    };
    const legacy = await run(d, ['check', '--since', 'none', '--builder', 'legacy'], { hashFile: denied });
    expect(legacy.code).toBe(2);
    expect(legacy.err).toContain(`error checking context: no permission to read from '${join(d, 'app.py')}'`);
    const bk = await run(d, ['check', '--since', 'none', '--json'], { hashFile: denied });
    expect(bk.code).toBe(0);
    expect(bk.err).toContain(`cannot read ${join(d, 'app.py')} (permission denied): BuildKit sends it as an empty file`);
    // The same prediction as for an empty app.py.
    const empty = repo({ ...PY, 'app.py': '' });
    const steps = (out: string) => (JSON.parse(out) as { steps: JsonStep[] }).steps.map((s) => s.status);
    expect(steps(bk.out)).toEqual(steps((await run(empty, ['check', '--since', 'none', '--json'])).out));
  });

  it('an unreadable or missing input is exit 2 with advice', async () => {
    const d = repo(PY);
    const missing = await run(d, ['check', 'nowhere']);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toMatch(/nowhere is not a directory/);
    const noDockerfile = await run(tempDir(), ['check']);
    expect(noDockerfile.code).toBe(2);
    expect(noDockerfile.err).toMatch(/-f PATH/);
  });
});

describe('gates and exit codes', () => {
  it('--max-rebuild fails over budget and passes within it', async () => {
    const d = repo(PY);
    write(d, { 'requirements.txt': 'flask==3.0.4\n' });
    const over = await run(d, ['check', '--max-rebuild', '10']);
    expect(over.code).toBe(1);
    expect(over.out).toMatch(/Over budget: .* --max-rebuild 10 s/);
    expect((await run(d, ['check', '--max-rebuild', '600'])).code).toBe(0);
  });

  it('--fail-on decides which lint findings fail', async () => {
    const d = repo({ ...PY, Dockerfile: 'FROM python\nRUN apt-get update\nCOPY . .\n' });
    expect((await run(d, ['lint'])).code).toBe(1);
    expect((await run(d, ['lint', '--fail-on', 'error'])).code).toBe(0);
    expect((await run(d, ['check'])).code).toBe(0);
    expect((await run(d, ['check', '--fail-on', 'warning'])).code).toBe(1);
  });

  it('a Dockerfile the daemon would reject fails check with its error', async () => {
    const d = repo({ ...PY, Dockerfile: 'FROM python:3.12\nCOPY missing.txt .\n' });
    const r = await run(d, ['check']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Dockerfile:2: error: .*not found/);
  });

  it('a .dockerignore line Docker rejects fails check with the daemon error, not as an unreadable file', async () => {
    const d = repo({ ...PY, '.dockerignore': '.git\n*.log\nbuild(\n' });
    const r = await run(d, ['check', '--since', 'none']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toContain('error from sender: failed to match excludepatterns: syntax error in pattern');
    expect(r.out).toContain('.dockerignore line 3: "build(" is not a pattern Docker accepts');
  });

  it('usage errors are exit 2 and say what to do', async () => {
    const d = repo(PY);
    const cases: Array<[string[], RegExp]> = [
      [['check', '--builder', 'kaniko'], /--builder must be buildkit or legacy/],
      [['check', '--bogus'], /Unknown option '--bogus'/],
      [['check', '--since', 'no-such-ref'], /unknown git revision "no-such-ref".*fetch-depth/],
      [['check', '--max-rebuild', 'soon'], /--max-rebuild takes seconds/],
      [['check', '--fail-on', 'loud'], /--fail-on must be/],
      [['lint', '--since', 'HEAD'], /belongs to `layerlab check`/],
      [['check', '--json', '--format', 'sarif'], /disagree/],
      [['check', 'a', 'b'], /one context directory/],
      [['deploy'], /unknown command "deploy"/]
    ];
    for (const [args, message] of cases) {
      const r = await run(d, args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(message);
    }
    const outside = await run(tempDir(), ['check', '--since', 'HEAD', '-f', join(d, 'Dockerfile')]);
    expect(outside.err).toMatch(/needs a git repository.*--since none/);
  });
});

describe('--timings: calibrating from a real build log', () => {
  const LOG = `#1 [internal] load build definition from Dockerfile
#1 DONE 0.1s

#4 [1/5] FROM docker.io/library/python:3.12-slim@sha256:${'ab'.repeat(32)}
#4 CACHED

#5 [2/5] WORKDIR /app
#5 CACHED

#6 [3/5] COPY requirements.txt .
#6 DONE 0.2s

#7 [4/5] RUN pip install -r requirements.txt
#7 DONE 31.4s

#8 [5/5] COPY . .
#8 DONE 0.3s

#9 exporting to image
#9 DONE 1.8s
`;

  it('uses the measured seconds for each step it timed, and says which it did not', async () => {
    const d = repo(PY);
    write(d, { 'requirements.txt': 'flask==3.0.4\n', 'build.log': LOG });
    const { code, json } = await checkJson(d, '--timings', 'build.log');
    expect(code).toBe(0);
    const steps = json.steps as Array<JsonStep & { fullSeconds: number; estimateBasis: string }>;
    const pip = steps.find((s) => s.line === 4)!;
    expect(pip.estimatedSeconds).toBe(31.4);
    expect(pip.estimateBasis).toMatch(/^31\.4 s measured in your build log/);
    const timings = json.timings as {
      steps: Array<{ line: number; status: string }>;
      uncalibratedLines: number[];
    };
    expect(timings.steps.map((s) => [s.line, s.status])).toEqual([
      [1, 'cached'],
      [2, 'cached'],
      [3, 'calibrated'],
      [4, 'calibrated'],
      [5, 'calibrated']
    ]);
    expect(timings.uncalibratedLines).toEqual([1, 2]);
    // Without the log the same build costs the default figures.
    const plain = await checkJson(d);
    expect(plain.json.steps.find((s) => s.line === 4)!.estimatedSeconds).toBe(45.2);
    expect(plain.json.timings).toBeNull();
  });

  it('the table lists what the log measured', async () => {
    const d = repo(PY);
    write(d, { 'build.log': LOG });
    const r = await run(d, ['check', '--timings', 'build.log']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'Timings from build.log (BuildKit plain progress): 3 of 5 logged steps measured.'
    );
    expect(r.out).toMatch(/\n\s+4\s+\[4\/5\] RUN pip install -r requirements.txt\s+31\.4 s\s+measured\n/);
    expect(r.out).toMatch(/\n\s+2\s+\[2\/5\] WORKDIR \/app\s+cached in that build, so no time/);
    expect(r.out).toContain('Not measured, default estimate kept: lines 1, 2.');
  });

  it('a missing log, a file that is no build log, or --timings on lint is exit 2', async () => {
    const d = repo(PY);
    write(d, { 'notes.txt': 'hello\n' });
    const cases: Array<[string[], RegExp]> = [
      [['check', '--timings', 'nope.log'], /cannot read the build log nope\.log: no such file/],
      [['check', '--timings', '.'], /cannot read the build log \.: it is a directory; give the file that holds the output of docker build --progress=plain\n/],
      [['check', '--timings', 'notes.txt'], /notes\.txt is not docker build output/],
      [['lint', '--timings', 'notes.txt'], /--timings belongs to `layerlab check`/]
    ];
    for (const [args, message] of cases) {
      const r = await run(d, args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.err).toMatch(message);
    }
  });
});

describe('output', () => {
  it('the table names each step, its status and why; colour only on a terminal without NO_COLOR', async () => {
    const d = repo(PY);
    write(d, { 'app.py': 'print("hello")\n' });
    const plain = await run(d, ['check']);
    expect(plain.out).toMatch(/against HEAD \([0-9a-f]{7} "first"\)/);
    expect(plain.out).toMatch(/\n\s+5\s+\[5\/5\] COPY \. \.\s+REBUILD\s+0\.\d s\s+app\.py modified\n/);
    expect(plain.out).toMatch(/Next build: 1 of 5 steps rebuild/);
    expect(plain.out).not.toContain('\u001b[');
    expect((await run(d, ['check'], { tty: true })).out).toContain('\u001b[');
    expect((await run(d, ['check'], { tty: true, env: { NO_COLOR: '1' } })).out).not.toContain('\u001b[');
  });

  it('--progress plain prints the daemon plain progress', async () => {
    const d = repo(PY);
    write(d, { 'app.py': 'print("hello")\n' });
    const r = await run(d, ['check', '--progress', 'plain']);
    expect(r.out).toContain('#1 [internal] load build definition from Dockerfile');
    expect(r.out).toMatch(/#\d+ \[4\/5\] RUN pip install -r requirements.txt\n#\d+ CACHED/);
    expect(r.out).toMatch(/#\d+ \[5\/5\] COPY \. \.\n#\d+ DONE 0\.\ds/);
  });

  it('JSON carries steps, totals, lint findings and the exit code', async () => {
    const d = repo({ ...PY, Dockerfile: PY.Dockerfile.replace('python:3.12-slim', 'python') });
    write(d, { 'app.py': 'print("hello")\n' });
    const { code, json } = await checkJson(d, '--max-rebuild', '100');
    expect(code).toBe(0);
    expect(json).toMatchObject({
      tool: { name: 'layerlab', version: pkg.version },
      command: 'check',
      builder: 'buildkit',
      budget: { maxRebuildSeconds: 100, exceeded: false },
      exitCode: 0
    });
    const lint = json.lint as {
      findings: Array<{ code: string; range: { line: number }; fix: { description: string } }>;
    };
    expect(lint.findings.map((f) => `${f.code}@${f.range.line}`)).toEqual(['LL006@1', 'LL008@4', 'LL004@5']);
  });

  it('SARIF output validates against the SARIF 2.1.0 schema', async () => {
    const d = repo({
      ...PY,
      Dockerfile:
        'FROM python\nRUN apt-get update\nRUN apt-get install -y curl\nCOPY . .\nCOPY missing.txt .\n'
    });
    const r = await run(d, ['check', '--format', 'sarif']);
    const log = JSON.parse(r.out);
    const schema = JSON.parse(
      readFileSync(new URL('../../tests/data/sarif-schema-2.1.0.json', import.meta.url), 'utf8')
    );
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const results = log.runs[0].results as Array<{
      ruleId: string;
      level: string;
      locations: Array<{ physicalLocation: { region: { startLine: number } } }>;
    }>;
    expect(
      results.map((x) => `${x.ruleId}:${x.level}@${x.locations[0].physicalLocation.region.startLine}`)
    ).toEqual([
      'LL006:warning@1',
      'LL002:warning@2',
      'LL008:note@3',
      'LL004:warning@4',
      'build-error:error@5'
    ]);
    // A wrong log must fail, or the check above proves nothing.
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });

  it('--help and --version behave as users expect', async () => {
    const d = tempDir();
    expect(await run(d, ['--version'])).toMatchObject({ code: 0, out: `${pkg.version}\n` });
    expect((await run(d, ['--help'])).out).toMatch(/^Usage: layerlab <command>/);
    expect((await run(d, ['check', '--help'])).out).toMatch(/^Usage: layerlab check \[DIR\]/);
    expect((await run(d, ['lint', '-h'])).out).toMatch(/^Usage: layerlab lint \[DIR\]/);
    expect((await run(d, ['help', 'check'])).out).toMatch(/--max-rebuild SECS/);
    expect(await run(d, [])).toMatchObject({ code: 2 });
  });

  it('replay still prints the oracle prediction', async () => {
    const path = new URL('../../tests/oracle/scenarios/pip-requirements-before-source.json', import.meta.url)
      .pathname;
    const r = await run(tempDir(), ['replay', path, '--builder', 'legacy']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(
      predictScenario(JSON.parse(readFileSync(path, 'utf8')) as Scenario, 'legacy')
    );
  });

  it('says when the build may fail on what it cannot see, in the table and the JSON', async () => {
    const d = repo({
      Dockerfile:
        'FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nWORKDIR /src\nCOPY . .\nRUN dotnet publish -c Release -o /app\nFROM mcr.microsoft.com/dotnet/aspnet:8.0\nCOPY --from=build /app/publish /app\n',
      'Program.cs': 'Console.WriteLine(1);\n'
    });
    const { json } = await checkJson(d);
    expect(json.outcome).toBe('unknown');
    expect(json.unknowns).toEqual([{ stepId: expect.any(String), line: 6, message: expect.stringContaining('dotnet publish') }]);
    const table = await run(d, ['check']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(/May fail at line 6: .*"\/app\/publish" not found/);
  });
});
