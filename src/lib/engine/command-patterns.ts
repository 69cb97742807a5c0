/**
 * The commands the cost model recognises in a RUN, with their default
 * seconds, warm-cache-mount seconds and cache directories. One ordered table
 * in one file, because order is meaning here: the first pattern that matches
 * a command wins. Each figure's `source` is a key of the table in
 * docs/cost-model.md; most are judgements informed by published benchmarks
 * and reports, and the docs say which. `CostModel.commands` overrides any of
 * them by id.
 */

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
