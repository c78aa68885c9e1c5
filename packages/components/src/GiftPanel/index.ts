export { GiftButton, type GiftButtonProps } from './GiftButton';
export { DEFAULT_GIFT_CARDS_LABELS, GiftCards, type GiftCardsLabels, type GiftCardsProps } from './GiftCards';
export { DEFAULT_GIFT_PANEL_LABELS, GiftPanel, type GiftPanelLabels, type GiftPanelProps } from './GiftPanel';
export { type GiftItem, giftExtension } from './types';
