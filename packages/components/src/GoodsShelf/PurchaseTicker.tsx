import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { useRoom } from '../hooks/useRoom';
import { cx } from '../shared/cx';
import { DEFAULT_PURCHASE_LABELS, type PurchaseLabels } from './labels';
import '../theme/tokens.css';
import './GoodsShelf.css';

export interface PurchaseTickerProps {
  labels?: Partial<PurchaseLabels>;
  /** Show purchases a viewer's client claimed but the merchant server did not announce. Default true. */
  showUnverified?: boolean;
  className?: string;
  style?: CSSProperties;
}

/**
 * "A bought X": the latest purchase slides in over the video and fades by CSS. Purchases the
 * merchant server announced carry a verified mark; a viewer's own claim does not.
 */
export function PurchaseTicker(props: PurchaseTickerProps) {
  const { className, style, showUnverified = true } = props;
  const labels = { ...DEFAULT_PURCHASE_LABELS, ...props.labels };
  const latest = useRoom((s) => {
    for (let i = s.purchases.length - 1; i >= 0; i--) {
      const p = s.purchases[i];
      if (p && (p.verified || showUnverified)) return p;
    }
    return undefined;
  });
  return (
    <View className={cx('ls-purchase', className)} style={style} aria-live="polite">
      {latest ? (
        <View
          key={latest.key}
          className={cx(
            'ls-purchase__item',
            latest.verified ? 'ls-purchase__item--verified' : 'ls-purchase__item--unverified',
          )}
          data-state={latest.verified ? 'verified' : 'unverified'}
        >
          <View className="ls-purchase__icon" />
          <Text className="ls-purchase__text">
            {latest.merged > 1
              ? labels.boughtMany(latest.merged, latest.title, latest.nick || latest.userID)
              : labels.bought(latest.isSelf ? labels.you : latest.nick || latest.userID, latest.title, latest.quantity)}
          </Text>
          {latest.verified ? <Text className="ls-purchase__verified">✓ {labels.verified}</Text> : null}
        </View>
      ) : null}
    </View>
  );
}
