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
  shelf: (count) => `Products (${count})`,
};

export interface PurchaseLabels {
  bought: (nick: string, title: string, quantity: number) => string;
  you: string;
  verified: string;
}

export const DEFAULT_PURCHASE_LABELS: PurchaseLabels = {
  bought: (nick, title, quantity) => `${nick} bought ${quantity > 1 ? `${quantity} × ` : ''}${title}`,
  you: 'You',
  verified: 'Verified',
};
