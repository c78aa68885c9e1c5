import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { useMemo } from 'react';
import { useRoom } from '../hooks/useRoom';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import type { ErrorMessages } from '../shared/error-message';
import { formatPrice as defaultFormatPrice } from '../shared/format';
import { useControllableState } from '../shared/use-controllable-state';
import { explainingGoods, sameExplaining, selectExplaining } from './explaining';
import { GoodsCard, shelfOrder } from './GoodsCard';
import { DEFAULT_GOODS_LABELS, type GoodsLabels } from './labels';
import { type BuyHandler, useBuy } from './use-buy';
import '../theme/tokens.css';
import './GoodsShelf.css';

export interface GoodsShelfProps {
  /**
   * Places the order (your merchant API call); resolve when done, reject with an `Error` whose
   * message the viewer may read.
   */
  onBuy: BuyHandler;
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
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
 * The product shelf, a bottom sheet: the product being explained pinned on top (from `add_goods`),
 * then every product on sale with image, price, stock and a buy button that calls `onBuy`.
 * Goods come from the store (`actions.setGoods` with the merchant API's list).
 */
export function GoodsShelf(props: GoodsShelfProps) {
  const { className, style, formatPrice = defaultFormatPrice, lowStock = 10 } = props;
  const labels = { ...DEFAULT_GOODS_LABELS, ...props.labels };
  const [open, setOpen] = useControllableState(props.open, props.defaultOpen ?? false, props.onOpenChange);
  const goods = useRoom((s) => s.goods);
  const explaining = useRoom(selectExplaining, sameExplaining);
  const { buy, stateOf } = useBuy(props.onBuy, props.errorMessages);
  const list = useMemo(() => shelfOrder(goods), [goods]);
  const pinned = explainingGoods(explaining);

  return (
    <View
      className={cx('ls-shelf', open && 'ls-shelf--open', className)}
      style={style}
      data-state={open ? 'open' : 'closed'}
    >
      {open ? (
        <View className="ls-shelf__layer">
          <View className="ls-shelf__backdrop" onClick={() => setOpen(false)} />
          <View className="ls-shelf__sheet" role="dialog" aria-label={labels.title(list.length)}>
            <View className="ls-shelf__header">
              <Text className="ls-shelf__title">{labels.title(list.length)}</Text>
              <View className="ls-shelf__close" {...pressable(labels.close, () => setOpen(false))}>
                ×
              </View>
            </View>
            <View className="ls-shelf__list">
              {pinned ? (
                <View className="ls-shelf__pinned">
                  <GoodsCard
                    goods={pinned}
                    explaining
                    buyState={stateOf(pinned.id)}
                    onBuy={buy}
                    formatPrice={formatPrice}
                    labels={labels}
                    lowStock={lowStock}
                  />
                </View>
              ) : null}
              {list.map((g, i) =>
                g.id === pinned?.id ? null : (
                  <GoodsCard
                    key={g.id}
                    goods={g}
                    index={i + 1}
                    explaining={false}
                    buyState={stateOf(g.id)}
                    onBuy={buy}
                    formatPrice={formatPrice}
                    labels={labels}
                    lowStock={lowStock}
                  />
                ),
              )}
              {list.length === 0 && !pinned ? <Text className="ls-shelf__empty">{labels.empty}</Text> : null}
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}
