import { Text, View } from '@tarojs/components';
import type { CSSProperties } from 'react';
import { pressable } from '../shared/a11y';
import { cx } from '../shared/cx';
import { DEFAULT_REPLAY_LABELS, REPLAY_SPEEDS, type ReplayLabels } from './labels';
import { useReplayContext } from './useReplay';
import '../theme/tokens.css';
import './ReplayPlayer.css';

export interface ReplaySpeedProps {
  /** Default 0.5×, 1×, 1.25×, 1.5×, 2×. */
  speeds?: readonly number[];
  labels?: Partial<Pick<ReplayLabels, 'speed' | 'speedOption'>>;
  className?: string;
  style?: CSSProperties;
}

/** The replay's speed, 0.5× to 2×: a group of toggle buttons (Enter/Space on desktop). */
export function ReplaySpeed(props: ReplaySpeedProps) {
  const labels = { ...DEFAULT_REPLAY_LABELS, ...props.labels };
  const speeds = props.speeds ?? REPLAY_SPEEDS;
  const { rate, setRate } = useReplayContext();
  return (
    <View className={cx('ls-replay-speed', props.className)} style={props.style} role="group" aria-label={labels.speed}>
      {speeds.map((s) => (
        <View
          key={s}
          className={cx('ls-replay-speed__option', s === rate && 'ls-replay-speed__option--on')}
          data-rate={String(s)}
          {...pressable(labels.speedOption(s), () => setRate(s), { pressed: s === rate })}
        >
          <Text>{labels.speedOption(s)}</Text>
        </View>
      ))}
    </View>
  );
}
