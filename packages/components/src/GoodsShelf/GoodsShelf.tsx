import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { useRoom } from '../hooks/useRoom';
import { useStableId } from '../media-shared/stable-id';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { formatPrice as defaultFormatPrice } from '../shared/format';
import { useControllableState } from '../shared/use-controllable-state';
import { useDialogFocus } from '../shared/use-dialog-focus';
import type { ExplainingCardProps } from './ExplainingCard';
import { explainingGoods, sameExplaining, selectExplaining } from './explaining';
import { GoodsCard, shelfOrder } from './GoodsCard';
import { DEFAULT_GOODS_LABELS } from './labels';
import { useBuy } from './use-buy';
import '../theme/tokens.css';
import './GoodsShelf.css';

/** The explaining card's props (buy handler, price format, labels …) plus the sheet's open state. */
export interface GoodsShelfProps extends ExplainingCardProps {
  open?: boolean;
  defaultOpen?: boolean;
  onOpenChange?: (open: boolean) => void;
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
  const sheetID = useStableId('ls-shelf');
  useDialogFocus(sheetID, open, () => setOpen(false));
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
          <View
            id={sheetID}
            className="ls-shelf__sheet"
            role="dialog"
            aria-modal="true"
            aria-label={labels.title(list.length)}
          >
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
