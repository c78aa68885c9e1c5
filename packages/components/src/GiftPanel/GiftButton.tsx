import { View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import '../theme/tokens.css';
import './GiftPanel.css';

export interface GiftButtonProps {
  onPress: () => void;
  /** Accessible name. Default "Gifts". */
  label?: string;
  className?: string;
  style?: CSSProperties;
}

/** The round gift button that opens the `GiftPanel`. */
export function GiftButton({ onPress, label = 'Gifts', className, style }: GiftButtonProps) {
  return (
    <View className={cx('ls-gift-button', className)} style={style} {...pressable(label, onPress)}>
      <View className="ls-gift-button__icon" />
    </View>
  );
}
