/**
 * What the lint rules know about package managers: which command installs a
 * project's dependencies, which manifest files that install reads, and where
 * the tool keeps its download cache (for `RUN --mount=type=cache`).
 *
 * Commands are recognised per shell segment (`a && b; c | d`), the way the
 * engine's cost model reads a RUN.
 */

export interface PackageManager {
  id: string;
  /** What users type, for messages: `npm ci`. */
  label: string;
  /** Tools sharing manifests share an ecosystem: npm, yarn and pnpm all read package.json. */
  ecosystem: string;
  /** Whether one shell segment installs the project's dependencies from its manifests. */
  installs(segment: string): boolean;
  /** Base names of the files the install reads, in the order a fix copies them. */
  manifests: string[];
  /** Base names matched by pattern rather than listed (`*.csproj`). */
  manifestPattern?: RegExp;
  /** Files the install also reads when they exist (`.npmrc`); a fix copies them along, but they alone do not make a COPY a manifest copy. */
  extras?: string[];
  /**
   * Whether "copy the manifests, install, then copy the rest" is a plain move of
   * the RUN. False where the tool also needs the sources (cargo, mvn, gradle...)
   * and the fix needs a stub or a deps-only command.
   */
  movable: boolean;
  /** Where the tool keeps downloads in the official images, for a cache mount. */
  cacheTargets: string[];
  /** A note on using the cache mount well, if one is needed. */
  cacheNote?: string;
}

/** Shell segments of a RUN command. */
export function segments(command: string): string[] {
  return command.split(/&&|\|\||;|\|/).map((s) => s.trim());
}

/** Words of a segment, leading `VAR=value` assignments and `sudo` dropped. */
function words(segment: string): string[] {
  const w = segment.split(/\s+/).filter(Boolean);
  while (w.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0]) || w[0] === 'sudo' || w[0] === 'env')) w.shift();
  return w;
}

/** Whether the words after a subcommand are all options (an install of the manifest, not of named packages). */
function onlyOptions(rest: string[]): boolean {
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w.startsWith('-')) continue;
    // `--omit dev`: a value after an option without `=`.
    if (i > 0 && rest[i - 1].startsWith('--') && !rest[i - 1].includes('=')) continue;
    return false;
  }
  return true;
}

/** `<tool> <sub>` with only options after it. */
function command(tool: RegExp, subs: string[], allowArgs = false): (segment: string) => boolean {
  return (segment) => {
    const w = words(segment);
    const at = w.findIndex((x) => tool.test(x));
    if (at < 0) return false;
    const sub = w[at + 1];
    if (subs.length === 0)
      return sub === undefined || sub.startsWith('-') ? onlyOptions(w.slice(at + 1)) : false;
    if (!subs.includes(sub)) return false;
    return allowArgs || onlyOptions(w.slice(at + 2));
  };
}

/** The requirement files a pip install reads (`-r file`, `--requirement=file`). */
export function pipRequirementFiles(segment: string): string[] {
  if (!/\bpip3?\b/.test(segment) || !/\binstall\b/.test(segment)) return [];
  const out: string[] = [];
  const re = /(?:^|\s)(?:-r|--requirement)(?:\s+|=)(\S+)/g;
  for (let m = re.exec(segment); m; m = re.exec(segment)) out.push(m[1]);
  return out;
}

