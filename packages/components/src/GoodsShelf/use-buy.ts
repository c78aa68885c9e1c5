import type { MerchantGoods } from '@livesell/core';
import { useCallback, useRef, useState } from 'react';
import { describeError, type ErrorMessages } from '../shared/error-message';

/** A product as the buy handler gets it: the shelf's record, or what the explaining field says. */
export type ShelfGoods = Pick<MerchantGoods, 'id' | 'title'> & Partial<MerchantGoods>;

export type BuyHandler = (goods: ShelfGoods) => unknown;

export type BuyState = { state: 'idle' | 'pending' | 'done' } | { state: 'error'; message: string };

const IDLE: BuyState = { state: 'idle' };

/** Buy-button state per product: pending while the app's handler runs, then done or error. */
export function useBuy(onBuy: BuyHandler, messages?: ErrorMessages) {
  const [states, setStates] = useState<ReadonlyMap<string, BuyState>>(new Map());
  const inFlight = useRef(new Set<string>());
  const latest = useRef({ onBuy, messages });
  latest.current = { onBuy, messages };

  const put = useCallback((id: string, state: BuyState) => {
    setStates((prev) => new Map(prev).set(id, state));
  }, []);

  const buy = useCallback(
    async (goods: ShelfGoods) => {
      // A double tap must not place two orders.
      if (inFlight.current.has(goods.id)) return;
      inFlight.current.add(goods.id);
      put(goods.id, { state: 'pending' });
      try {
        await latest.current.onBuy(goods);
        put(goods.id, { state: 'done' });
      } catch (cause) {
        put(goods.id, { state: 'error', message: describeError(cause, latest.current.messages) });
      } finally {
        inFlight.current.delete(goods.id);
      }
    },
    [put],
  );

  const stateOf = (id: string): BuyState => states.get(id) ?? IDLE;
  return { buy, stateOf };
}
