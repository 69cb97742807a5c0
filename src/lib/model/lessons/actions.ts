/**
 * Lesson actions and checks on a "world": the workspace plus the build options.
 * Pure, so the Session, presenter mode and the lesson tests apply exactly the
 * same changes and judge "done" the same way.
 */
import { DOCKERFILE_PATH, type Workspace, type WorkspaceFile } from '../workspace';
import type { BuildSettings } from '../build-input';
import type { Lesson, LessonAction, LessonCheck, LessonStep, LessonTask } from './types';

export interface World {
  ws: Workspace;
  settings: BuildSettings;
}

export function parseMode(mode: string): number {
  return parseInt(mode, 8);
}

export function defaultBuildSettings(): BuildSettings {
  return { builder: 'buildkit', target: '', noCache: false, upstream: {} };
}

/** The project a lesson starts from, every file stamped with `now`. */
export function setupWorld(lesson: Lesson, now = 0): World {
  const files: Record<string, WorkspaceFile> = {};
  for (const [path, data] of Object.entries(lesson.setup.files))
    files[path] = {
      data,
      mode: lesson.setup.modes?.[path] ? parseMode(lesson.setup.modes[path]) : 0o644,
      mtime: now
    };
  return {
    ws: { dockerfile: lesson.setup.dockerfile, files, buildArgs: { ...(lesson.setup.buildArgs ?? {}) } },
    settings: { ...defaultBuildSettings(), builder: lesson.setup.builder ?? 'buildkit' }
  };
}

/** The project as step `index` begins: the setup with every earlier task's solution applied. */
export function startWorld(lesson: Lesson, index: number): World {
  let w = setupWorld(lesson);
  for (const step of lesson.steps.slice(0, index))
    for (const a of step.task?.actions ?? []) w = applyAction(w, a, 0);
  return w;
}

/** The text of a file (or the Dockerfile), or null when it does not exist or is binary. */
export function textIn(ws: Workspace, path: string): string | null {
  if (path === DOCKERFILE_PATH) return ws.dockerfile;
  const d = ws.files[path]?.data;
  return typeof d === 'string' ? d : null;
}

function withText(ws: Workspace, path: string, text: string, now: number): Workspace {
  if (path === DOCKERFILE_PATH) return { ...ws, dockerfile: text };
  const f = ws.files[path];
  return { ...ws, files: { ...ws.files, [path]: { data: text, mode: f?.mode ?? 0o644, mtime: now } } };
}

/** Index of the first line that starts with `prefix` (whitespace folded), or -1. */
function lineIndex(lines: string[], prefix: string): number {
  const p = fold(prefix);
  return lines.findIndex((l) => fold(l).startsWith(p) && p !== '');
}

