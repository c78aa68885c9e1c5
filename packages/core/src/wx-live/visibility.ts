/**
 * Whether the page is on screen. Pollers stop while it is hidden. Platform adapters feed a
 * `ManualVisibility`: Taro's `useDidShow`/`useDidHide` call `set(true/false)`, and
 * `documentVisibility(document)` follows the browser's `visibilitychange`.
 */
export interface VisibilitySource {
  isVisible(): boolean;
  /** Called with the new value on every change; returns an unsubscribe function. */
  subscribe(listener: (visible: boolean) => void): () => void;
}

export interface ManualVisibility extends VisibilitySource {
  set(visible: boolean): void;
}

export function createVisibilitySource(initial = true): ManualVisibility {
  let visible = initial;
  const listeners = new Set<(visible: boolean) => void>();
  return {
    isVisible: () => visible,
    set(next) {
      if (next === visible) return;
      visible = next;
      for (const listener of [...listeners]) listener(visible);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The part of `Document` the browser adapter needs (kept structural so core stays DOM-free). */
export interface VisibilityDocument {
  readonly visibilityState: string;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** A `VisibilitySource` over the browser's Page Visibility API. */
export function documentVisibility(doc: VisibilityDocument): VisibilitySource {
  return {
    isVisible: () => doc.visibilityState !== 'hidden',
    subscribe(listener) {
      const onChange = () => listener(doc.visibilityState !== 'hidden');
      doc.addEventListener('visibilitychange', onChange);
      return () => doc.removeEventListener('visibilitychange', onChange);
    },
  };
}
