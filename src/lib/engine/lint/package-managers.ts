/**
 * What the lint rules know about package managers: which command installs a
 * project's dependencies, which manifest files that install reads, and where
 * the tool keeps its download cache (for `RUN --mount=type=cache`).
 *
 * A RUN is read command by command (run-commands.ts), with the engine's own
 * shell reader: `RUN echo "npm ci && go mod download"` is one `echo`, and
 * `RUN 'npm' ci` is an install.
 */
import { commandsOf, runsSubcommand, type Invocation, type RunCommand } from './run-commands';

/** A package manager as the rules know it: how to spot its install, what it reads, where it caches. */
export interface PackageManager {
  id: string;
  /** What users type, for messages: `npm ci`. */
  label: string;
  /** Tools sharing manifests share an ecosystem: npm, yarn and pnpm all read package.json. */
  ecosystem: string;
  /** Whether one command installs the project's dependencies from its manifests. */
  installs(command: Invocation): boolean;
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

/** `<tool> <sub>` with only options after it; with no subs, the tool alone or with options only. */
function command(tool: string, subs: string[]): (c: Invocation) => boolean {
  return (c) => {
    if (c.program !== tool) return false;
    const sub = c.args[0];
    if (subs.length === 0) return sub === undefined || sub.startsWith('-') ? onlyOptions(c.args) : false;
    if (!subs.includes(sub)) return false;
    return onlyOptions(c.args.slice(1));
  };
}

/** pip's arguments, for `pip`, `pip3.12`, `python -m pip` and `uv pip`; null for any other command. */
function pipArgs(c: Invocation): string[] | null {
  if (/^pip[\d.]*$/.test(c.program)) return c.args;
  if (/^python[\d.]*$/.test(c.program) && c.args[0] === '-m' && /^pip[\d.]*$/.test(c.args[1] ?? ''))
    return c.args.slice(2);
  if (c.program === 'uv' && c.args[0] === 'pip') return c.args.slice(1);
  return null;
}

/** The requirement files a pip install reads (`-r file`, `--requirement=file`). */
export function pipRequirementFiles(c: Invocation): string[] {
  const args = pipArgs(c);
  if (!args?.includes('install')) return [];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const m = /^(?:-r|--requirement)=(.+)$/.exec(args[i]);
    if (m) out.push(m[1]);
    else if ((args[i] === '-r' || args[i] === '--requirement') && i + 1 < args.length) out.push(args[++i]);
  }
  return out;
}

