import { describe, expect, it } from 'vitest';
import { cacheUses } from '../advisor/caches';
import { analyseRun } from '../advisor/installers';
import { lint } from './index';
import { installsIn, isManifest, PACKAGE_MANAGERS } from './package-managers';
import { commandsOf } from './run-commands';
import type { LintInput } from './types';

const ids = (command: string | string[]) => installsIn(command).map((pm) => pm.id);

describe('lint reads a RUN command by command, as the shell does', () => {
  it('an install named inside quotes is an argument, not an install', () => {
    expect(ids('echo "npm install"')).toEqual([]);
    expect(ids('echo "a && npm install"')).toEqual([]);
    expect(ids(`echo 'go mod download; pip install -r requirements.txt'`)).toEqual([]);
  });

  it('a quoted or escaped program name is still the program', () => {
    expect(ids(`'npm' ci`)).toEqual(['npm']);
    expect(ids(`"pip" install -r "requirements.txt"`)).toEqual(['pip']);
    expect(ids('np\\m ci')).toEqual(['npm']);
  });

  it('sees through sudo, env, assignments and sh -c, and reads exec form as its argv', () => {
    expect(ids('sudo -u app npm ci')).toEqual(['npm']);
    expect(ids('CI=1 env NODE_ENV=production npm ci --omit=dev')).toEqual(['npm']);
    expect(ids(`sh -c 'go mod download && npm ci'`)).toEqual(['go', 'npm']);
    expect(ids(['npm', 'ci'])).toEqual(['npm']);
    expect(ids(['/bin/sh', '-c', 'yarn install --frozen-lockfile'])).toEqual(['yarn']);
    expect(commandsOf('env A=1 pip install x')[0]).toEqual({
      program: 'pip',
      args: ['install', 'x'],
      assigns: [['A', '1']]
    });
  });

  it('a program named as an argument runs nothing', () => {
    expect(ids('command -v yarn || npm install -g yarn')).toEqual([]);
    expect(ids('echo npm ci')).toEqual([]);
  });

  it('still reads a RUN whose other commands the engine cannot follow', () => {
    expect(ids('npm ci && echo "built at $(date)" > /stamp')).toEqual(['npm']);
  });

  it('a requirements file counts as a manifest only when a pip install reads it', () => {
    const pip = PACKAGE_MANAGERS.find((pm) => pm.id === 'pip')!;
    expect(isManifest(pip, 'prod.txt', 'python -m pip install -r requirements/prod.txt')).toBe(true);
    expect(isManifest(pip, 'prod.txt', 'echo "pip install -r prod.txt"')).toBe(false);
  });
});

describe('lint and the advisor read the same RUN the same way', () => {
  // Each case: a RUN command and the installs in it. Lint's package managers,
  // the advisor's cache-mount reading and its install analysis must agree.
  const cases: Array<[string, string[]]> = [
    ['echo "npm install"', []],
    ['echo "a && npm install"', []],
    [`'npm' ci`, ['npm']],
    ['npm ci && echo "; pip install -r requirements.txt"', ['npm']],
    ['python3 -m pip install -r requirements.txt', ['pip']],
    ['pip install -r requirements.txt && npm ci', ['pip', 'npm']],
    ['npm ci && echo $(date)', ['npm']]
  ];
  const files: Record<string, string> = {
    'package.json': '{"name": "web"}\n',
    'package-lock.json': '{"lockfileVersion": 3}\n',
    'requirements.txt': 'flask==3.0.3\n'
  };
  const ecosystem: Record<string, string> = { npm: 'node', pip: 'python' };

  it.each(cases)('%s', (command, installs) => {
    expect(ids(command)).toEqual(installs);
    expect(cacheUses(command).map((u) => u.tool)).toEqual(installs);
    const a = analyseRun(command, (rel) => files[rel] ?? null);
    // The advisor's install analysis refuses what it cannot follow ($(...)); where it reads, it reads the same installs.
    expect(a.understood).toBe(!command.includes('$('));
    if (a.understood) expect(a.ecosystems).toEqual([...new Set(installs.map((i) => ecosystem[i]))].sort());
  });
});

describe('the rules, on RUNs that quote', () => {
  const input = (dockerfile: string): LintInput => ({
    dockerfile,
    context: { files: { 'package.json': { data: '{"name": "web"}\n' }, 'server.js': { data: '1\n' } } }
  });
  const codes = (dockerfile: string) => lint(input(dockerfile)).findings.map((f) => f.code);

  it("LL001 and LL008 see `RUN 'npm' ci` after a broad COPY, and not an echo of it", () => {
    expect(codes("FROM node:20\nWORKDIR /app\nCOPY . .\nRUN 'npm' ci\n")).toEqual(
      expect.arrayContaining(['LL001', 'LL008'])
    );
    const quiet = codes('FROM node:20\nWORKDIR /app\nCOPY . .\nRUN echo "npm ci"\n');
    expect(quiet).not.toContain('LL001');
    expect(quiet).not.toContain('LL008');
  });

  it('LL002 ignores an update that is only echoed', () => {
    expect(codes('FROM debian:12\nRUN echo "apt-get update"\n')).not.toContain('LL002');
    expect(codes('FROM debian:12\nRUN "apt-get" update\n')).toContain('LL002');
  });
});
