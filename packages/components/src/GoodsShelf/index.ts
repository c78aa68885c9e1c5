export { ExplainingCard, type ExplainingCardProps } from './ExplainingCard';
export { GoodsShelf, type GoodsShelfProps } from './GoodsShelf';
export { DEFAULT_GOODS_LABELS, DEFAULT_PURCHASE_LABELS, type GoodsLabels, type PurchaseLabels } from './labels';
export { PurchaseTicker, type PurchaseTickerProps } from './PurchaseTicker';
export { ShelfButton, type ShelfButtonProps } from './ShelfButton';
export type { BuyHandler, ShelfGoods } from './use-buy';
