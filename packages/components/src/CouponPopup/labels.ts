export interface CouponLabels {
  title: string;
  /** "Orders over ¥50" or "No minimum". */
  threshold: (threshold: string | null) => string;
  left: (remaining: number, stock: number) => string;
  endsIn: (countdown: string) => string;
  claim: string;
  claiming: string;
  claimed: string;
  soldOut: string;
  expired: string;
  /** The claim button once the show has ended (the server takes no more claims). */
  ended: string;
  close: string;
  /** The chip that brings a dismissed coupon back. */
  reopen: (amount: string) => string;
}

export const DEFAULT_COUPON_LABELS: CouponLabels = {
  title: 'Live coupon',
  threshold: (threshold) => (threshold ? `Orders over ${threshold}` : 'No minimum spend'),
  left: (remaining, stock) => `${remaining} of ${stock} left`,
  endsIn: (countdown) => `Ends in ${countdown}`,
  claim: 'Claim',
  claiming: 'Claiming…',
  claimed: 'Claimed ✓',
  soldOut: 'All claimed',
  expired: 'Expired',
  ended: 'Show ended',
  close: 'Close coupon',
  reopen: (amount) => `Coupon ${amount}`,
};
