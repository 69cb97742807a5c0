/**
 * dockerfile-ast (the engine's parser) checks for a UTF-8 byte order mark with
 * `Buffer.from(char, 'UTF-8')`, a Node global a browser worker lacks. This gives
 * it exactly that call, built on TextEncoder. Imported before the engine.
 */
const g = globalThis as { Buffer?: unknown };
if (typeof g.Buffer === 'undefined') {
  g.Buffer = {
    from(value: string) {
      return new TextEncoder().encode(String(value));
    }
  };
}

export {};
