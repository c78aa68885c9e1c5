import type { GiftPayload, JsonObject } from '../live-sell/index';
import { clip, quantity } from '../live-sell/wire';
import { or } from '../or';

/** A gift combo card: one sender sending one gift, possibly many times in a row (×count). */
export interface GiftCard {
  /** Unique per card for its whole life. */
  key: string;
  userID: string;
  nick: string;
  avatar: string;
  isSelf: boolean;
  /** What identifies the gift: the extension's `id` / `giftID` / `name`, else the raw extension. */
  giftID: string;
  name: string;
  /** The gift object from the extension, when it was JSON. */
  gift: JsonObject | undefined;
  /** Gifts in this combo (a message may carry a `count`). */
  count: number;
  startedAt: number;
  updatedAt: number;
}

const MAX_GIFT_COUNT = 9999;

/** Identity, display name and count of a received gift; untrusted extension, so all checked. */
export function describeGift(payload: GiftPayload): { giftID: string; name: string; count: number } {
  const gift = payload.gift || {};
  const giftID =
    clip(gift.id, 64) ||
    (typeof gift.id === 'number' ? String(gift.id) : '') ||
    clip(gift.giftID, 64) ||
    clip(gift.name, 64) ||
    payload.value.slice(0, 64) ||
    'gift';
  const name = clip(gift.name, 32) || clip(gift.title, 32) || giftID;
  return { giftID, name, count: quantity(gift.count, MAX_GIFT_COUNT) };
}

export interface GiftCardRules {
  comboMs: number;
  cardMs: number;
  maxCards: number;
}

/**
 * Adds a gift to the cards: same sender + same gift within `comboMs` of the card's last gift
 * bumps that card (merged); otherwise a new card, replacing the stalest when full (shown).
 */
export function addGift(
  cards: readonly GiftCard[],
  payload: GiftPayload,
  now: number,
  rules: GiftCardRules,
  nextKey: () => string,
): { cards: GiftCard[]; merged: boolean } {
  const { giftID, name, count } = describeGift(payload);
  const index = cards.findIndex(
    (c) => c.userID === payload.userID && c.giftID === giftID && now - c.updatedAt <= rules.comboMs,
  );
  if (index >= 0) {
    const card = cards[index]!;
    const next = cards.slice();
    next[index] = Object.assign({}, card, { count: Math.min(card.count + count, MAX_GIFT_COUNT), updatedAt: now });
    return { cards: next, merged: true };
  }
  const card: GiftCard = {
    key: nextKey(),
    userID: payload.userID,
    nick: payload.nick,
    avatar: payload.avatar,
    isSelf: payload.isSelf,
    giftID,
    name,
    gift: payload.gift,
    count,
    startedAt: now,
    updatedAt: now,
  };
  const next = [...cards, card];
  while (next.length > rules.maxCards) {
    let stalest = 0;
    for (let i = 1; i < next.length - 1; i++) if (next[i]!.updatedAt < next[stalest]!.updatedAt) stalest = i;
    next.splice(stalest, 1);
  }
  return { cards: next, merged: false };
}

/** Cards still on screen at `now`, and when the next one leaves (or undefined). */
export function expireGiftCards(
  cards: readonly GiftCard[],
  now: number,
  cardMs: number,
): { cards: readonly GiftCard[]; nextExpiry: number | undefined } {
  const alive = cards.filter((c) => now - c.updatedAt < cardMs);
  let nextExpiry: number | undefined;
  for (const c of alive) nextExpiry = Math.min(or(nextExpiry, Infinity), c.updatedAt + cardMs);
  return { cards: alive.length === cards.length ? cards : alive, nextExpiry };
}
