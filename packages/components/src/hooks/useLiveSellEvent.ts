import type { LiveSellHandler } from '@livesell/core';
import { useEffect, useRef } from 'react';
import { useLiveSell } from './useLiveSell';

/**
 * Listens to one `TIMLiveSell` event while the component is mounted. The latest `handler` is
 * called; a new function each render does not resubscribe.
 */
export function useLiveSellEvent<K extends string>(event: K, handler: LiveSellHandler<K>): void {
  const liveSell = useLiveSell();
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => liveSell.on(event, ((payload) => latest.current(payload)) as LiveSellHandler<K>), [liveSell, event]);
}
