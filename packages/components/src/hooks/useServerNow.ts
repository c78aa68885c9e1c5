import { useEffect, useState } from 'react';
import { useRoom } from './useRoom';
import { useRoomContext } from './useRoomContext';

/**
 * The merchant server's clock, ticking every `intervalMs` while `enabled`: the local clock plus the
 * offset the store learnt, so a device whose clock is wrong still counts down correctly. One timer
 * per caller, aligned to whole intervals of server time.
 */
export function useServerNow(intervalMs = 1000, enabled = true): number {
  const { clock } = useRoomContext();
  const offset = useRoom((s) => s.serverTimeOffset);
  const [local, setLocal] = useState(() => clock.now());
  useEffect(() => {
    if (!enabled) return;
    let handle: ReturnType<typeof clock.setTimeout> | undefined;
    const tick = () => {
      const now = clock.now();
      setLocal(now);
      const server = now + offset;
      handle = clock.setTimeout(tick, intervalMs - (((server % intervalMs) + intervalMs) % intervalMs));
    };
    tick();
    return () => {
      if (handle !== undefined) clock.clearTimeout(handle);
    };
  }, [clock, offset, intervalMs, enabled]);
  return local + offset;
}
