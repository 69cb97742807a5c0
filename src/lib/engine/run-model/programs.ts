/**
 * What the interpreter (interpreter.ts) knows about programs by name: which
 * never need a file on PATH, which write nothing but their standard output,
 * which it can evaluate as text filters, and where package managers write.
 */

/** Shell builtins of busybox ash: they never need a program on PATH. */
export const BUILTINS: ReadonlySet<string> = new Set([
  'cd', 'export', 'set', 'unset', 'true', 'false', ':', 'exit', 'echo', 'printf', 'test', '[', '[[', 'read', 'shift',
  'source', '.', 'eval', 'exec', 'umask', 'wait', 'trap', 'type', 'command', 'alias', 'unalias', 'ulimit', 'local',
  'return', 'break', 'continue', 'pwd', 'hash', 'getopts', 'kill', 'times', 'readonly'
]);

/**
 * Programs that are stubs in the oracle's stand-in image (oracle/base: every
 * tool links to one stub) and write nothing the model follows there.
 */
export const ORACLE_NOOP: ReadonlySet<string> = new Set([
  'python', 'python3', 'node', 'npx', 'dotnet', 'bundle', 'gem', 'composer', 'make', 'gcc', 'cc', 'curl', 'git',
  'useradd', 'groupadd', 'rustc'
]);

/** Text filters whose output text-filters.ts computes from known input. */
export const FILTERS: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'sed', 'sort', 'uniq', 'head', 'tail', 'wc', 'find']);

/**
 * Programs that write nothing but their standard output (which a redirect may
 * put in a file, then following the files they name).
 */
export const NOOP: ReadonlySet<string> = new Set([
  'true', ':', 'set', 'exit', 'export', 'echo', 'printf', 'sleep', 'test', '[', 'id', 'whoami', 'env', 'printenv',
  'ls', 'cat', 'pwd', 'grep', 'egrep', 'fgrep', 'awk', 'cut', 'tr', 'sort', 'uniq', 'head', 'tail', 'wc', 'md5sum',
  'sha1sum', 'sha256sum', 'sha512sum', 'cksum', 'base64', 'od', 'hexdump', 'xxd', 'tac', 'rev', 'nl', 'paste',
  'fold', 'expand', 'unexpand', 'cmp', 'diff', 'strings', 'basename', 'dirname', 'seq', 'realpath', 'readlink',
  'stat', 'du', 'df', 'uname', 'date', 'hostname', 'which', 'expr', 'file', 'nproc', 'arch'
]);

/** Words that open a loop, a conditional or a group: beyond the model, the rest of the script is one opaque step. */
export const KEYWORDS: ReadonlySet<string> = new Set(['for', 'while', 'until', 'if', 'case', '{', '(', '[[', 'function', 'select']);

/** The build tools tools.ts models (the oracle's stand-in links each of them to its stub). */
export const STUBBED_TOOLS: readonly string[] = ['go', 'cargo', 'mvn', 'gradle', 'npm', 'yarn', 'pnpm', 'pip', 'pip3', 'apt-get', 'apk', 'dnf', 'yum'];

/** Where a system package manager installs. */
export const SYSTEM_DIRS: readonly string[] = ['/usr', '/etc', '/lib', '/var'];

/** Where pip installs without --prefix, --target or --user (any Python version). */
export const PYTHON_LIBS: readonly string[] = ['/usr/local/lib/python*/site-packages', '/usr/lib/python3*/site-packages', '/usr/local/bin'];

/** PATH entries that are the system's, not a virtual environment's. */
export const SYSTEM_BINS: ReadonlySet<string> = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);
