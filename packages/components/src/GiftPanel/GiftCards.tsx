import type { GiftCard } from '@livesell/core';
import { Image, Text, View } from '@tarojs/components';
import { type CSSProperties, memo, useMemo } from 'react';
import { useRoom } from '../hooks/useRoom';
import { cx } from '../shared/cx';
import { avatarInitial } from '../shared/initial';
import { safeImageSrc } from '../shared/safe-src';
import type { GiftItem } from './types';
import '../theme/tokens.css';
import './GiftPanel.css';

export interface GiftCardsLabels {
  sent: (name: string) => string;
  /** Text alternative of a sender's avatar image. */
  avatar: (nick: string) => string;
}

export const DEFAULT_GIFT_CARDS_LABELS: GiftCardsLabels = {
  sent: (name) => `sent ${name}`,
  avatar: (nick) => `${nick}'s avatar`,
};

export interface GiftCardsProps {
  /** The catalogue: icons, names and `big` come from here, never from the (untrusted) message. */
  gifts: readonly GiftItem[];
  /** Play the full-screen animation for `big` gifts. Default true. */
  burst?: boolean;
  labels?: Partial<GiftCardsLabels>;
  className?: string;
  style?: CSSProperties;
}

interface CardProps {
  card: GiftCard;
  gift: GiftItem | undefined;
  sent: string;
  avatarAlt: string;
}

const Card = memo(function Card({ card, gift, sent, avatarAlt }: CardProps) {
  const avatar = safeImageSrc(card.avatar);
  const icon = gift ? safeImageSrc(gift.icon) : '';
  return (
    <View className={cx('ls-gift-card', card.isSelf && 'ls-gift-card--self', gift?.big && 'ls-gift-card--big')}>
      {avatar ? (
        <Image className="ls-gift-card__avatar" src={avatar} mode="aspectFill" nativeProps={{ alt: avatarAlt }} />
      ) : (
        <View className="ls-gift-card__avatar ls-gift-card__avatar--empty" aria-hidden="true">
          {avatarInitial(card.nick, card.userID)}
        </View>
      )}
      <View className="ls-gift-card__text">
        <Text className="ls-gift-card__nick">{card.nick || card.userID}</Text>
        <Text className="ls-gift-card__what">{sent}</Text>
      </View>
      {icon ? (
        <Image className="ls-gift-card__icon" src={icon} mode="aspectFit" nativeProps={{ alt: gift?.name ?? '' }} />
      ) : (
        <View className="ls-gift-card__icon ls-gift-card__icon--generic" />
      )}
      {/* A new key per count restarts the bump animation. */}
      <Text key={card.count} className="ls-gift-card__count">
        ×{card.count}
      </Text>
    </View>
  );
});

/**
 * Incoming gifts as combo cards (same sender + same gift within 2 s → ×N, at most 4 cards, from the
 * store), and a light CSS animation across the screen for a `big` gift.
 */
export function GiftCards(props: GiftCardsProps) {
  const { gifts, burst = true, className, style } = props;
  const labels = { ...DEFAULT_GIFT_CARDS_LABELS, ...props.labels };
  const cards = useRoom((s) => s.gifts);
  const byID = useMemo(() => new Map(gifts.map((g) => [g.id, g])), [gifts]);

  let big: GiftCard | undefined;
  if (burst) {
    for (const card of cards) if (byID.get(card.giftID)?.big && (!big || card.updatedAt > big.updatedAt)) big = card;
  }
  const bigGift = big ? byID.get(big.giftID) : undefined;

  return (
    <View className={cx('ls-gift-cards', className)} style={style} aria-live="polite">
      <View className="ls-gift-cards__list">
        {cards.map((card) => {
          const gift = byID.get(card.giftID);
          return (
            <Card
              key={card.key}
              card={card}
              gift={gift}
              sent={labels.sent(gift?.name ?? card.name)}
              avatarAlt={labels.avatar(card.nick || card.userID)}
            />
          );
        })}
      </View>
      <View className="ls-gift-burst" aria-hidden="true">
        {big && bigGift ? (
          <View key={`${big.key}:${big.count}`} className="ls-gift-burst__item" data-gift={bigGift.id}>
            <Image
              className="ls-gift-burst__icon"
              src={safeImageSrc(bigGift.icon)}
              mode="aspectFit"
              nativeProps={{ alt: bigGift.name }}
            />
            <Text className="ls-gift-burst__caption">
              {big.nick || big.userID} · {bigGift.name} ×{big.count}
            </Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
