/**
 * The browser's lifecycle around the Session: start the worker, open what the
 * page asks for (the autosaved session, an example, a lesson, or a link in the
 * URL fragment), autosave, and apply the theme.
 *
 * A link opens as a visit: autosave is off, so the person's own saved work stays
 * as it was until they choose to keep what the link brought.
 */
import { EXAMPLES } from '../model/examples/index';
import { lessonById } from '../model/lessons/index';
import type { SavedSession } from '../model/saved-session';
import { decodeLink, fragmentOf } from '../model/share/codec';
import { browserEngine } from '../worker/engine-client';
import { forgetSession, loadSession, saveSession } from './persist';
import { restoreSaved, toSaved } from './saved.svelte';
import { Session } from './session.svelte';

const SAVE_DELAY_MS = 400;

export interface StartOptions {
  /** Open this example instead of the autosaved session (/examples/[slug]). */
  slug?: string;
  /** Open this built-in lesson, resuming it when the saved session is in it (/lessons/[id]). */
  lesson?: string;
}

/** What the page shows about a link it opened. */
export class LinkState {
  /** The page shows something a link brought; the person's own work is saved apart. */
  visiting = $state<null | 'share' | 'lesson'>(null);
  /** Why a link could not be opened. */
  error = $state<string | null>(null);
}

export interface App {
  session: Session;
  link: LinkState;
  /** Make what the link brought the person's own session (autosave takes over). */
  keep: () => void;
  /** Leave the link and go back to the saved session. */
  back: () => Promise<void>;
  stop: () => void;
}

function clearFragment(): void {
  history.replaceState(history.state, '', location.pathname + location.search);
}

export function startApp(opts: StartOptions = {}): App {
  const engine = browserEngine();
  const session = new Session({ engine });
  const link = new LinkState();
  let ready = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The snapshot a pending save will write: leaving the page writes it at once. */
  let pending: SavedSession | null = null;
  let warned = false;

  async function openSaved(): Promise<void> {
    const saved = await loadSession();
    if (saved) {
      try {
        restoreSaved(session, saved);
        return;
      } catch {
        // A saved session this version cannot read: start over below.
      }
    }
    await session.loadExample(EXAMPLES[0].slug);
  }

  /** Opens the link in the URL fragment, if there is one; false when there is none or it is broken. */
  async function openLink(): Promise<boolean> {
    const frag = fragmentOf(location.hash);
    if (!frag) return false;
    const d = decodeLink(frag.kind, frag.data);
    if (!d.ok) {
      link.error = d.message;
      clearFragment();
      return false;
    }
    link.error = null;
    link.visiting = frag.kind;
    if (d.payload.kind === 'share') restoreSaved(session, d.payload.session);
    else await session.lessons.begin(d.payload.lesson, 0, true);
    return true;
  }

  async function open(): Promise<void> {
    if (await openLink()) return;
    if (opts.slug) return session.loadExample(opts.slug);
    if (opts.lesson) {
      const lesson = lessonById(opts.lesson);
      const saved = await loadSession();
      if (saved?.lesson?.id === opts.lesson && !saved.lesson.custom) restoreSaved(session, saved);
      else if (lesson) await session.lessons.begin(lesson, 0);
      return;
    }
    await openSaved();
  }

  void open().then(() => (ready = true));
  // A link pasted into the address bar of an open page only changes the fragment.
  const onHash = () => void openLink();
  window.addEventListener('hashchange', onHash);

  const stopEffects = $effect.root(() => {
    $effect(() => {
      // Reading the whole saved shape subscribes to every part of it.
      const snapshot = toSaved(session);
      if (!ready || link.visiting) return;
      if (timer) clearTimeout(timer);
      pending = snapshot;
      timer = setTimeout(async () => {
        timer = null;
        pending = null;
        const outcome = await saveSession(snapshot);
        if (!outcome.ok && !warned) {
          warned = true;
          session.notices.note(outcome.message, 'error');
        } else if (outcome.ok && outcome.trimmed && !warned) {
          warned = true;
          session.notices.note(
            'This session is too big for the browser’s main store: autosave keeps the text files and history, not the cache.',
            'error'
          );
        }
      }, SAVE_DELAY_MS);
    });
    $effect(() => {
      // Effects run after the DOM is updated; the next frame is when people see it.
      // The mark lets tests (and anyone in devtools) time edit-to-view.
      if (session.prediction.result) requestAnimationFrame(() => performance.mark('layerlab:view-updated'));
    });
    $effect(() => {
      const t = session.theme;
      if (t === 'system') document.documentElement.removeAttribute('data-theme');
      else document.documentElement.setAttribute('data-theme', t);
    });
  });

  return {
    session,
    link,
    keep: () => {
      link.visiting = null;
      clearFragment();
    },
    back: async () => {
      clearFragment();
      await openSaved();
      link.visiting = null;
    },
    stop: () => {
      window.removeEventListener('hashchange', onHash);
      stopEffects();
      engine.dispose();
      if (timer) clearTimeout(timer);
      // Going to another page (the lesson list, say) must not lose the last change.
      if (pending) void saveSession(pending);
    }
  };
}

/** Starts over on an example, forgetting what autosave kept. */
export async function resetTo(session: Session, slug: string): Promise<void> {
  await forgetSession();
  await session.loadExample(slug);
}
