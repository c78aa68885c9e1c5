import { type RoomState, selectExplainingGoods } from '@livesell/core';
import type { ShelfGoods } from './use-buy';

export type ExplainingSelection = ReturnType<typeof selectExplainingGoods>;

export const selectExplaining = (s: RoomState): ExplainingSelection => selectExplainingGoods(s);

export const sameExplaining = (a: ExplainingSelection, b: ExplainingSelection): boolean =>
  a === b || (a !== null && b !== null && a.item === b.item && a.goods === b.goods);

/** The explained product as a buyable record: the shelf's, else what the `add_goods` field carried. */
export function explainingGoods(selection: ExplainingSelection): ShelfGoods | null {
  if (!selection) return null;
  const { item, goods } = selection;
  if (goods) return goods;
  const fallback: ShelfGoods = { id: item.id, title: item.title ?? '' };
  if (item.price !== undefined) fallback.price = item.price;
  if (item.image !== undefined) fallback.image = item.image;
  return fallback;
}
