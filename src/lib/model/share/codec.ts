/**
 * Share links: a whole session (or a lesson) as deflated JSON in the URL
 * fragment, which browsers never send to a server. Decoding never trusts the
 * link: the length is capped before anything else, decompression stops at a
 * size cap, and the JSON is validated field by field before it is used.
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import * as v from 'valibot';
import type { WorkspaceFile } from '../workspace';
import type { LessonProgress } from '../lessons/progress';
import type { Lesson } from '../lessons/types';
import { lessonSchema, validateLesson } from '../lessons/validate';
import type { SavedSession } from '../saved-session';
import {
  cacheSchema,
  contextPath,
  describeIssues,
  digestSchema,
  historyEntrySchema,
  compareSchema,
  LIMITS,
  projectSchema,
  revealedSchema,
  settingsSchema,
  sharedFile,
  timingSchema
} from './schema';

/** Longest fragment we read, characters. Browsers keep about 2 MB of URL. */
export const MAX_LINK_CHARS = 2_000_000;
/** Largest JSON a link may unpack to, bytes. */
export const MAX_JSON_BYTES = 32_000_000;

export type LinkKind = 'share' | 'lesson';
export type LinkPayload = { kind: 'share'; session: SavedSession } | { kind: 'lesson'; lesson: Lesson };
export type Decoded = { ok: true; payload: LinkPayload } | { ok: false; message: string };

// ---- bytes <-> base64url ----

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const toUrl = (b64: string) => b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromUrl = (s: string) => s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4);

class TooBig extends Error {}

/** Inflates in small slices so a "zip bomb" is stopped before it fills memory. */
function inflateCapped(bytes: Uint8Array, cap: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const inf = new Inflate((chunk) => {
    total += chunk.length;
    if (total > cap) throw new TooBig();
    chunks.push(chunk);
  });
  const SLICE = 1024;
  for (let i = 0; i < bytes.length; i += SLICE)
    inf.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
  if (!bytes.length) inf.push(new Uint8Array(0), true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---- the wire shape ----

const progressSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(60)),
  custom: v.nullable(lessonSchema),
  step: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(LIMITS.steps)),
  startMtimes: v.record(contextPath, v.pipe(v.number(), v.finite())),
  startUpstream: v.record(
    v.pipe(v.string(), v.maxLength(300)),
    v.pipe(v.number(), v.integer(), v.minValue(0))
  ),
  predictFirst: v.boolean(),
  marks: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(0))), v.maxLength(10_000)),
  revealed: v.nullable(revealedSchema)
});

const sessionSchema = v.object({
  example: v.pipe(v.string(), v.maxLength(100)),
  dockerfile: v.pipe(v.string(), v.maxLength(LIMITS.dockerfile)),
  files: v.pipe(
    v.record(contextPath, sharedFile),
    v.check((r) => Object.keys(r).length <= LIMITS.files, `at most ${LIMITS.files} files`)
  ),
  buildArgs: v.record(v.pipe(v.string(), v.maxLength(300)), v.pipe(v.string(), v.maxLength(LIMITS.text))),
  settings: settingsSchema,
  cache: v.nullable(cacheSchema),
  history: v.pipe(v.array(historyEntrySchema), v.maxLength(LIMITS.history)),
  contents: v.record(digestSchema, v.pipe(v.string(), v.maxLength(LIMITS.text))),
  tabs: v.pipe(v.array(v.pipe(v.string(), v.maxLength(1024))), v.maxLength(100)),
  active: v.pipe(v.string(), v.maxLength(1024)),
  lesson: v.nullable(progressSchema),
  dockerfilePath: v.optional(contextPath),
  project: v.optional(v.nullable(projectSchema)),
  timing: v.optional(timingSchema),
  compare: v.optional(v.nullable(compareSchema))
});

const envelope = v.object({
  app: v.literal('layerlab'),
  version: v.number(),
  kind: v.picklist(['share', 'lesson'])
});

type WireSession = v.InferOutput<typeof sessionSchema>;

function toWire(s: SavedSession): WireSession {
  const files: WireSession['files'] = {};
  for (const [p, f] of Object.entries(s.files))
    files[p] =
      typeof f.data === 'string'
        ? { text: f.data, mode: f.mode, mtime: f.mtime, ...(f.dir ? { dir: true } : {}) }
        : f.data
          ? { base64: toBase64(f.data), mode: f.mode, mtime: f.mtime }
          : {
              mode: f.mode,
              mtime: f.mtime,
              ...(f.digest ? { digest: f.digest, size: f.size ?? 0 } : {}),
              ...(f.digestOnly ? { digestOnly: f.digestOnly } : {}),
              ...(f.unread ? { unread: true } : {}),
              ...(f.dir ? { dir: true } : {})
            };
  // The recipient has no stash of their own work under this folder.
  const project = s.project ? { ...s.project, stashed: false } : null;
  return { ...s, files, lesson: s.lesson ?? null, project } as WireSession;
}

