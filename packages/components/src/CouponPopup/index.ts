export { type ClaimResult, CouponPopup, type CouponPopupProps, type CouponPopupState } from './CouponPopup';
export { type CouponLabels, DEFAULT_COUPON_LABELS } from './labels';