export const PACKAGE_MANAGERS: PackageManager[] = [
  {
    id: 'npm',
    label: 'npm ci',
    ecosystem: 'node',
    installs: command(/^npm$/, ['ci', 'install', 'i']),
    manifests: ['package.json', 'package-lock.json', 'npm-shrinkwrap.json'],
    extras: ['.npmrc'],
    movable: true,
    cacheTargets: ['/root/.npm']
  },
  {
    id: 'yarn',
    label: 'yarn install',
    ecosystem: 'node',
    installs: (s) => command(/^yarn$/, ['install'])(s) || command(/^yarn$/, [])(s),
    manifests: ['package.json', 'yarn.lock'],
    extras: ['.yarnrc.yml', '.yarnrc', '.npmrc'],
    movable: true,
    cacheTargets: ['/usr/local/share/.cache/yarn']
  },
  {
    id: 'pnpm',
    label: 'pnpm install',
    ecosystem: 'node',
    installs: command(/^pnpm$/, ['install', 'i']),
    manifests: ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'],
    extras: ['.npmrc'],
    movable: true,
    cacheTargets: ['/root/.local/share/pnpm/store']
  },
  {
    id: 'pip',
    label: 'pip install -r',
    ecosystem: 'python-pip',
    installs: (s) => pipRequirementFiles(s).length > 0,
    manifests: ['requirements.txt'],
    manifestPattern: /^requirements.*\.(txt|in)$/,
    movable: true,
    cacheTargets: ['/root/.cache/pip'],
    cacheNote: 'drop `--no-cache-dir`, or the mount stays empty'
  },
  {
    id: 'poetry',
    label: 'poetry install',
    ecosystem: 'python-poetry',
    installs: command(/^poetry$/, ['install']),
    manifests: ['pyproject.toml', 'poetry.lock'],
    movable: false,
    cacheTargets: ['/root/.cache/pypoetry']
  },
  {
    id: 'uv',
    label: 'uv sync',
    ecosystem: 'python-uv',
    installs: command(/^uv$/, ['sync']),
    manifests: ['pyproject.toml', 'uv.lock'],
    movable: false,
    cacheTargets: ['/root/.cache/uv']
  },
  {
    id: 'pipenv',
    label: 'pipenv install',
    ecosystem: 'python-pipenv',
    installs: command(/^pipenv$/, ['install', 'sync']),
    manifests: ['Pipfile', 'Pipfile.lock'],
    movable: true,
    cacheTargets: ['/root/.cache/pipenv']
  },
  {
    id: 'go',
    label: 'go mod download',
    ecosystem: 'go',
    installs: (s) => /\bgo\s+mod\s+download\b/.test(s),
    manifests: ['go.mod', 'go.sum'],
    movable: true,
    cacheTargets: ['/go/pkg/mod']
  },
  {
    id: 'cargo',
    label: 'cargo build',
    ecosystem: 'rust',
    installs: (s) => /\bcargo\s+(build|fetch|install\s+--path)\b/.test(s),
    manifests: ['Cargo.toml', 'Cargo.lock'],
    movable: false,
    cacheTargets: ['/usr/local/cargo/registry']
  },
  {
    id: 'maven',
    label: 'mvn',
    ecosystem: 'java-maven',
    installs: (s) => /(^|\s|\/)mvnw?\s/.test(s + ' '),
    manifests: ['pom.xml'],
    movable: false,
    cacheTargets: ['/root/.m2']
  },
  {
    id: 'gradle',
    label: 'gradle',
    ecosystem: 'java-gradle',
    installs: (s) => /(^|\s|\/)gradlew?\s/.test(s + ' '),
    manifests: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'],
    extras: ['gradle.properties'],
    movable: false,
    cacheTargets: ['/root/.gradle']
  },
  {
    id: 'bundler',
    label: 'bundle install',
    ecosystem: 'ruby',
    installs: command(/^bundle$/, ['install']),
    manifests: ['Gemfile', 'Gemfile.lock'],
    movable: true,
    cacheTargets: ['/usr/local/bundle/cache']
  },
  {
    id: 'composer',
    label: 'composer install',
    ecosystem: 'php',
    installs: command(/^composer$/, ['install']),
    manifests: ['composer.json', 'composer.lock'],
    movable: false,
    cacheTargets: ['/root/.composer/cache']
  },
  {
    id: 'dotnet',
    label: 'dotnet restore',
    ecosystem: 'dotnet',
    installs: (s) => /\bdotnet\s+restore\b/.test(s),
    manifests: [],
    extras: ['NuGet.config', 'Directory.Build.props', 'Directory.Packages.props'],
    manifestPattern: /\.(cs|fs|vb)proj$|\.sln$/,
    movable: false,
    cacheTargets: ['/root/.nuget/packages']
  }
];

/** System package managers: no manifest in the context, but a download cache worth keeping. */
export const SYSTEM_PACKAGE_MANAGERS: PackageManager[] = [
  {
    id: 'apt',
    label: 'apt-get install',
    ecosystem: 'debian',
    installs: (s) => /\bapt(-get)?\s+(-\S+\s+)*install\b/.test(s),
    manifests: [],
    movable: false,
    cacheTargets: ['/var/cache/apt', '/var/lib/apt'],
    cacheNote:
      'add `sharing=locked` to both mounts, drop `rm -rf /var/lib/apt/lists/*`, and remove /etc/apt/apt.conf.d/docker-clean first (Debian and Ubuntu images delete downloaded packages after each install)'
  },
  {
    id: 'apk',
    label: 'apk add',
    ecosystem: 'alpine',
    installs: (s) => /\bapk\s+(-\S+\s+)*add\b/.test(s),
    manifests: [],
    movable: false,
    cacheTargets: ['/etc/apk/cache'],
    cacheNote: 'drop `--no-cache`, which bypasses the cache directory'
  },
  {
    id: 'dnf',
    label: 'dnf install',
    ecosystem: 'fedora',
    installs: (s) => /\b(dnf|yum|microdnf)\s+(-\S+\s+)*install\b/.test(s),
    manifests: [],
    movable: false,
    cacheTargets: ['/var/cache/dnf'],
    cacheNote: 'set `keepcache=True` in /etc/dnf/dnf.conf so downloads stay in the cache'
  }
];

/** The package managers whose install a RUN command performs, in command order. */
export function installsIn(command: string, managers: PackageManager[] = PACKAGE_MANAGERS): PackageManager[] {
  const out: PackageManager[] = [];
  for (const seg of segments(command)) {
    for (const pm of managers) if (!out.includes(pm) && pm.installs(seg)) out.push(pm);
  }
  return out;
}

/** Whether a file's base name is one of a manager's manifests. */
export function isManifest(pm: PackageManager, name: string, command = ''): boolean {
  if (pm.manifests.includes(name) || pm.manifestPattern?.test(name)) return true;
  if (pm.id === 'pip')
    return segments(command).some((s) => pipRequirementFiles(s).some((f) => f.split('/').pop() === name));
  return false;
}
