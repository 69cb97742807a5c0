/**
 * Image references and what the engine knows about base images.
 *
 * Names are normalised the way the docker CLI and BuildKit do
 * (`python:3.12` is `docker.io/library/python:3.12`). What an image contains is
 * modelled in one of two ways (see ImageModel): a generic registry image about
 * which nothing is known, or the oracle's busybox stand-in, whose files, users
 * and tools are known exactly because the fidelity tests build on it.
 */
import { digestOf, sha256Text, type Digest } from './digest';
import type { ImageModel } from './types';

export interface ImageRef {
  /** Fully qualified repository: `docker.io/library/python`. */
  name: string;
  /** Tag as written, or null. */
  tag: string | null;
  /** `sha256:...` pin as written, or null. */
  pin: string | null;
  /** How BuildKit prints it in a FROM step: the normalised name, tag or pin only if written. */
  display: string;
  /** Lookup key: name plus tag (`latest` when none) or pin. */
  key: string;
  /** Short repository name for size tables: `python`, `distroless/static-debian12`. */
  repo: string;
}

const DOMAIN = /^(?:localhost|[\w-]+(?:\.[\w-]+)+|[\w-]+:\d+)(?::\d+)?$/;
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** Parses an image reference, or explains why the daemon would reject it. */
export function parseImageRef(ref: string): { ok: true; ref: ImageRef } | { ok: false; error: string } {
  const raw = ref.trim();
  if (!raw) return { ok: false, error: 'base name should not be blank' };
  let rest = raw;
  let pin: string | null = null;
  const at = rest.indexOf('@');
  if (at >= 0) {
    pin = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(pin)) return { ok: false, error: `invalid reference format: ${raw}` };
  }
  let tag: string | null = null;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, error: `invalid reference format: ${raw}` };
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (DOMAIN.test(parts[0]) || parts[0] === 'localhost')) domain = parts.shift() as string;
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  for (const p of parts) {
    if (!COMPONENT.test(p)) {
      const lower = p.toLowerCase() === p;
      return {
        ok: false,
        error: lower
          ? `invalid reference format: ${raw}`
          : `invalid reference format: repository name must be lowercase: ${raw}`
      };
    }
  }
  const name = `${domain}/${parts.join('/')}`;
  const suffix = pin ? `@${pin}` : tag ? `:${tag}` : '';
  const repo = parts[0] === 'library' && domain === 'docker.io' ? parts.slice(1).join('/') : parts.join('/');
  return {
    ok: true,
    ref: { name, tag, pin, display: name + suffix, key: name + (pin ? `@${pin}` : `:${tag ?? 'latest'}`), repo }
  };
}

/** The lookup key of a reference as a user writes it, or the text itself when it does not parse. */
export function imageKey(ref: string): string {
  const p = parseImageRef(ref);
  return p.ok ? p.ref.key : ref;
}

/** The digest an image reference resolves to when nobody said otherwise. */
export function defaultImageDigest(key: string, model: ImageModel): Digest {
  // In the oracle every name is tagged onto the same stand-in image, variant 1.
  return model === 'oracle' ? oracleVariantDigest('1') : digestOf({ image: key });
}

/** The digest of the oracle stand-in image built with VARIANT=v. */
export function oracleVariantDigest(variant: string): Digest {
  return digestOf({ oracleBase: variant });
}

/** One entry of an image's file system, as the engine models files everywhere. */
export interface FsEntry {
  type: 'f' | 'd' | 'l';
  /** Content digest (file bytes, symlink target, or a directory's own identity). */
  digest: Digest;
  mode: number;
  size: number;
  /** Owner as `uid:gid` or a name, when known ('0:0' by default). */
  owner: string;
  /** The text, for small files the engine reads (/etc/passwd) or writes itself. */
  text?: string;
  target?: string;
  /** The bytes of a context file, by reference, for ADD's archive detection. */
  data?: string | Uint8Array;
  /**
   * Set when the engine cannot see that this entry exists: it stands for what a
   * generic base image may hold or what a command the engine does not follow may
   * have written. Never part of a checksum.
   */
  assumed?: Assumption;
}

