type Listener = (payload: unknown) => unknown;

interface Entry {
  fn: Listener;
  /** The handler as the caller passed it (differs from `fn` for `once`). */
  original: Listener;
}

/**
 * A small event emitter: `on` returns an unsubscribe function, a throwing or rejecting handler
 * is reported to `onListenerError` and never stops the others. Arrays are copied on write so
 * an emit in progress is not disturbed by handlers that subscribe or unsubscribe.
 */
export class Emitter {
  private readonly listeners = new Map<string, Entry[]>();

  constructor(private readonly onListenerError: (error: unknown, event: string) => void) {}

  has(event: string): boolean {
    return this.listeners.has(event);
  }

  on(event: string, fn: Listener, original: Listener = fn): () => void {
    const entry: Entry = { fn, original };
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), entry]);
    return () => this.remove(event, (e) => e === entry);
  }

  once(event: string, fn: Listener): () => void {
    const off = this.on(
      event,
      (payload) => {
        off();
        return fn(payload);
      },
      fn,
    );
    return off;
  }

  /** Removes `fn` (registered with `on` or `once`) or, without it, every handler of `event`. */
  off(event: string, fn?: Listener): void {
    if (!fn) this.listeners.delete(event);
    else this.remove(event, (e) => e.original === fn);
  }

  emit(event: string, payload: unknown): void {
    const list = this.listeners.get(event);
    if (!list) return;
    for (const entry of list) {
      try {
        const result = entry.fn(payload);
        if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
          (result as PromiseLike<unknown>).then(undefined, (error: unknown) => this.onListenerError(error, event));
        }
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }

  private remove(event: string, match: (e: Entry) => boolean): void {
    const list = this.listeners.get(event);
    if (!list) return;
    const index = list.findIndex(match);
    if (index < 0) return;
    const next = list.slice(0, index).concat(list.slice(index + 1));
    if (next.length) this.listeners.set(event, next);
    else this.listeners.delete(event);
  }
}
