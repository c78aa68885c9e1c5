import { View } from '@tarojs/components';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import type { GoodsLabels } from './labels';
import type { BuyState } from './use-buy';

export interface BuyButtonProps {
  state: BuyState;
  soldOut: boolean;
  label: string;
  labels: GoodsLabels;
  onBuy: () => void;
  compact?: boolean;
  /** The show has ended: the button is disabled and says so (orders already placed stay on the server). */
  ended?: boolean;
}

/** The buy button of a product: idle, pending, done, error or sold out. */
export function BuyButton({ state, soldOut, label, labels, onBuy, compact, ended }: BuyButtonProps) {
  const phase = ended ? 'ended' : soldOut ? 'sold-out' : state.state;
  const text =
    phase === 'ended'
      ? labels.ended
      : phase === 'sold-out'
        ? labels.soldOut
        : phase === 'pending'
          ? labels.buying
          : phase === 'done'
            ? labels.bought
            : labels.buy;
  return (
    <View
      className={cx('ls-buy', `ls-buy--${phase}`, compact && 'ls-buy--compact')}
      data-state={phase}
      {...pressable(phase === 'ended' ? `${label}: ${labels.ended}` : label, onBuy, {
        disabled: soldOut || phase === 'pending' || phase === 'ended',
        busy: phase === 'pending',
      })}
    >
      {text}
    </View>
  );
}
