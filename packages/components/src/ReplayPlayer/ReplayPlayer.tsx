import { serverTimeAt } from '@livesell/core/replay';
import { Text, View } from '@tarojs/components';
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react';
import { useStableId } from '../media-shared/stable-id';
import { cx } from '../shared/cx';
import { DEFAULT_REPLAY_LABELS, type ReplayLabels } from './labels';
import { ReplayVideo } from './replay-video';
import { useReplay, useReplayContext } from './useReplay';
import '../theme/tokens.css';
import './ReplayPlayer.css';

export interface ReplayPlayerProps {
  /** Start playing once loaded. Default true. */
  autoplay?: boolean;
  /** Default false (browsers may refuse to autoplay sound: pass true for an autoplaying page). */
  muted?: boolean;
  labels?: Partial<ReplayLabels>;
  className?: string;
  style?: CSSProperties;
  /** Overlays above the video: `DanmakuList`, `ExplainingCard`, gift cards … */
  children?: ReactNode;
  onError?: (message: string) => void;
}

/**
 * Plays a room's recording: the native `<video>` on weapp (its `bindtimeupdate` drives the
 * playhead), a `<video>` on H5 (hls.js only for an HLS recording, loaded on first use). Each
 * position of the video is mapped to server time (`segment.startedAt + currentTime`), and the
 * `ReplayProvider`'s store replays the chat, gifts, purchases and explained goods of that moment;
 * at the end of one pushed segment the next plays. Inside a `ReplayProvider`.
 */
export function ReplayPlayer(props: ReplayPlayerProps) {
  const { autoplay = true, muted = false, className, style, children } = props;
  const labels = { ...DEFAULT_REPLAY_LABELS, ...props.labels };
  const { store, target, rate } = useReplayContext();
  const status = useReplay((s) => s.status);
  const segments = useReplay((s) => s.segments);
  const name = useReplay((s) => s.info?.name ?? '');
  const error = useReplay((s) => s.error);
  const id = useStableId('ls-replay');
  const nonce = useRef(0);
  const [at, setAt] = useState({ segment: 0, offset: 0, nonce: 0 });
  const [mediaError, setMediaError] = useState('');
  const latest = useRef(props);
  latest.current = props;

  // A chapter tap (or any `seekTo`): move the video there.
  useEffect(() => {
    if (target.nonce === 0) return;
    nonce.current++;
    setAt({ segment: target.segment, offset: target.offset, nonce: nonce.current });
  }, [target]);

  const segment = segments[at.segment];
  const onTime = (seconds: number) => store.setPlayhead(serverTimeAt(segments, at.segment, seconds));
  const onEnded = () => {
    const next = at.segment + 1;
    if (next >= segments.length) return;
    nonce.current++;
    setAt({ segment: next, offset: 0, nonce: nonce.current });
    store.setPlayhead(segments[next]!.startedAt);
  };
  const onError = (message: string) => {
    setMediaError(message);
    latest.current.onError?.(message);
  };

  const state =
    status === 'error' ? 'error' : status !== 'ready' ? 'loading' : segments.length === 0 ? 'empty' : 'ready';
  return (
    <View
      className={cx('ls-replay', `ls-replay--${state}`, className)}
      style={style}
      data-state={state}
      data-segment={String(at.segment)}
      role="region"
      aria-label={labels.player(name)}
    >
      {segment ? (
        <ReplayVideo
          id={id}
          className="ls-replay__video"
          src={segment.url}
          start={{ offset: at.offset, nonce: at.nonce }}
          rate={rate}
          autoplay={autoplay}
          muted={muted}
          label={labels.player(name)}
          onTime={onTime}
          onEnded={onEnded}
          onError={onError}
        />
      ) : null}
      {state !== 'ready' || mediaError ? (
        <View className="ls-replay__slate" aria-live="polite">
          <Text className="ls-replay__slate-text">
            {state === 'error'
              ? labels.error(error ?? '')
              : state === 'empty'
                ? labels.empty
                : mediaError
                  ? labels.error(mediaError)
                  : labels.loading}
          </Text>
        </View>
      ) : null}
      <View className="ls-replay__layer">{children}</View>
    </View>
  );
}
