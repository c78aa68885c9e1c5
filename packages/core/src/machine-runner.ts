export type MachineListener<S, E> = (state: S, event: E, previous: S) => void;

export interface MachineRunner<S, E> {
  getState(): S;
  dispatch(event: E): void;
  /** Called after every event, including the ones the controller's timers raise. */
  subscribe(listener: MachineListener<S, E>): () => void;
  destroy(): void;
}

/**
 * Holds a reducer's state and runs events through it (the player and pusher machines, the
 * `TIMLiveSell` session). Events raised while one is being handled
 * (by a listener or a timer hook) are queued, so listeners always see transitions in order.
 */
export function createMachineRunner<S, E>(
  initial: S,
  transition: (state: S, event: E) => S,
  afterEach: (state: S, event: E) => void,
  onDestroy: () => void,
): MachineRunner<S, E> {
  let state = initial;
  const listeners = new Set<MachineListener<S, E>>();
  const queue: E[] = [];
  let running = false;
  let destroyed = false;

  function dispatch(event: E) {
    if (destroyed) return;
    queue.push(event);
    if (running) return;
    running = true;
    try {
      while (queue.length > 0) {
        const next = queue.shift() as E;
        const previous = state;
        state = transition(state, next);
        afterEach(state, next);
        for (const listener of listeners) listener(state, next, previous);
      }
    } finally {
      running = false;
      queue.length = 0;
    }
  }

  return {
    getState: () => state,
    dispatch,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    destroy() {
      destroyed = true;
      listeners.clear();
      onDestroy();
    },
  };
}
