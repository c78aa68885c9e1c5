export interface GoodsLabels {
  title: (count: number) => string;
  close: string;
  explaining: string;
  buy: string;
  buying: string;
  bought: string;
  soldOut: string;
  /** The buy button once the show has ended (the server takes no more orders). */
  ended: string;
  /** Stock hint when few are left. */
  left: (stock: number) => string;
  sold: (sold: number) => string;
  /** Accessible name of a buy button. */
  buyLabel: (title: string, price: string) => string;
  empty: string;
  /** The shelf button. */
  shelf: (count: number) => string;
}

export const DEFAULT_GOODS_LABELS: GoodsLabels = {
  title: (count) => `Products (${count})`,
  close: 'Close products',
  explaining: 'Explaining',
  buy: 'Buy',
  buying: 'Ordering…',
  bought: 'Ordered ✓',
  soldOut: 'Sold out',
  ended: 'Show ended',
  left: (stock) => `Only ${stock} left`,
  sold: (sold) => `${sold} sold`,
  buyLabel: (title, price) => `Buy ${title}, ${price}`,
  empty: 'No products yet',
  // The count the button shows comes right after a word, not in brackets, so the spoken name contains it.
  shelf: (count) => `Products, ${count} on sale`,
};

export interface PurchaseLabels {
  bought: (nick: string, title: string, quantity: number) => string;
  /** A burst the server merged: `count` purchases of `title`, the newest by `nick`. */
  boughtMany: (count: number, title: string, nick: string) => string;
  you: string;
  verified: string;
}

export const DEFAULT_PURCHASE_LABELS: PurchaseLabels = {
  bought: (nick, title, quantity) => `${nick} bought ${quantity > 1 ? `${quantity} × ` : ''}${title}`,
  boughtMany: (count, title) => `+${count} bought ${title}`,
  you: 'You',
  verified: 'Verified',
};