function fromWire(w: WireSession): SavedSession {
  const files: Record<string, WorkspaceFile> = {};
  for (const [p, f] of Object.entries(w.files))
    files[p] =
      f.digest !== undefined || f.unread
        ? {
            data: null,
            mode: f.mode,
            mtime: f.mtime,
            ...(f.digest ? { digest: f.digest as WorkspaceFile['digest'], size: f.size ?? 0 } : {}),
            ...(f.digestOnly ? { digestOnly: f.digestOnly } : {}),
            ...(f.unread ? { unread: true } : {}),
            ...(f.dir ? { dir: true } : {})
          }
        : {
            data: f.base64 !== undefined ? fromBase64(f.base64) : (f.text ?? ''),
            mode: f.mode,
            mtime: f.mtime,
            ...(f.dir ? { dir: true } : {})
          };
  // The Session normalises timing and the compare day again when it loads them.
  return { version: 1, ...w, files, lesson: w.lesson as LessonProgress | null } as SavedSession;
}

// ---- encode / decode ----

export function encodeLink(payload: LinkPayload): string {
  const body =
    payload.kind === 'share'
      ? { app: 'layerlab', version: 1, kind: 'share', session: toWire(payload.session) }
      : { app: 'layerlab', version: 1, kind: 'lesson', lesson: payload.lesson };
  return toUrl(toBase64(deflateSync(strToU8(JSON.stringify(body)), { level: 9 })));
}

/** The link's kind and data from a URL fragment (`#share=…`, `#lesson=…`), or null when it has none. */
export function fragmentOf(hash: string): { kind: LinkKind; data: string } | null {
  const m = /^#?(share|lesson)=(.*)$/s.exec(hash);
  return m ? { kind: m[1] as LinkKind, data: m[2] } : null;
}

export function decodeLink(kind: LinkKind, data: string): Decoded {
  const what = kind === 'share' ? 'shared session' : 'lesson';
  const fail = (message: string): Decoded => ({ ok: false, message });
  if (!data) return fail(`This link is empty: it carries no ${what}.`);
  if (data.length > MAX_LINK_CHARS)
    return fail(
      `This link is too long (${data.length.toLocaleString('en')} characters; Layer Lab reads at most ${MAX_LINK_CHARS.toLocaleString('en')}).`
    );
  if (!/^[A-Za-z0-9_-]+$/.test(data))
    return fail('This link is damaged: it holds characters a Layer Lab link never has.');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(fromUrl(data));
  } catch {
    return fail('This link is damaged: its data is not valid base64url.');
  }
  let json: string;
  try {
    json = strFromU8(inflateCapped(bytes, MAX_JSON_BYTES));
  } catch (e) {
    if (e instanceof TooBig)
      return fail(`This link unpacks to more than ${MAX_JSON_BYTES / 1e6} MB: Layer Lab does not open it.`);
    return /EOF/i.test((e as Error).message)
      ? fail('This link is incomplete: it ends too early, perhaps cut off when it was copied.')
      : fail('This link is damaged: its data does not decompress.');
  }
  let body: unknown;
  try {
    body = JSON.parse(json);
  } catch {
    return fail('This link is damaged: its content is not JSON.');
  }
  const env = v.safeParse(envelope, body);
  if (!env.success) return fail('This is not a Layer Lab link.');
  if (env.output.version !== 1)
    return fail(`This link comes from another version of Layer Lab (format ${env.output.version}).`);
  if (env.output.kind !== kind)
    return fail(`This link holds a ${env.output.kind === 'share' ? 'session' : 'lesson'}, not a ${what}.`);
  if (kind === 'lesson') {
    const r = validateLesson((body as { lesson?: unknown }).lesson);
    return r.ok ? { ok: true, payload: { kind: 'lesson', lesson: r.lesson } } : fail(r.message);
  }
  const parsed = v.safeParse(sessionSchema, (body as { session?: unknown }).session);
  if (!parsed.success) return fail(`This link’s session is not valid: ${describeIssues(parsed.issues)}.`);
  const custom = parsed.output.lesson?.custom;
  if (custom) {
    const r = validateLesson(custom);
    if (!r.ok) return fail(r.message);
  }
  return { ok: true, payload: { kind: 'share', session: fromWire(parsed.output) } };
}
