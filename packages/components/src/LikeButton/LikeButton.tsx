import type { LiveSellError } from '@livesell/core';
import { Text, View } from '@tarojs/components';
import { type CSSProperties, memo, useState } from 'react';
import { useRoom, useRoomActions } from '../hooks/useRoom';
import { useRoomContext } from '../hooks/useRoomContext';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { formatCount } from '../shared/format';
import { toLiveSellError } from '../shared/to-live-sell-error';
import { createHearts, type HeartSlot, isRising, tapHeart } from './hearts';
import '../theme/tokens.css';
import './LikeButton.css';

export interface LikeLabels {
  /** Accessible name; gets the formatted total. */
  like: (total: string) => string;
}

export const DEFAULT_LIKE_LABELS: LikeLabels = {
  like: (total) => `Like (${total} likes)`,
};

export interface LikeButtonProps {
  className?: string;
  style?: CSSProperties;
  /** Hearts on screen at most; further taps add to a "+N" counter. Default 30. */
  maxHearts?: number;
  /** How long a heart floats (keep in step with the CSS animation). Default 1600 ms. */
  heartMs?: number;
  /** Sent with the like (`liveSell.like(extension)`). */
  extension?: string;
  labels?: Partial<LikeLabels>;
  onLike?: () => void;
  /** A like that could not be sent (the heart still shows). */
  onError?: (error: LiveSellError) => void;
}

const Heart = memo(function Heart({ slot, rising }: { slot: HeartSlot; rising: boolean }) {
  // Alternating keyframes (by generation) restart the animation on the same node.
  return (
    <View
      className={cx(
        'ls-like__heart',
        `ls-like__heart--v${slot.variant}`,
        rising && `ls-like__heart--rise${slot.gen % 2}`,
      )}
      data-state={rising ? 'rising' : 'idle'}
    />
  );
});

/**
 * The like button: every tap floats a heart at once (at most `maxHearts` on screen, the rest
 * merged into a "+N" counter) and goes to `liveSell.like()`, which sends the taps of ~2 s as one
 * Low-priority message. Shows the room's like total from the store. No timers: hearts fade by CSS.
 */
export function LikeButton(props: LikeButtonProps) {
  const { className, style, maxHearts = 30, heartMs = 1600, extension } = props;
  const labels = { ...DEFAULT_LIKE_LABELS, ...props.labels };
  const { clock } = useRoomContext();
  const actions = useRoomActions();
  const total = useRoom((s) => s.likeTotal);
  const [hearts, setHearts] = useState(() => createHearts(maxHearts));
  const now = clock.now();

  const tap = () => {
    setHearts((h) => tapHeart(h, clock.now(), heartMs));
    props.onLike?.();
    actions.like(extension).catch((cause: unknown) => props.onError?.(toLiveSellError(cause)));
  };

  const shown = formatCount(total);
  return (
    <View className={cx('ls-like', className)} style={style}>
      <View className="ls-like__stage" aria-hidden="true">
        {hearts.slots.map((slot, i) => (
          // Slot index is the identity: slots are reused, never reordered.
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed slots, see above
          <Heart key={i} slot={slot} rising={isRising(slot, now, heartMs)} />
        ))}
      </View>
      <Text
        className={cx(
          'ls-like__extra',
          hearts.extra > 0 ? `ls-like__extra--pop${hearts.extra % 2}` : 'ls-like__extra--hidden',
        )}
        data-state={hearts.extra > 0 ? 'visible' : 'hidden'}
        aria-hidden="true"
      >
        +{hearts.extra}
      </Text>
      <View className="ls-like__button" {...pressable(labels.like(shown), tap)}>
        <View className={cx('ls-like__icon', hearts.taps > 0 && `ls-like__icon--tap${hearts.taps % 2}`)} />
      </View>
      <Text className="ls-like__count">{shown}</Text>
    </View>
  );
}