export function fold(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function applyAction(w: World, a: LessonAction, now: number): World {
  const { ws, settings } = w;
  switch (a.kind) {
    case 'edit': {
      const text = textIn(ws, a.path);
      return text === null ? w : { ...w, ws: withText(ws, a.path, text.replace(a.find, a.replace), now) };
    }
    case 'move-line': {
      const lines = ws.dockerfile.split('\n');
      const from = lineIndex(lines, a.line);
      if (from < 0) return w;
      const [moved] = lines.splice(from, 1);
      const to = lineIndex(lines, a.before);
      if (to < 0) return w;
      lines.splice(to, 0, moved);
      return { ...w, ws: { ...ws, dockerfile: lines.join('\n') } };
    }
    case 'write':
      return { ...w, ws: withText(ws, a.path, a.text, now) };
    case 'delete': {
      if (a.path === DOCKERFILE_PATH) return w;
      const files = { ...ws.files };
      for (const p of Object.keys(files)) if (p === a.path || p.startsWith(a.path + '/')) delete files[p];
      return { ...w, ws: { ...ws, files } };
    }
    case 'chmod': {
      const f = ws.files[a.path];
      return f
        ? { ...w, ws: { ...ws, files: { ...ws.files, [a.path]: { ...f, mode: parseMode(a.mode) } } } }
        : w;
    }
    case 'touch': {
      const f = ws.files[a.path];
      // A touch always moves the clock forward, even within one millisecond.
      const mtime = Math.max(now, f ? f.mtime + 1 : now);
      return f ? { ...w, ws: { ...ws, files: { ...ws.files, [a.path]: { ...f, mtime } } } } : w;
    }
    case 'build-arg': {
      const buildArgs = { ...ws.buildArgs };
      if (a.value === null) delete buildArgs[a.name];
      else buildArgs[a.name] = a.value;
      return { ...w, ws: { ...ws, buildArgs } };
    }
    case 'no-cache':
      return { ...w, settings: { ...settings, noCache: a.on } };
    case 'update-base':
      return {
        ...w,
        settings: {
          ...settings,
          upstream: { ...settings.upstream, [a.image]: (settings.upstream[a.image] ?? 0) + 1 }
        }
      };
    case 'target':
      return { ...w, settings: { ...settings, target: a.stage } };
    case 'builder':
      return { ...w, settings: { ...settings, builder: a.builder } };
  }
}

/** Whether a step ends with a build. */
export function stepBuilds(step: LessonStep): boolean {
  return !!step.task && step.task.build !== false;
}

/** The checks that tell a task is done: its own, or those its solution implies. */
export function checksOf(task: LessonTask): LessonCheck[] {
  if (task.checks) return task.checks;
  return task.actions.map((a): LessonCheck => {
    switch (a.kind) {
      case 'edit':
      case 'write':
        return { kind: 'changed', path: a.path };
      case 'move-line':
        return { kind: 'order', first: a.line, then: a.before };
      case 'delete':
        return { kind: 'exists', path: a.path, present: false };
      case 'chmod':
        return { kind: 'mode', path: a.path, mode: a.mode };
      case 'touch':
        return { kind: 'touched', path: a.path };
      case 'build-arg':
        return { kind: 'build-arg', name: a.name, value: a.value };
      case 'no-cache':
        return { kind: 'no-cache', on: a.on };
      case 'update-base':
        return { kind: 'base-updated', image: a.image };
      case 'target':
        return { kind: 'target', stage: a.stage };
      case 'builder':
        return { kind: 'builder', builder: a.builder };
    }
  });
}

/** What a check is judged against: the project now, and as the step began. */
export interface CheckContext {
  now: World;
  start: World;
  /** Modification times and upstream counts when the step began. */
  startMtimes: Record<string, number>;
  startUpstream: Record<string, number>;
}

export function checkMet(c: LessonCheck, x: CheckContext): boolean {
  const ws = x.now.ws;
  switch (c.kind) {
    case 'changed': {
      const now = textIn(ws, c.path);
      return now !== null && now !== textIn(x.start.ws, c.path);
    }
    case 'contains': {
      const has = (textIn(ws, c.path) ?? '').includes(c.text);
      return c.absent ? !has : has;
    }
    case 'order': {
      const lines = ws.dockerfile.split('\n');
      const a = lineIndex(lines, c.first);
      const b = lineIndex(lines, c.then);
      return a >= 0 && b >= 0 && a < b;
    }
    case 'mode':
      return ws.files[c.path]?.mode === parseMode(c.mode);
    case 'touched': {
      const f = ws.files[c.path];
      const before = x.startMtimes[c.path];
      return (
        !!f && before !== undefined && f.mtime > before && textIn(ws, c.path) === textIn(x.start.ws, c.path)
      );
    }
    case 'exists':
      return (c.path === DOCKERFILE_PATH || c.path in ws.files) === c.present;
    case 'build-arg':
      return (ws.buildArgs[c.name] ?? null) === c.value;
    case 'no-cache':
      return x.now.settings.noCache === c.on;
    case 'base-updated':
      return (x.now.settings.upstream[c.image] ?? 0) > (x.startUpstream[c.image] ?? 0);
    case 'target':
      return x.now.settings.target === c.stage;
    case 'builder':
      return x.now.settings.builder === c.builder;
  }
}

function quote(s: string, max = 40): string {
  const one = fold(s);
  return `“${one.length > max ? one.slice(0, max - 1) + '…' : one}”`;
}

/** An action in a few words, for the task line and presenter mode. */
export function describeAction(a: LessonAction): string {
  switch (a.kind) {
    case 'edit':
      return `${a.path}: ${quote(a.find)} → ${quote(a.replace)}`;
    case 'move-line':
      return `move ${quote(a.line)} above ${quote(a.before)}`;
    case 'write':
      return `write ${a.path}`;
    case 'delete':
      return `delete ${a.path}`;
    case 'chmod':
      return `chmod ${a.mode} ${a.path}`;
    case 'touch':
      return `touch ${a.path}`;
    case 'build-arg':
      return a.value === null ? `drop --build-arg ${a.name}` : `--build-arg ${a.name}=${a.value}`;
    case 'no-cache':
      return a.on ? 'build with --no-cache' : 'build without --no-cache';
    case 'update-base':
      return `${a.image} is updated upstream`;
    case 'target':
      return a.stage ? `--target ${a.stage}` : 'build the last stage';
    case 'builder':
      return a.builder === 'legacy' ? 'switch to the legacy builder' : 'switch to BuildKit';
  }
}

/** A check as a to-do item. */
export function describeCheck(c: LessonCheck): string {
  switch (c.kind) {
    case 'changed':
      return `change ${c.path}`;
    case 'contains':
      return c.absent ? `remove ${quote(c.text)} from ${c.path}` : `${c.path} contains ${quote(c.text)}`;
    case 'order':
      return `${quote(c.first)} comes before ${quote(c.then)}`;
    case 'mode':
      return `${c.path} has mode ${c.mode}`;
    case 'touched':
      return `touch ${c.path} (same bytes)`;
    case 'exists':
      return c.present ? `${c.path} exists` : `${c.path} is deleted`;
    case 'build-arg':
      return c.value === null ? `no --build-arg ${c.name}` : `--build-arg ${c.name}=${c.value}`;
    case 'no-cache':
      return c.on ? '--no-cache is on' : '--no-cache is off';
    case 'base-updated':
      return `${c.image} updated upstream`;
    case 'target':
      return c.stage ? `target ${c.stage}` : 'target the last stage';
    case 'builder':
      return `builder: ${c.builder === 'legacy' ? 'legacy' : 'BuildKit'}`;
  }
}
