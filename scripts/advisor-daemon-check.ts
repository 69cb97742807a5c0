/**
 * Asks the real daemon whether the advisor's proposals keep images the same.
 *
 *   npx tsx scripts/advisor-daemon-check.ts [--out FILE] [SCENARIO.json...]
 *
 * For every oracle scenario (default: all of tests/oracle/scenarios) and each
 * builder, it runs the advisor on the scenario's first build, then builds the
 * original and every proposal with the real daemon on that same context, and
 * compares the two images: every path with its type, mode, owner, link target
 * and content (from `docker export`), and the config (`docker inspect`). Both
 * Dockerfiles sit in the context of both builds (`Dockerfile` and
 * `Dockerfile.layerlab-proposal`, chosen with `-f`), so a `COPY . .`, and any
 * tool that reads the whole directory, sees the same files. Left out: the
 * cache-mount directories a proposal takes out of the image on purpose, and
 * the empty directories above them that the mount point leaves.
 *
 * Needs the oracle daemon and its base image (see ../shared/oracle). It tags the
 * images the scenarios name onto the stand-in base as record.mjs does, and
 * removes only the images it built. It does not prune the build cache.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { advise, imagesNamedIn, type Builder, type Scenario } from '../src/lib/engine/index';
import { oracleVariantDigest } from '../src/lib/engine/images';

const docker = process.env.DOCKER ?? '/usr/bin/docker';
const BASE = 'oracle-base';

function sh(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(docker, args, {
    encoding: 'buffer',
    maxBuffer: 1 << 30,
    ...opts,
    input: opts.input === undefined ? undefined : Buffer.from(opts.input)
  });
}

/** Entries of a tar stream: path -> type, mode, owner, link target, content digest. */
function tarEntries(tar: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let off = 0;
  let longName: string | null = null;
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, n: number) =>
      h
        .subarray(a, a + n)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const num = (a: number, n: number) => parseInt(str(a, n).trim() || '0', 8);
    const size = num(124, 12);
    const type = str(156, 1) || '0';
    const body = tar.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x' || type === 'g') continue;
    const prefix = str(345, 155);
    let name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = null;
    name = '/' + name.replace(/^\.?\/+/, '').replace(/\/$/, '');
    const digest =
      type === '0' || type === '\0' ? createHash('sha256').update(body).digest('hex').slice(0, 16) : '';
    out.set(
      name,
      `${type} ${(num(100, 8) & 0o7777).toString(8)} ${num(108, 8)}:${num(116, 8)} ${str(157, 100)} ${digest}`
    );
  }
  return out;
}

const RUNTIME = /^\/(proc|sys|dev)(\/|$)|^\/\.dockerenv$|^\/etc\/(hostname|hosts|resolv\.conf|mtab)$/;

function contents(image: string): Map<string, string> {
  const id = sh(['create', image, 'true']).stdout.toString().trim();
  const tar = sh(['export', id]).stdout;
  sh(['rm', '-f', id]);
  return tarEntries(tar);
}

function config(image: string): string {
  const c = JSON.parse(sh(['inspect', '-f', '{{json .Config}}', image]).stdout.toString());
  const keep = [
    'Env',
    'Cmd',
    'Entrypoint',
    'Labels',
    'ExposedPorts',
    'Volumes',
    'WorkingDir',
    'User',
    'Healthcheck',
    'StopSignal',
    'OnBuild',
    'Shell'
  ];
  return JSON.stringify(keep.map((k) => [k, c[k] ?? null]));
}

function build(
  root: string,
  builder: Builder,
  tag: string,
  dockerfile: string,
  b: NonNullable<Scenario['builds']>[number]
) {
  const args = ['build', '--network=none', '-t', tag, '-f', dockerfile];
  for (const [k, v] of Object.entries(b.args ?? {})) args.push('--build-arg', `${k}=${v}`);
  if (b.target) args.push('--target', b.target);
  args.push('.');
  return sh(args, {
    cwd: root,
    env: { ...process.env, DOCKER_BUILDKIT: builder === 'buildkit' ? '1' : '0' }
  });
}

const argv = process.argv.slice(2);
let outFile: string | null = null;
const files: string[] = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--out') outFile = argv[++i];
  else files.push(argv[i]);
}
const dir = join(import.meta.dirname, '..', 'tests', 'oracle', 'scenarios');
const list = files.length
  ? files
  : readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(dir, f));
const results: Array<{
  scenario: string;
  builder: Builder;
  proposal: string;
  verdict: 'same' | 'different' | 'error';
  details: string[];
}> = [];