/** Why the engine believes an entry exists without seeing it. */
export type Assumption =
  /** A generic base image: any path may exist in it. */
  | { by: 'image' }
  /**
   * A RUN may have written it: a command the engine does not model (`tool`
   * false), or a build tool whose output the engine follows but whose file
   * names it does not know (`tool` true).
   */
  | { by: 'run'; command: string; line: number; tool: boolean; program: string };

/** What the engine knows of a base image's file system and config. */
export interface ImageModelSpec {
  model: ImageModel;
  digest: Digest;
  /** Config.Env of the image. */
  env: Array<[string, string]>;
  /** Known files, by absolute path, or null when unknown (generic images). */
  files: Map<string, FsEntry> | null;
}

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The applets of busybox-static 1.35 (Debian 12), the binary the oracle copies
 * into its stand-in image and installs as /bin/<applet>.
 */
export const BUSYBOX_APPLETS: readonly string[] = [
  '[', '[[', 'acpid', 'adjtimex', 'ar', 'arch', 'arp', 'arping', 'ascii', 'ash', 'awk', 'base64', 'basename', 'bc',
  'blkdiscard', 'blockdev', 'brctl', 'bunzip2', 'busybox', 'bzcat', 'bzip2', 'cal', 'cat', 'chgrp', 'chmod',
  'chown', 'chroot', 'chvt', 'clear', 'cmp', 'cp', 'cpio', 'crc32', 'crond', 'crontab', 'cttyhack', 'cut', 'date',
  'dc', 'dd', 'deallocvt', 'depmod', 'devmem', 'df', 'diff', 'dirname', 'dmesg', 'dnsdomainname', 'dos2unix',
  'dpkg', 'dpkg-deb', 'du', 'dumpkmap', 'dumpleases', 'echo', 'ed', 'egrep', 'env', 'expand', 'expr', 'factor',
  'fallocate', 'false', 'fatattr', 'fdisk', 'fgrep', 'find', 'findfs', 'fold', 'free', 'freeramdisk', 'fsfreeze',
  'fstrim', 'ftpget', 'ftpput', 'getopt', 'getty', 'grep', 'groups', 'gunzip', 'gzip', 'halt', 'head', 'hexdump',
  'hostid', 'hostname', 'httpd', 'hwclock', 'i2cdetect', 'i2cdump', 'i2cget', 'i2cset', 'i2ctransfer', 'id',
  'ifconfig', 'ifdown', 'ifup', 'init', 'insmod', 'ionice', 'ip', 'ipcalc', 'ipneigh', 'kill', 'killall', 'klogd',
  'last', 'less', 'link', 'linux32', 'linux64', 'linuxrc', 'ln', 'loadfont', 'loadkmap', 'logger', 'login',
  'logname', 'logread', 'losetup', 'ls', 'lsmod', 'lsscsi', 'lzcat', 'lzma', 'lzop', 'md5sum', 'mdev', 'microcom',
  'mim', 'mkdir', 'mkdosfs', 'mke2fs', 'mkfifo', 'mknod', 'mkpasswd', 'mkswap', 'mktemp', 'modinfo', 'modprobe',
  'more', 'mount', 'mt', 'mv', 'nameif', 'nc', 'netstat', 'nl', 'nologin', 'nproc', 'nsenter', 'nslookup', 'nuke',
  'od', 'openvt', 'partprobe', 'passwd', 'paste', 'patch', 'pidof', 'ping', 'ping6', 'pivot_root', 'poweroff',
  'printf', 'ps', 'pwd', 'rdate', 'readlink', 'realpath', 'reboot', 'renice', 'reset', 'resume', 'rev', 'rm',
  'rmdir', 'rmmod', 'route', 'rpm', 'rpm2cpio', 'run-init', 'run-parts', 'sed', 'seq', 'setkeycodes', 'setpriv',
  'setsid', 'sh', 'sha1sum', 'sha256sum', 'sha3sum', 'sha512sum', 'shred', 'shuf', 'sleep', 'sort', 'ssl_client',
  'start-stop-daemon', 'stat', 'strings', 'stty', 'su', 'sulogin', 'svc', 'svok', 'swapoff', 'swapon',
  'switch_root', 'sync', 'sysctl', 'syslogd', 'tac', 'tail', 'tar', 'taskset', 'tc', 'tee', 'telnet', 'telnetd',
  'test', 'tftp', 'time', 'timeout', 'top', 'touch', 'tr', 'traceroute', 'traceroute6', 'true', 'truncate', 'ts',
  'tty', 'tunctl', 'ubirename', 'udhcpc', 'udhcpd', 'uevent', 'umount', 'uname', 'uncompress', 'unexpand', 'uniq',
  'unix2dos', 'unlink', 'unlzma', 'unshare', 'unxz', 'unzip', 'uptime', 'usleep', 'uudecode', 'uuencode', 'vconfig',
  'vi', 'w', 'watch', 'watchdog', 'wc', 'wget', 'which', 'who', 'whoami', 'xargs', 'xxd', 'xz', 'xzcat', 'yes',
  'zcat'
];

