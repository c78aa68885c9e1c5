import { type CouponStatus, type CouponView, couponStatus, LiveSellError, selectActiveCoupon } from '@livesell/core';
import { Text, View } from '@tarojs/components';
import { type CSSProperties, useRef, useState } from 'react';
import { useRoom, useRoomActions } from '../hooks/useRoom';
import { useRoomPhase } from '../hooks/useRoomPhase';
import { useServerNow } from '../hooks/useServerNow';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { describeError, type ErrorMessages } from '../shared/error-message';
import { formatPrice as defaultFormatPrice, formatCountdown } from '../shared/format';
import { type CouponLabels, DEFAULT_COUPON_LABELS } from './labels';
import '../theme/tokens.css';
import './CouponPopup.css';

/** What the app's claim handler may resolve with (the merchant API's claim response fits). */
export interface ClaimResult {
  /** Coupons left after this claim. */
  remaining?: number;
}

export interface CouponPopupProps {
  /**
   * Claims the coupon (your merchant API call). Resolve (optionally with `{ remaining }`) when
   * claimed; reject with an `Error` the viewer may read.
   */
  onClaim: (coupon: CouponView) => unknown;
  formatPrice?: (cents: number) => string;
  labels?: Partial<CouponLabels>;
  errorMessages?: ErrorMessages;
  className?: string;
  style?: CSSProperties;
}

export type CouponPopupState = CouponStatus | 'claiming' | 'ended';

type Attempt = { id: string; state: 'claiming' } | { id: string; state: 'error'; message: string };

/**
 * The coupon the host just issued: amount, minimum spend, stock left and a countdown on the
 * server's clock (the store's offset, so a wrong device clock does not matter). Claim goes through
 * `onClaim`; the button shows claiming / claimed / all claimed / expired. Dismissed, it shrinks to
 * a chip. Ticks once a second only while a coupon is shown.
 */
export function CouponPopup(props: CouponPopupProps) {
  const { className, style, formatPrice = defaultFormatPrice } = props;
  const labels = { ...DEFAULT_COUPON_LABELS, ...props.labels };
  const actions = useRoomActions();
  const coupons = useRoom((s) => s.coupons);
  const now = useServerNow(1000, coupons.length > 0);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const ended = useRoomPhase() === 'ended';
  // Keeps the coupon on screen once it is sold out or expired, until the viewer closes it.
  const lastShown = useRef<string | undefined>(undefined);

  const active = selectActiveCoupon({ coupons }, now);
  const coupon = active ?? coupons.find((c) => c.id === lastShown.current);
  lastShown.current = coupon?.id;

  const root = cx('ls-coupon', className);
  if (!coupon) return <View className={root} style={style} data-state="none" />;

  const status = couponStatus(coupon, now);
  const mine = attempt?.id === coupon.id ? attempt : null;
  // After the show the server takes no more claims; a coupon already claimed stays claimed.
  const state: CouponPopupState =
    ended && status !== 'claimed'
      ? 'ended'
      : mine?.state === 'claiming' && status === 'available'
        ? 'claiming'
        : status;
  const amount = formatPrice(coupon.amount);

  const claim = async () => {
    if (attempt?.state === 'claiming') return;
    setAttempt({ id: coupon.id, state: 'claiming' });
    try {
      const result = (await props.onClaim(coupon)) as ClaimResult | null | undefined;
      const remaining = result && typeof result === 'object' ? result.remaining : undefined;
      actions.markCouponClaimed(coupon.id, typeof remaining === 'number' ? remaining : undefined);
      setAttempt(null);
    } catch (cause) {
      // The merchant API says this user holds it already (another device, a lost response).
      if (LiveSellError.is(cause, 'ALREADY_CLAIMED')) {
        actions.markCouponClaimed(coupon.id);
        setAttempt(null);
        return;
      }
      setAttempt({ id: coupon.id, state: 'error', message: describeError(cause, props.errorMessages) });
    }
  };

  if (dismissed.has(coupon.id)) {
    return (
      <View className={root} style={style} data-state="minimized">
        <View
          className={cx('ls-coupon__chip', `ls-coupon__chip--${state}`)}
          {...pressable(labels.reopen(amount), () => {
            const next = new Set(dismissed);
            next.delete(coupon.id);
            setDismissed(next);
          })}
        >
          <View className="ls-coupon__ticket" />
          <Text className="ls-coupon__chip-amount">{amount}</Text>
        </View>
      </View>
    );
  }

  const button =
    state === 'claiming'
      ? labels.claiming
      : state === 'claimed'
        ? labels.claimed
        : state === 'sold-out'
          ? labels.soldOut
          : state === 'expired'
            ? labels.expired
            : state === 'ended'
              ? labels.ended
              : labels.claim;
  const left = Math.max(0, coupon.remaining);
  const percent = coupon.stock > 0 ? Math.round((left / coupon.stock) * 100) : 0;

  return (
    <View className={root} style={style} data-state={state}>
      <View
        key={coupon.id}
        className={`ls-coupon__card ls-coupon__card--${state}`}
        role="dialog"
        aria-label={labels.title}
      >
        <View
          className="ls-coupon__close"
          {...pressable(labels.close, () => setDismissed(new Set(dismissed).add(coupon.id)))}
        >
          ×
        </View>
        <View className="ls-coupon__value">
          <Text className="ls-coupon__amount">{amount}</Text>
          <Text className="ls-coupon__threshold">
            {labels.threshold(coupon.threshold > 0 ? formatPrice(coupon.threshold) : null)}
          </Text>
        </View>
        <View className="ls-coupon__body">
          <Text className="ls-coupon__title">{coupon.title || labels.title}</Text>
          <Text className="ls-coupon__countdown" data-state={status === 'expired' ? 'over' : 'running'}>
            {labels.endsIn(formatCountdown(coupon.expiresAt - now))}
          </Text>
          <View className="ls-coupon__stock">
            <View className="ls-coupon__bar">
              <View className="ls-coupon__fill" style={{ width: `${percent}%` }} />
            </View>
            <Text className="ls-coupon__left">{labels.left(left, coupon.stock)}</Text>
          </View>
          <View
            className={cx('ls-coupon__claim', `ls-coupon__claim--${state}`)}
            data-state={state}
            {...pressable(button, () => void claim(), { disabled: state !== 'available', busy: state === 'claiming' })}
          >
            {button}
          </View>
          {mine?.state === 'error' ? (
            <Text className="ls-coupon__error" {...{ role: 'alert' }}>
              {mine.message}
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  );
}
