import { Video } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import type { ReplayVideoProps } from './replay-video-types';

interface TimeDetail {
  currentTime?: number;
}
interface ErrorDetail {
  errMsg?: string;
}

function videoContext(id: string): Taro.VideoContext | undefined {
  try {
    return typeof Taro.createVideoContext === 'function' ? Taro.createVideoContext(id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * weapp: the native `<video>` (MP4 and HLS). `bindtimeupdate` drives the playhead (about every
 * 250 ms); a jump within the same recording and the speed go through its `VideoContext`.
 */
export function ReplayVideo(props: ReplayVideoProps) {
  const { id, src, start, rate } = props;
  const first = useRef({ src, nonce: start.nonce });

  useEffect(() => {
    // A new src starts at `initialTime`; a new nonce on the same src is a seek.
    if (first.current.src === src && first.current.nonce === start.nonce) return;
    const sameSrc = first.current.src === src;
    first.current = { src, nonce: start.nonce };
    const ctx = videoContext(id);
    if (sameSrc && typeof ctx?.seek === 'function') ctx.seek(start.offset);
  }, [id, src, start.nonce, start.offset]);

  useEffect(() => {
    const ctx = videoContext(id);
    if (typeof ctx?.playbackRate === 'function') ctx.playbackRate(rate);
  }, [id, rate]);

  return (
    <Video
      id={id}
      className={props.className}
      src={src}
      initialTime={start.offset}
      autoplay={props.autoplay}
      muted={props.muted}
      controls
      showFullscreenBtn={false}
      objectFit="contain"
      title={props.label}
      onTimeUpdate={(e) => {
        const t = (e.detail as TimeDetail | undefined)?.currentTime;
        if (typeof t === 'number') props.onTime(t);
      }}
      onEnded={() => props.onEnded()}
      onError={(e) => props.onError((e.detail as ErrorDetail | undefined)?.errMsg ?? 'video error')}
    />
  );
}
