import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { useRoom } from '../hooks/useRoom';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { DEFAULT_GOODS_LABELS, type GoodsLabels } from './labels';
import '../theme/tokens.css';
import './GoodsShelf.css';

export interface ShelfButtonProps {
  onPress: () => void;
  labels?: Partial<Pick<GoodsLabels, 'shelf'>>;
  className?: string;
  style?: CSSProperties;
}

/** The shopping-bag button that opens the shelf, with the number of products on sale. */
export function ShelfButton({ onPress, labels, className, style }: ShelfButtonProps) {
  const count = useRoom((s) => s.goods.reduce((n, g) => (g.status === 'on' ? n + 1 : n), 0));
  const label = (labels?.shelf ?? DEFAULT_GOODS_LABELS.shelf)(count);
  return (
    <View className={cx('ls-shelf-button', className)} style={style} {...pressable(label, onPress)}>
      <View className="ls-shelf-button__icon" />
      <Text className={cx('ls-shelf-button__count', count === 0 && 'ls-shelf-button__count--hidden')}>{count}</Text>
    </View>
  );
}
