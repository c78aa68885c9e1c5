import type { MerchantGoods } from '@livesell/core';
import { Image, Text, View } from '@tarojs/components';
import { useOptionalRoomPhase } from '../hooks/useRoomPhase';
import { cx } from '../shared/cx';
import { safeImageSrc } from '../shared/safe-src';
import { BuyButton } from './BuyButton';
import type { GoodsLabels } from './labels';
import type { BuyState, ShelfGoods } from './use-buy';

export interface GoodsCardProps {
  goods: ShelfGoods;
  /** 1-based position on the shelf ("#3"), as hosts call products by number. */
  index?: number;
  explaining: boolean;
  buyState: BuyState;
  onBuy: (goods: ShelfGoods) => void;
  formatPrice: (cents: number) => string;
  labels: GoodsLabels;
  /** Few-left hint at or below this stock. */
  lowStock: number;
}

const ALERT = { role: 'alert' };

export function GoodsCard({
  goods,
  index,
  explaining,
  buyState,
  onBuy,
  formatPrice,
  labels,
  lowStock,
}: GoodsCardProps) {
  const soldOut = goods.stock !== undefined && goods.stock <= 0;
  // Once the show has ended the server takes no more orders: say so instead of failing on tap.
  const ended = useOptionalRoomPhase() === 'ended';
  const price = goods.price !== undefined ? formatPrice(goods.price) : '';
  const original =
    goods.originalPrice != null && goods.price !== undefined && goods.originalPrice > goods.price
      ? formatPrice(goods.originalPrice)
      : '';
  const stock = soldOut
    ? labels.soldOut
    : goods.stock !== undefined && goods.stock <= lowStock
      ? labels.left(goods.stock)
      : goods.sold
        ? labels.sold(goods.sold)
        : '';
  const image = safeImageSrc(goods.image);
  const state = soldOut ? 'sold-out' : explaining ? 'explaining' : 'on';
  return (
    <View className={cx('ls-goods', `ls-goods--${state}`)} data-state={state} data-goods={goods.id}>
      <View className="ls-goods__media">
        {image ? (
          <Image className="ls-goods__image" src={image} mode="aspectFill" nativeProps={{ alt: goods.title }} />
        ) : (
          <View className="ls-goods__image" />
        )}
        {index !== undefined ? <Text className="ls-goods__index">{index}</Text> : null}
        {explaining ? <Text className="ls-goods__live">{labels.explaining}</Text> : null}
        {soldOut ? <Text className="ls-goods__mask">{labels.soldOut}</Text> : null}
      </View>
      <View className="ls-goods__info">
        <Text className="ls-goods__title">{goods.title}</Text>
        <Text
          className={cx(
            'ls-goods__stock',
            soldOut || (goods.stock !== undefined && goods.stock <= lowStock) ? 'ls-goods__stock--low' : '',
          )}
        >
          {stock}
        </Text>
        <View className="ls-goods__bottom">
          <View className="ls-goods__prices">
            <Text className="ls-goods__price">{price}</Text>
            {original ? <Text className="ls-goods__original">{original}</Text> : null}
          </View>
          <BuyButton
            state={buyState}
            soldOut={soldOut}
            label={labels.buyLabel(goods.title, price)}
            labels={labels}
            onBuy={() => onBuy(goods)}
            ended={ended}
          />
        </View>
        {buyState.state === 'error' ? (
          <Text className="ls-goods__error" {...ALERT}>
            {buyState.message}
          </Text>
        ) : null}
      </View>
    </View>
  );
}

/** On the shelf and buyable (status `on`), in shelf order. */
export function shelfOrder(goods: readonly MerchantGoods[]): MerchantGoods[] {
  return goods.filter((g) => g.status === 'on').sort((a, b) => a.position - b.position);
}