for (const file of list) {
  const scenario = JSON.parse(readFileSync(file, 'utf8')) as Scenario;
  const name = basename(file, '.json');
  const b0 = scenario.builds?.[0] ?? {};
  if (b0.dockerfile) continue;
  const variants = { ...imagesNamedIn(scenario.files.Dockerfile ?? ''), ...(scenario.images ?? {}) };
  const images = Object.fromEntries(Object.entries(variants).map(([r, v]) => [r, oracleVariantDigest(v)]));
  const ctxFiles = Object.fromEntries(
    Object.entries(scenario.files).map(([p, data]) => [
      p,
      { data, mode: scenario.modes?.[p] ? parseInt(scenario.modes[p], 8) : 0o644 }
    ])
  );
  for (const builder of (scenario.builders ?? ['buildkit', 'legacy']) as Builder[]) {
    const original = scenario.files.Dockerfile ?? '';
    const advice = advise({
      dockerfile: original,
      context: { files: ctxFiles },
      builder,
      buildArgs: b0.args,
      target: b0.target,
      images,
      imageModel: 'oracle'
    });
    if (!advice.proposals.length) continue;
    for (const [ref, v] of Object.entries(variants)) sh(['tag', `${BASE}:${v}`, ref]);
    const root = mkdtempSync(join(tmpdir(), 'layerlab-advisor-'));
    try {
      for (const [p, t] of Object.entries(scenario.files)) {
        mkdirSync(dirname(join(root, p)), { recursive: true });
        writeFileSync(join(root, p), t);
      }
      for (const [p, m] of Object.entries(scenario.modes ?? {})) chmodSync(join(root, p), parseInt(m, 8));
      for (const p of advice.proposals) {
        // Both builds see the same context: both Dockerfiles are in it.
        writeFileSync(join(root, 'Dockerfile.layerlab-proposal'), p.dockerfile);
        const a = build(root, builder, 'layerlab-advisor-check:original', 'Dockerfile', b0);
        if (a.status !== 0) {
          results.push({
            scenario: name,
            builder,
            proposal: `${p.id} (original)`,
            verdict: 'error',
            details: [a.stderr.toString().split('\n').slice(-3).join(' ')]
          });
          continue;
        }
        const before = contents('layerlab-advisor-check:original');
        const beforeConfig = config('layerlab-advisor-check:original');
        const r = build(root, builder, 'layerlab-advisor-check:proposal', 'Dockerfile.layerlab-proposal', b0);
        if (r.status !== 0) {
          results.push({
            scenario: name,
            builder,
            proposal: p.id,
            verdict: 'error',
            details: [r.stderr.toString().split('\n').slice(-3).join(' ')]
          });
          continue;
        }
        const after = contents('layerlab-advisor-check:proposal');
        const ignored = (path: string) =>
          p.sameImage.ignored.some((d) => path === d || path.startsWith(d + '/'));
        const mountParent = (path: string, e: string | undefined) =>
          e?.startsWith('5 ') && p.sameImage.ignored.some((d) => d.startsWith(path + '/'));
        const skip = (path: string) =>
          RUNTIME.test(path) || ignored(path) || mountParent(path, before.get(path) ?? after.get(path));
        const details: string[] = [];
        for (const [path, e] of before)
          if (!skip(path) && after.get(path) !== e)
            details.push(`${path}: ${e} -> ${after.get(path) ?? 'absent'}`);
        for (const path of after.keys())
          if (!skip(path) && !before.has(path)) details.push(`${path}: only in the proposal`);
        if (config('layerlab-advisor-check:proposal') !== beforeConfig) details.push('config differs');
        results.push({
          scenario: name,
          builder,
          proposal: p.id,
          verdict: details.length ? 'different' : 'same',
          details: details.slice(0, 10)
        });
        console.log(
          `${details.length ? 'DIFF' : 'same'} ${name} ${builder} ${p.id}${details.length ? '\n  ' + details.slice(0, 5).join('\n  ') : ''}`
        );
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
      sh(['rmi', '-f', 'layerlab-advisor-check:original', 'layerlab-advisor-check:proposal']);
    }
  }
}
const same = results.filter((r) => r.verdict === 'same').length;
console.log(
  `${same} of ${results.length} proposals build the same image on the daemon; ${results.filter((r) => r.verdict === 'different').length} differ, ${results.filter((r) => r.verdict === 'error').length} failed to build`
);
for (const r of results.filter((x) => x.verdict === 'error'))
  console.log(`ERROR ${r.scenario} ${r.builder} ${r.proposal}: ${r.details.join(' ')}`);
if (outFile) {
  const version = sh(['version', '-f', '{{.Server.Version}}']).stdout.toString().trim();
  writeFileSync(outFile, JSON.stringify({ docker: version, results }, null, 2) + '\n');
}
process.exitCode = results.some((r) => r.verdict !== 'same') ? 1 : 0;
