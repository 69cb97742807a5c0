/**
 * The browser's lifecycle around the Session: start the worker, restore the
 * last session or open the first example, autosave, and apply the theme.
 */
import { EXAMPLES } from '../examples/index';
import { browserEngine } from '../worker/engine-client';
import { forgetSession, loadSession, saveSession } from './persist';
import { Session } from './session.svelte';

const SAVE_DELAY_MS = 400;

/** Starts the app; with `slug`, opens that example instead of the autosaved session. */
export function startApp(slug?: string): { session: Session; stop: () => void } {
  const engine = browserEngine();
  const session = new Session({ engine });
  let ready = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let warned = false;

  void (async () => {
    const saved = slug ? null : await loadSession();
    if (slug) await session.loadExample(slug);
    else if (saved) {
      try {
        session.restore(saved);
      } catch {
        await session.loadExample(EXAMPLES[0].slug);
      }
    } else await session.loadExample(EXAMPLES[0].slug);
    ready = true;
  })();

  const stopEffects = $effect.root(() => {
    $effect(() => {
      // Reading the whole saved shape subscribes to every part of it.
      const snapshot = session.toSaved();
      if (!ready) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(async () => {
        const outcome = await saveSession(snapshot);
        if (!outcome.ok && !warned) {
          warned = true;
          session.note(outcome.message, 'error');
        } else if (outcome.ok && outcome.trimmed && !warned) {
          warned = true;
          session.note(
            'This session is too big for the browser’s main store: autosave keeps the text files and history, not the cache.',
            'error'
          );
        }
      }, SAVE_DELAY_MS);
    });
    $effect(() => {
      // Effects run after the DOM is updated; the next frame is when people see it.
      // The mark lets tests (and anyone in devtools) time edit-to-view.
      if (session.result) requestAnimationFrame(() => performance.mark('layerlab:view-updated'));
    });
    $effect(() => {
      const t = session.settings.theme;
      if (t === 'system') document.documentElement.removeAttribute('data-theme');
      else document.documentElement.setAttribute('data-theme', t);
    });
  });

  return {
    session,
    stop: () => {
      stopEffects();
      engine.dispose();
      if (timer) clearTimeout(timer);
    }
  };
}

/** Starts over on an example, forgetting what autosave kept. */
export async function resetTo(session: Session, slug: string): Promise<void> {
  await forgetSession();
  await session.loadExample(slug);
}
