import { type CSSProperties, useEffect, useRef } from 'react';
import { defaultPlaybackLoaders, type HlsInstanceLike, type PlaybackLoaders } from '../media-shared/loaders';
import type { ReplayVideoProps } from './replay-video-types';

const videoStyle: CSSProperties = { display: 'block', width: '100%', height: '100%', backgroundColor: '#000' };

/** Loaders for tests (a fake hls.js); the page uses the lazy `import()`s. */
export const replayLoaders: { current: PlaybackLoaders } = { current: defaultPlaybackLoaders };

const isHls = (url: string) => /\.m3u8(\?|#|$)/i.test(url);

/**
 * H5: a `<video>` with the browser's controls (keyboard and screen readers included). MP4 plays
 * natively; an HLS recording uses native HLS where the browser has it, else hls.js, imported on
 * first use only.
 */
export function ReplayVideo(props: ReplayVideoProps) {
  const video = useRef<HTMLVideoElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const { src, rate } = props;

  // Source: set (or hls.js attached) per src; start at `start.offset`.
  useEffect(() => {
    const v = video.current;
    if (!v || !src) return;
    let hls: HlsInstanceLike | undefined;
    let cancelled = false;
    const begin = () => {
      const offset = latest.current.start.offset;
      if (offset > 0 && Math.abs(v.currentTime - offset) > 0.25) v.currentTime = offset;
      v.playbackRate = latest.current.rate;
      if (latest.current.autoplay) v.play().catch(() => undefined);
    };
    v.addEventListener('loadedmetadata', begin, { once: true });
    if (isHls(src) && !v.canPlayType('application/vnd.apple.mpegurl')) {
      replayLoaders.current.hls().then(
        (Hls) => {
          if (cancelled) return;
          if (!Hls.isSupported()) {
            latest.current.onError('this browser cannot play HLS');
            return;
          }
          hls = new Hls({ startPosition: latest.current.start.offset });
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (data.fatal) latest.current.onError(`hls.js: ${data.details}`);
          });
          hls.loadSource(src);
          hls.attachMedia(v);
        },
        (error: unknown) => latest.current.onError(String(error)),
      );
    } else {
      v.src = src;
      v.load();
    }
    return () => {
      cancelled = true;
      v.removeEventListener('loadedmetadata', begin);
      hls?.destroy();
      v.removeAttribute('src');
    };
  }, [src]);

  // A seek on the same source.
  const nonce = props.start.nonce;
  const seen = useRef(nonce);
  useEffect(() => {
    const v = video.current;
    if (!v || seen.current === nonce) return;
    seen.current = nonce;
    if (v.readyState >= 1) v.currentTime = latest.current.start.offset;
  }, [nonce]);

  useEffect(() => {
    if (video.current) video.current.playbackRate = rate;
  }, [rate]);

  useEffect(() => {
    if (video.current) video.current.muted = props.muted;
  }, [props.muted]);

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    const onTime = () => latest.current.onTime(v.currentTime);
    const onEnded = () => {
      stopTicker();
      latest.current.onEnded();
    };
    const onError = () => {
      if (v.error) latest.current.onError(v.error.message || `media error ${v.error.code}`);
    };
    // `timeupdate` comes about every 250 ms; while playing, the playhead is also read every 100 ms so
    // a message shows within about a tenth of a second of its time.
    let ticker: ReturnType<typeof setInterval> | undefined;
    const stopTicker = () => {
      if (ticker !== undefined) clearInterval(ticker);
      ticker = undefined;
    };
    const onPlaying = () => {
      stopTicker();
      ticker = setInterval(() => {
        if (!v.paused && !v.seeking) latest.current.onTime(v.currentTime);
      }, 100);
    };
    v.addEventListener('playing', onPlaying);
    v.addEventListener('pause', stopTicker);
    v.addEventListener('timeupdate', onTime);
    v.addEventListener('seeked', onTime);
    v.addEventListener('ended', onEnded);
    v.addEventListener('error', onError);
    return () => {
      stopTicker();
      v.removeEventListener('playing', onPlaying);
      v.removeEventListener('pause', stopTicker);
      v.removeEventListener('timeupdate', onTime);
      v.removeEventListener('seeked', onTime);
      v.removeEventListener('ended', onEnded);
      v.removeEventListener('error', onError);
    };
  }, []);

  return (
    <video
      ref={video}
      id={props.id}
      className={props.className}
      style={videoStyle}
      controls
      playsInline
      muted={props.muted}
      aria-label={props.label}
      preload="auto"
    />
  );
}