/** The tools linked to the stub in the oracle stand-in (see oracle/base/Dockerfile). */
export const ORACLE_STUB_TOOLS = [
  'pip', 'pip3', 'python', 'python3', 'npm', 'npx', 'yarn', 'pnpm', 'node', 'apt-get', 'apk', 'dnf', 'yum', 'go',
  'cargo', 'rustc', 'mvn', 'gradle', 'dotnet', 'bundle', 'gem', 'composer', 'make', 'gcc', 'cc', 'curl', 'git',
  'useradd', 'groupadd'
];

function file(text: string, mode = 0o644): FsEntry {
  return { type: 'f', digest: sha256Text(text), mode, size: text.length, owner: '0:0', text };
}
function dir(path: string): FsEntry {
  return { type: 'd', digest: sha256Text('dir:' + path), mode: 0o755, size: 0, owner: '0:0' };
}
function opaqueFile(id: string, mode: number): FsEntry {
  return { type: 'f', digest: sha256Text('oracle-base-file:' + id), mode, size: 0, owner: '0:0' };
}

const oracleMemo = new Map<Digest, ImageModelSpec>();

/** The model of an image for a given digest. */
export function imageModelSpec(model: ImageModel, digest: Digest): ImageModelSpec {
  if (model === 'generic') return { model, digest, env: [['PATH', DEFAULT_PATH]], files: null };
  const hit = oracleMemo.get(digest);
  if (hit) return hit;
  // The stand-in: busybox with its applets in /bin, a root-only passwd, the stub
  // and its tool links in /usr/local/bin, and /etc/oracle-variant, which is the
  // only file that differs between variants ("updated upstream").
  const files = new Map<string, FsEntry>();
  for (const d of ['/bin', '/etc', '/tmp', '/root', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin']) files.set(d, dir(d));
  files.set('/bin/busybox', opaqueFile('busybox', 0o755));
  for (const a of BUSYBOX_APPLETS) {
    if (a === 'busybox') continue;
    files.set(`/bin/${a}`, { type: 'l', digest: sha256Text('link:/bin/busybox'), mode: 0o777, size: 0, owner: '0:0', target: '/bin/busybox' });
  }
  files.set('/etc/passwd', file('root:x:0:0:root:/root:/bin/sh\n'));
  files.set('/etc/group', file('root:x:0:\n'));
  files.set('/usr/local/bin/stub', opaqueFile('stub', 0o755));
  for (const t of ORACLE_STUB_TOOLS) {
    files.set(`/usr/local/bin/${t}`, { type: 'l', digest: sha256Text('link:stub'), mode: 0o777, size: 0, owner: '0:0', target: 'stub' });
  }
  const variant = digest; // content of /etc/oracle-variant follows the image digest
  files.set('/etc/oracle-variant', { ...file(`variant ${variant}\n`), digest: sha256Text('oracle-variant:' + variant) });
  const spec: ImageModelSpec = { model, digest, env: [['PATH', '/usr/local/bin:/usr/bin:/bin']], files };
  oracleMemo.set(digest, spec);
  return spec;
}
