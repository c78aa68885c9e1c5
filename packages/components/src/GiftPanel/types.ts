/** A gift in the app's catalogue. */
export interface GiftItem {
  id: string;
  name: string;
  /** Image URL (or data: URI) of the gift. */
  icon: string;
  /** Price in the app's unit (cents by default, see `formatPrice`). */
  price: number;
  /** Plays the full-screen animation when received. */
  big?: boolean;
}

/** What the gift message carries: receivers look the gift up in their own catalogue by `id`. */
export function giftExtension(gift: GiftItem, count = 1): string {
  return JSON.stringify({ id: gift.id, name: gift.name, count });
}
