/**
 * The default figures of the cost model: seconds per recognised command, base
 * image sizes and per-build overheads. Each figure names where it comes from
 * (`source`, a key of the table in docs/cost-model.md); most are judgements
 * informed by published benchmarks and reports, and the docs say which.
 * Calibration from a real build log (calibrate.ts) replaces them with measured
 * seconds, and `CostModel` overrides any of them.
 */
import type { CostModel } from './types';

/** A recognised command: an id (for overrides), a pattern and default seconds. */
export interface CommandPattern {
  id: string;
  label: string;
  /** Matched against one command of a RUN (the text between `&&`, `;` and `||`). */
  pattern: RegExp;
  seconds: number;
  /** Seconds when the RUN mounts a warm cache at one of `cacheDirs` (the downloads survive a rebuild). */
  withCacheMount?: number;
  /** Where the tool keeps its download or build cache when it runs as root in the official images. */
  cacheDirs?: string[];
  /** Key of the figure's source in docs/cost-model.md. */
  source: string;
}

/**
 * Default seconds per recognised command, for a small-to-medium project built
 * on a laptop or CI runner with a fast network and an empty package cache.
 * Order matters: the first pattern that matches a command wins.
 */
export const COMMAND_PATTERNS: CommandPattern[] = [
  { id: 'sleep', label: 'sleep', pattern: /^\s*sleep\s+(\d+(?:\.\d+)?)s?\s*$/, seconds: 0, source: 'exact' },
  {
    id: 'apt-get-install',
    label: 'apt-get install',
    pattern: /\bapt(?:-get)?\s+(?:-\S+\s+)*install\b/,
    seconds: 20,
    withCacheMount: 10,
    cacheDirs: ['/var/cache/apt', '/var/lib/apt'],
    source: 'apt'
  },
  {
    id: 'apt-get-update',
    label: 'apt-get update',
    pattern: /\bapt(?:-get)?\s+(?:-\S+\s+)*update\b/,
    seconds: 8,
    withCacheMount: 3,
    cacheDirs: ['/var/lib/apt'],
    source: 'apt'
  },
  {
    id: 'apk-add',
    label: 'apk add',
    pattern: /\bapk\s+(?:-\S+\s+)*(add|upgrade)\b/,
    seconds: 5,
    withCacheMount: 3,
    cacheDirs: ['/var/cache/apk', '/etc/apk/cache'],
    source: 'apk'
  },
  {
    id: 'dnf-install',
    label: 'dnf/yum install',
    pattern: /\b(dnf|yum|microdnf)\s+(?:-\S+\s+)*install\b/,
    seconds: 30,
    withCacheMount: 15,
    cacheDirs: ['/var/cache/dnf', '/var/cache/yum'],
    source: 'judgement'
  },
  {
    id: 'uv-pip',
    label: 'uv pip install',
    pattern: /\buv\s+pip\s+install\b/,
    seconds: 10,
    withCacheMount: 3,
    cacheDirs: ['/root/.cache/uv'],
    source: 'uv'
  },
  {
    id: 'uv-sync',
    label: 'uv sync',
    pattern: /\buv\s+sync\b/,
    seconds: 10,
    withCacheMount: 3,
    cacheDirs: ['/root/.cache/uv'],
    source: 'uv'
  },
  {
    id: 'pip-requirements',
    label: 'pip install -r',
    pattern: /\bpip3?\s+install\b.*(\s-r\s*\S|--requirement)/,
    seconds: 45,
    withCacheMount: 15,
    cacheDirs: ['/root/.cache/pip'],
    source: 'pip'
  },
  {
    id: 'poetry-install',
    label: 'poetry install',
    pattern: /\bpoetry\s+install\b/,
    seconds: 45,
    withCacheMount: 15,
    cacheDirs: ['/root/.cache/pypoetry'],
    source: 'pip'
  },
  {
    id: 'pipenv-install',
    label: 'pipenv install',
    pattern: /\bpipenv\s+(install|sync)\b/,
    seconds: 50,
    withCacheMount: 15,
    cacheDirs: ['/root/.cache/pip', '/root/.cache/pipenv'],
    source: 'pip'
  },
  {
    id: 'pip-install',
    label: 'pip install',
    pattern: /\bpip3?\s+install\b/,
    seconds: 15,
    withCacheMount: 5,
    cacheDirs: ['/root/.cache/pip'],
    source: 'pip'
  },
  {
    id: 'js-build',
    label: 'npm/yarn/pnpm build',
    pattern: /\b(npm|yarn|pnpm)\s+(run\s+)?build\b/,
    seconds: 25,
    source: 'judgement'
  },
  {
    id: 'js-test',
    label: 'npm/yarn/pnpm test',
    pattern: /\b(npm|yarn|pnpm)\s+(run\s+)?test\b/,
    seconds: 20,
    source: 'judgement'
  },
  {
    id: 'npm-ci',
    label: 'npm ci / install',
    pattern: /\bnpm\s+(ci|install|i)\b/,
    seconds: 20,
    withCacheMount: 8,
    cacheDirs: ['/root/.npm'],
    source: 'js'
  },
  {
    id: 'pnpm-install',
    label: 'pnpm install',
    pattern: /\bpnpm\s+(install|i)\b/,
    seconds: 10,
    withCacheMount: 4,
    cacheDirs: ['/root/.local/share/pnpm/store', '/pnpm/store'],
    source: 'js'
  },
  {
    id: 'yarn-install',
    label: 'yarn install',
    pattern: /\byarn(\s+install)?(\s+--?[\w-]+(=\S+)?)*\s*$/,
    seconds: 12,
    withCacheMount: 4,
    cacheDirs: ['/usr/local/share/.cache/yarn', '/root/.yarn/berry/cache'],
    source: 'js'
  },
  {
    id: 'go-mod-download',
    label: 'go mod download',
    pattern: /\bgo\s+mod\s+download\b/,
    seconds: 20,
    withCacheMount: 3,
    cacheDirs: ['/go/pkg/mod'],
    source: 'go'
  },
  {
    id: 'go-build',
    label: 'go build',
    pattern: /\bgo\s+(build|install)\b/,
    seconds: 30,
    withCacheMount: 8,
    cacheDirs: ['/root/.cache/go-build'],
    source: 'go'
  },
  {
    id: 'go-test',
    label: 'go test',
    pattern: /\bgo\s+test\b/,
    seconds: 25,
    withCacheMount: 8,
    cacheDirs: ['/root/.cache/go-build'],
    source: 'judgement'
  },
  {
    id: 'mvn-deps',
    label: 'mvn dependency:go-offline',
    pattern: /\bmvnw?\b.*dependency:(go-offline|resolve)/,
    seconds: 60,
    withCacheMount: 15,
    cacheDirs: ['/root/.m2'],
    source: 'maven'
  },
  {
    id: 'mvn-package',
    label: 'mvn package',
    pattern: /\bmvnw?\b/,
    seconds: 45,
    withCacheMount: 25,
    cacheDirs: ['/root/.m2'],
    source: 'maven'
  },
  {
    id: 'gradle',
    label: 'gradle build',
    pattern: /\bgradlew?\b/,
    seconds: 60,
    withCacheMount: 30,
    cacheDirs: ['/root/.gradle', '/home/gradle/.gradle'],
    source: 'judgement'
  },
  {
    id: 'cargo-fetch',
    label: 'cargo fetch',
    pattern: /\bcargo\s+fetch\b/,
    seconds: 20,
    withCacheMount: 3,
    cacheDirs: ['/usr/local/cargo/registry'],
    source: 'cargo'
  },
  {
    id: 'cargo-build',
    label: 'cargo build',
    pattern: /\bcargo\s+(build|install|chef\s+cook)\b/,
    seconds: 180,
    withCacheMount: 120,
    cacheDirs: ['/usr/local/cargo/registry'],
    source: 'cargo'
  },
  {
    id: 'dotnet-restore',
    label: 'dotnet restore',
    pattern: /\bdotnet\s+restore\b/,
    seconds: 30,
    withCacheMount: 8,
    cacheDirs: ['/root/.nuget/packages'],
    source: 'dotnet'
  },
  {
    id: 'dotnet-publish',
    label: 'dotnet publish/build',
    pattern: /\bdotnet\s+(publish|build)\b/,
    seconds: 40,
    source: 'dotnet'
  },
  {
    id: 'bundle-install',
    label: 'bundle install',
    pattern: /\bbundle\s+install\b|^\s*bundle\s*$/,
    seconds: 45,
    withCacheMount: 20,
    source: 'bundler'
  },
  {
    id: 'composer-install',
    label: 'composer install',
    pattern: /\bcomposer\s+(install|update)\b/,
    seconds: 25,
    withCacheMount: 8,
    source: 'judgement'
  },
  { id: 'gem-install', label: 'gem install', pattern: /\bgem\s+install\b/, seconds: 10, source: 'judgement' },
  {
    id: 'make',
    label: 'make',
    pattern: /\b(make|cmake\s+--build|ninja)\b/,
    seconds: 20,
    source: 'judgement'
  },
  { id: 'download', label: 'curl/wget download', pattern: /\b(curl|wget)\b/, seconds: 3, source: 'judgement' }
];

