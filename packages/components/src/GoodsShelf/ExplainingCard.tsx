import { View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { useRoom } from '../hooks/useRoom';
import { cx } from '../shared/cx';
import type { ErrorMessages } from '../shared/error-message';
import { formatPrice as defaultFormatPrice } from '../shared/format';
import { explainingGoods, sameExplaining, selectExplaining } from './explaining';
import { GoodsCard } from './GoodsCard';
import { DEFAULT_GOODS_LABELS, type GoodsLabels } from './labels';
import { type BuyHandler, useBuy } from './use-buy';
import '../theme/tokens.css';
import './GoodsShelf.css';

export interface ExplainingCardProps {
  /**
   * Places the order (your merchant API call); resolve when done, reject with an `Error` whose
   * message the viewer may read.
   */
  onBuy: BuyHandler;
  /** Cents → text. Default "¥12.90". */
  formatPrice?: (cents: number) => string;
  /** Show "Only N left" at or below this stock. Default 10. */
  lowStock?: number;
  labels?: Partial<GoodsLabels>;
  errorMessages?: ErrorMessages;
  className?: string;
  style?: CSSProperties;
}

/**
 * The "explaining now" card that floats over the video while the host presents a product (the
 * `add_goods` field, so it appears on every screen at once). Empty while nothing is explained.
 */
export function ExplainingCard(props: ExplainingCardProps) {
  const { className, style, formatPrice = defaultFormatPrice, lowStock = 10 } = props;
  const labels = { ...DEFAULT_GOODS_LABELS, ...props.labels };
  const explaining = useRoom(selectExplaining, sameExplaining);
  const { buy, stateOf } = useBuy(props.onBuy, props.errorMessages);
  const goods = explainingGoods(explaining);
  return (
    <View className={cx('ls-explaining', className)} style={style} data-state={goods ? 'visible' : 'hidden'}>
      {goods ? (
        <View key={goods.id} className="ls-explaining__card">
          <GoodsCard
            goods={goods}
            explaining
            buyState={stateOf(goods.id)}
            onBuy={buy}
            formatPrice={formatPrice}
            labels={labels}
            lowStock={lowStock}
          />
        </View>
      ) : null}
    </View>
  );
}