/** Project dependency managers: an install reads manifests from the build context. */
export const PACKAGE_MANAGERS: PackageManager[] = [
  {
    id: 'npm',
    label: 'npm ci',
    ecosystem: 'node',
    installs: command('npm', ['ci', 'install', 'i']),
    manifests: ['package.json', 'package-lock.json', 'npm-shrinkwrap.json'],
    extras: ['.npmrc'],
    movable: true,
    cacheTargets: ['/root/.npm']
  },
  {
    id: 'yarn',
    label: 'yarn install',
    ecosystem: 'node',
    installs: (c) => command('yarn', ['install'])(c) || command('yarn', [])(c),
    manifests: ['package.json', 'yarn.lock'],
    extras: ['.yarnrc.yml', '.yarnrc', '.npmrc'],
    movable: true,
    cacheTargets: ['/usr/local/share/.cache/yarn']
  },
  {
    id: 'pnpm',
    label: 'pnpm install',
    ecosystem: 'node',
    installs: command('pnpm', ['install', 'i']),
    manifests: ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'],
    extras: ['.npmrc'],
    movable: true,
    cacheTargets: ['/root/.local/share/pnpm/store']
  },
  {
    id: 'pip',
    label: 'pip install -r',
    ecosystem: 'python-pip',
    installs: (c) => pipRequirementFiles(c).length > 0,
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
    installs: command('poetry', ['install']),
    manifests: ['pyproject.toml', 'poetry.lock'],
    movable: false,
    cacheTargets: ['/root/.cache/pypoetry']
  },
  {
    id: 'uv',
    label: 'uv sync',
    ecosystem: 'python-uv',
    installs: command('uv', ['sync']),
    manifests: ['pyproject.toml', 'uv.lock'],
    movable: false,
    cacheTargets: ['/root/.cache/uv']
  },
  {
    id: 'pipenv',
    label: 'pipenv install',
    ecosystem: 'python-pipenv',
    installs: command('pipenv', ['install', 'sync']),
    manifests: ['Pipfile', 'Pipfile.lock'],
    movable: true,
    cacheTargets: ['/root/.cache/pipenv']
  },
  {
    id: 'go',
    label: 'go mod download',
    ecosystem: 'go',
    installs: (c) => c.program === 'go' && c.args[0] === 'mod' && c.args[1] === 'download',
    manifests: ['go.mod', 'go.sum'],
    movable: true,
    cacheTargets: ['/go/pkg/mod']
  },
  {
    id: 'cargo',
    label: 'cargo build',
    ecosystem: 'rust',
    installs: (c) =>
      c.program === 'cargo' &&
      (c.args[0] === 'build' || c.args[0] === 'fetch' || (c.args[0] === 'install' && c.args[1] === '--path')),
    manifests: ['Cargo.toml', 'Cargo.lock'],
    movable: false,
    cacheTargets: ['/usr/local/cargo/registry']
  },
  {
    id: 'maven',
    label: 'mvn',
    ecosystem: 'java-maven',
    installs: (c) => /^mvnw?$/.test(c.program),
    manifests: ['pom.xml'],
    movable: false,
    cacheTargets: ['/root/.m2']
  },
  {
    id: 'gradle',
    label: 'gradle',
    ecosystem: 'java-gradle',
    installs: (c) => /^gradlew?$/.test(c.program),
    manifests: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'],
    extras: ['gradle.properties'],
    movable: false,
    cacheTargets: ['/root/.gradle']
  },
  {
    id: 'bundler',
    label: 'bundle install',
    ecosystem: 'ruby',
    installs: command('bundle', ['install']),
    manifests: ['Gemfile', 'Gemfile.lock'],
    movable: true,
    cacheTargets: ['/usr/local/bundle/cache']
  },
  {
    id: 'composer',
    label: 'composer install',
    ecosystem: 'php',
    installs: command('composer', ['install']),
    manifests: ['composer.json', 'composer.lock'],
    movable: false,
    cacheTargets: ['/root/.composer/cache']
  },
  {
    id: 'dotnet',
    label: 'dotnet restore',
    ecosystem: 'dotnet',
    installs: (c) => c.program === 'dotnet' && c.args[0] === 'restore',
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
    installs: (c) => runsSubcommand(c, ['apt-get', 'apt'], ['install']),
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
    installs: (c) => runsSubcommand(c, ['apk'], ['add']),
    manifests: [],
    movable: false,
    cacheTargets: ['/etc/apk/cache'],
    cacheNote: 'drop `--no-cache`, which bypasses the cache directory'
  },
  {
    id: 'dnf',
    label: 'dnf install',
    ecosystem: 'fedora',
    installs: (c) => runsSubcommand(c, ['dnf', 'yum', 'microdnf'], ['install']),
    manifests: [],
    movable: false,
    cacheTargets: ['/var/cache/dnf'],
    cacheNote: 'set `keepcache=True` in /etc/dnf/dnf.conf so downloads stay in the cache'
  }
];

/** Each install a RUN performs, with the manager it belongs to, in command order. */
export function installCommands(
  command: RunCommand,
  managers: PackageManager[] = PACKAGE_MANAGERS
): Array<{ pm: PackageManager; command: Invocation }> {
  const out: Array<{ pm: PackageManager; command: Invocation }> = [];
  for (const c of commandsOf(command))
    for (const pm of managers) if (pm.installs(c)) out.push({ pm, command: c });
  return out;
}

/** The package managers whose install a RUN command performs, in command order. */
export function installsIn(
  command: RunCommand,
  managers: PackageManager[] = PACKAGE_MANAGERS
): PackageManager[] {
  return [...new Set(installCommands(command, managers).map((i) => i.pm))];
}

/** Whether a file's base name is one of a manager's manifests (for pip: also a requirements file the command names). */
export function isManifest(pm: PackageManager, name: string, command: RunCommand = ''): boolean {
  if (pm.manifests.includes(name) || pm.manifestPattern?.test(name)) return true;
  if (pm.id === 'pip')
    return commandsOf(command).some((c) => pipRequirementFiles(c).some((f) => f.split('/').pop() === name));
  return false;
}