/** Base images by size class, as they appear in a tag (`3.12-slim`, `20-alpine`). */
export type ImageFlavour = 'full' | 'slim' | 'alpine';

/**
 * Typical compressed download sizes of common base images (linux/amd64), MB,
 * by repository and flavour. Rounded judgements; `CostModel.imageSizes`
 * overrides them by repository (`python`) or by reference (`python:3.12-slim`).
 */
export const IMAGE_SIZES: Record<string, Partial<Record<ImageFlavour, number>>> = {
  alpine: { full: 4 },
  busybox: { full: 2 },
  debian: { full: 50, slim: 30 },
  ubuntu: { full: 30 },
  python: { full: 380, slim: 45, alpine: 20 },
  node: { full: 390, slim: 75, alpine: 50 },
  golang: { full: 300, alpine: 90 },
  rust: { full: 540, slim: 280, alpine: 290 },
  maven: { full: 250 },
  gradle: { full: 300 },
  'eclipse-temurin': { full: 190, alpine: 150 },
  openjdk: { full: 330, slim: 220 },
  ruby: { full: 340, slim: 75, alpine: 40 },
  php: { full: 190, alpine: 35 },
  composer: { full: 70 },
  nginx: { full: 70, alpine: 20 },
  httpd: { full: 60, alpine: 20 },
  postgres: { full: 150, alpine: 100 },
  'dotnet/sdk': { full: 270, alpine: 200 },
  'dotnet/aspnet': { full: 90, alpine: 45 },
  'dotnet/runtime': { full: 75, alpine: 40 },
  'distroless/static-debian12': { full: 2 },
  'distroless/base-debian12': { full: 20 },
  'distroless/python3-debian12': { full: 20 },
  'distroless/nodejs20-debian12': { full: 45 },
  scratch: { full: 0 }
};

/** An image we have no figure for, MB. */
export const UNKNOWN_IMAGE_MB = 100;

export const DEFAULT_COSTS: CostModel = {
  stepOverhead: 0.2,
  legacyStepOverhead: 0.3,
  pullPerMB: 0.08,
  copyPerMB: 0.02,
  contextPerMB: 0.01,
  runDefault: 3,
  export: 1,
  buildOverhead: 0.3,
  resolveImage: 0.6,
  commands: {},
  lines: {},
  lineNotes: {},
  instructions: {},
  imageSizes: {}
};
