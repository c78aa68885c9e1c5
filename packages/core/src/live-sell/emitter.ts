type Listener = (payload: unknown) => unknown;

interface Entry {
  fn: Listener;
  /** The handler as the caller passed it (differs from `fn` for `once`). */
  original: Listener;
}

export type Emitter = ReturnType<typeof createEmitter>;

/**
 * A small event emitter: `on` returns an unsubscribe function, a throwing or rejecting handler
 * is reported to `onListenerError` and never stops the others. Arrays are copied on write so
 * an emit in progress is not disturbed by handlers that subscribe or unsubscribe.
 */
export function createEmitter(onListenerError: (error: unknown, event: string) => void) {
  const listeners = new Map<string, Entry[]>();

  function remove(event: string, match: (e: Entry) => boolean): void {
    const list = listeners.get(event) || [];
    const index = list.findIndex(match);
    if (index < 0) return;
    const next = list.filter((_, i) => i !== index);
    if (next.length) listeners.set(event, next);
    else listeners.delete(event);
  }

  function on(event: string, fn: Listener, original: Listener = fn): () => void {
    const entry: Entry = { fn, original };
    listeners.set(event, [...(listeners.get(event) || []), entry]);
    return () => remove(event, (e) => e === entry);
  }

  return {
    has: (event: string): boolean => listeners.has(event),
    on,
    once(event: string, fn: Listener): () => void {
      const off = on(
        event,
        (payload) => {
          off();
          return fn(payload);
        },
        fn,
      );
      return off;
    },
    /** Removes `fn` (registered with `on` or `once`) or, without it, every handler of `event`. */
    off(event: string, fn?: Listener): void {
      if (!fn) listeners.delete(event);
      else remove(event, (e) => e.original === fn);
    },
    emit(event: string, payload: unknown): void {
      for (const entry of listeners.get(event) || []) {
        try {
          const result = entry.fn(payload);
          if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
            (result as PromiseLike<unknown>).then(undefined, (error: unknown) => onListenerError(error, event));
          }
        } catch (error) {
          onListenerError(error, event);
        }
      }
    },
    clear: (): void => listeners.clear(),
  };
}
