#!/usr/bin/env node
/**
 * Benchmarks `layerlab check` on a generated project of 20,000 files (~200 MB):
 *   - check: the real CLI (a child process, as a user runs it), against HEAD
 *     with one source file edited, and cold (--since none);
 *   - floor: reading and SHA-256-hashing the same selected bytes, nothing else;
 *   - the ratio of the two;
 *   - where a Docker daemon answers, a fully cached `docker build` of the same
 *     directory (built once, then the second build timed), BuildKit and legacy.
 * Usage: node scripts/bench-cli.mjs [--files N] [--mb M] [--runs R] [--keep]   (npm run bench:cli)
 * Prints a table and, last, one JSON line with every figure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '20000' },
    mb: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
    keep: { type: 'boolean', default: false }
  }
});
const FILES = Number(values.files);
const TOTAL = Number(values.mb) * 1024 * 1024;
const RUNS = Number(values.runs);

/** A small deterministic PRNG, so every run generates the same project. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 90% of the files are the project (sources of 1-20 kB, a few multi-MB assets that
 * are hashed in chunks); 10% sit in node_modules, which .dockerignore excludes.
 */
function generate(root) {
  const rand = prng(42);
  const ignored = Math.round(FILES * 0.1);
  const big = 20;
  const bigSize = 4 * 1024 * 1024;
  const smallBudget = TOTAL - big * bigSize;
  const small = FILES - big - 4;
  const avg = smallBudget / small;
  const selected = [];
  const block = Buffer.alloc(64 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = 32 + Math.floor(rand() * 90);
  const put = (rel, size, isSelected) => {
    const abs = join(root, rel);
    mkdirSync(dirname(abs), { recursive: true });
    const buf = Buffer.allocUnsafe(size);
    for (let o = 0; o < size; o += block.length) block.copy(buf, o, 0, Math.min(block.length, size - o));
    buf.write(`${rel}\n`, 0);
    writeFileSync(abs, buf);
    if (isSelected) selected.push(abs);
  };
  writeFileSync(
    join(root, 'Dockerfile'),
    // FROM scratch: the daemon needs no image and no network; the build is all about the context.
    'FROM scratch\nCOPY package.json /app/\nCOPY . /app/\n'
  );
  writeFileSync(join(root, '.dockerignore'), '.git\nnode_modules\n');
  writeFileSync(join(root, 'package.json'), '{"name": "bench", "version": "1.0.0"}\n');
  writeFileSync(join(root, '.gitignore'), 'node_modules\n');
  selected.push(
    join(root, 'Dockerfile'),
    join(root, '.dockerignore'),
    join(root, 'package.json'),
    join(root, '.gitignore')
  );
  for (let i = 0; i < big; i++) put(`assets/media-${i}.bin`, bigSize, true);
  for (let i = 0; i < small; i++) {
    const size = Math.max(64, Math.round(avg * (0.1 + 1.8 * rand())));
    const inModules = i < ignored;
    const rel = inModules
      ? `node_modules/pkg${i % 97}/lib/f${i}.js`
      : `src/m${i % 40}/d${Math.floor(i / 40) % 25}/file${i}.ts`;
    put(rel, size, !inModules);
  }
  return selected;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeIt(fn, runs = RUNS) {
  const times = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    out = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds: median(times), all: times, out };
}

function floor(paths) {
  let bytes = 0;
  for (const p of paths) {
    const b = readFileSync(p);
    createHash('sha256').update(b).digest('hex');
    bytes += b.length;
  }
  return bytes;
}

function cli(root, args) {
  const r = spawnSync(
    process.execPath,
    [join(repo, 'bin', 'layerlab.js'), 'check', root, '--json', ...args],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28
    }
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`layerlab check failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// Docker 20.10's own client speaks to a 20.10 daemon; a newer `docker` wants buildx for BuildKit.
const DOCKER = process.env.DOCKER ?? (existsSync('/usr/bin/docker') ? '/usr/bin/docker' : 'docker');

function dockerAvailable() {
  const r = spawnSync(DOCKER, ['version', '--format', '{{.Server.Version}}'], {
    encoding: 'utf8',
    timeout: 20000
  });
  return r.status === 0 ? r.stdout.trim() : null;
}

function dockerBuild(root, buildkit) {
  const env = { ...process.env, DOCKER_BUILDKIT: buildkit ? '1' : '0' };
  const args = ['build', '-q', '--network=none', '-t', `layerlab-bench:${buildkit ? 'bk' : 'legacy'}`, root];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(DOCKER, args, { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    const last = `${r.stdout}\n${r.stderr}`.trim().split('\n').pop();
    throw new Error(`docker build failed: ${last}`);
  }
  return seconds;
}

// Always rebuild: a stale bundle would time yesterday's code.
execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: repo, stdio: 'ignore' });
const root = mkdtempSync(join(tmpdir(), 'layerlab-bench-'));
try {
  const t0 = Date.now();
  const selected = generate(root);
  const git = (...a) =>
    execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', ...a], {
      cwd: root,
      stdio: 'pipe'
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'bench');
  // One source edit since HEAD: the prediction has something to find.
  writeFileSync(
    selected.find((p) => p.includes('/src/')),
    'export const edited = true;\n'
  );
  const setup = (Date.now() - t0) / 1000;

  floor(selected); // warm the page cache for everyone
  // Interleaved, so a busy machine slows floor and check alike; ratios are taken per round.
  const rounds = [];
  let head;
  for (let i = 0; i < RUNS; i++) {
    const f = timeIt(() => floor(selected), 1);
    const h = timeIt(() => cli(root, []), 1);
    const c = timeIt(() => cli(root, ['--since', 'none']), 1);
    head = h.out;
    rounds.push({ floor: f.seconds, head: h.seconds, cold: c.seconds, bytes: f.out });
  }
  const med = (k) => median(rounds.map((r) => r[k]));
  const figures = {
    files: FILES,
    selectedFiles: selected.length,
    selectedMB: +(rounds[0].bytes / 1048576).toFixed(1),
    setupSeconds: +setup.toFixed(1),
    rounds: RUNS,
    floorSeconds: +med('floor').toFixed(3),
    checkSeconds: +med('head').toFixed(3),
    checkColdSeconds: +med('cold').toFixed(3),
    ratio: +median(rounds.map((r) => r.head / r.floor)).toFixed(2),
    ratioCold: +median(rounds.map((r) => r.cold / r.floor)).toFixed(2),
    predictedRebuild: head.rebuild,
    hashedFiles: head.contextSummary.hashedFiles,
    docker: null
  };
  const version = dockerAvailable();
  if (version) {
    const docker = { version };
    for (const [name, bk] of [
      ['buildkit', true],
      ['legacy', false]
    ]) {
      try {
        dockerBuild(root, bk);
        const times = Array.from({ length: RUNS }, () => dockerBuild(root, bk));
        docker[`${name}CachedSeconds`] = +median(times).toFixed(2);
      } catch (e) {
        docker[`${name}Error`] = e.message;
      }
    }
    spawnSync(DOCKER, ['rmi', '-f', 'layerlab-bench:bk', 'layerlab-bench:legacy'], { stdio: 'ignore' });
    figures.docker = docker;
  }

  const row = (k, v) => console.log(`  ${k.padEnd(44)} ${v}`);
  console.log(
    `layerlab check on ${FILES} files (${figures.selectedFiles} selected, ${figures.selectedMB} MB read and hashed), median of ${RUNS}`
  );
  row('floor: read + SHA-256 of the selected bytes', `${figures.floorSeconds} s`);
  row('layerlab check (against HEAD, one edit)', `${figures.checkSeconds} s  (${figures.ratio}x the floor)`);
  row(
    'layerlab check --since none (cold)',
    `${figures.checkColdSeconds} s  (${figures.ratioCold}x the floor)`
  );
  row(
    'predicted rebuild',
    `${figures.predictedRebuild.steps} of ${figures.predictedRebuild.of} steps, ${figures.predictedRebuild.seconds} s`
  );
  if (figures.docker) {
    for (const [name, label] of [
      ['buildkit', `BuildKit, Docker ${version}`],
      ['legacy', 'legacy builder']
    ]) {
      const v = figures.docker[`${name}CachedSeconds`];
      row(
        `docker build, fully cached, ${label}`,
        v !== undefined ? `${v} s` : `failed: ${figures.docker[`${name}Error`]}`
      );
    }
  } else row('docker build', 'skipped: no Docker daemon answers `docker version`');
  console.log(JSON.stringify({ bench: 'cli', ...figures }));
} finally {
  if (!values.keep) rmSync(root, { recursive: true, force: true });
  else console.log(`kept ${root}`);
}
