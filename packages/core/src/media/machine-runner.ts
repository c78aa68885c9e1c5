import type { Clock, TimerHandle } from '../clock';

export { createMachineRunner, type MachineListener, type MachineRunner } from '../machine-runner';

/** One pending back-off timer, re-armed only when `key` (the restart number) changes. */
export function createRestartTimer(clock: Clock, fire: () => void) {
  let key: string | null = null;
  let timer: TimerHandle | null = null;
  const clear = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
  };
  return {
    update(nextKey: string | null, delayMs: number) {
      if (nextKey === key) return;
      key = nextKey;
      clear();
      if (nextKey === null) return;
      timer = clock.setTimeout(() => {
        timer = null;
        fire();
      }, delayMs);
    },
    stop() {
      clear();
      key = null;
    },
  };
}
