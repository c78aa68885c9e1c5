import { PLAYER_CODE } from '@livesell/core/media';
import { type CSSProperties, forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { playbackCapabilities } from '../media-shared/capabilities.h5';
import { defaultPlaybackLoaders } from '../media-shared/loaders';
import { notSupported } from '../media-shared/not-supported';
import { snapshotVideo } from '../media-shared/video-snapshot';
import { chooseEngine, type EngineSession } from './h5-engines';
import type { PlayerSurfaceHandle, PlayerSurfaceProps } from './surface-types';

const videoStyle: CSSProperties = { display: 'block', width: '100%', height: '100%', backgroundColor: '#000' };
const overlayStyle: CSSProperties = { position: 'absolute', left: 0, top: 0, right: 0, bottom: 0 };

/** Per load: what the `<video>` has shown so far, to map its events onto WeChat's codes once. */
interface LoadFlags {
  id: number;
  firstFrame: boolean;
  played: boolean;
  lastTime: number;
  lastFrames: number;
}

/**
 * H5: a `<video>` driven by the engine the URL needs (hls.js, mpegts.js — each imported on first
 * use — WHEP, or native HLS). The element's events become codes: first `loadeddata` → 2003,
 * `playing` → 2004, `waiting` after playing → 2007, `resize` → 2009, advancing `currentTime` →
 * progress for the watchdog. Overlays are absolutely positioned above the video.
 */
export const PlayerSurface = forwardRef<PlayerSurfaceHandle, PlayerSurfaceProps>(function PlayerSurface(props, ref) {
  const root = useRef<HTMLDivElement>(null);
  const video = useRef<HTMLVideoElement>(null);
  const session = useRef<EngineSession | undefined>(undefined);
  const flags = useRef<LoadFlags>({ id: 0, firstFrame: false, played: false, lastTime: 0, lastFrames: 0 });
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    v.muted = props.muted;
  }, [props.muted]);

  useEffect(() => {
    const v = video.current;
    if (!v) return;
    const report = () => latest.current.report;
    const f = () => flags.current;
    const active = () => session.current !== undefined;
    const handlers: Record<string, () => void> = {
      loadeddata() {
        if (!active() || f().firstFrame) return;
        f().firstFrame = true;
        report().code(PLAYER_CODE.FIRST_I_FRAME);
      },
      playing() {
        if (!active()) return;
        f().played = true;
        report().code(PLAYER_CODE.PLAY_BEGIN);
      },
      waiting() {
        if (active() && f().played) report().code(PLAYER_CODE.LOADING);
      },
      timeupdate() {
        if (!active()) return;
        if (v.currentTime > f().lastTime + 0.01) {
          f().lastTime = v.currentTime;
          report().progress();
        }
      },
      resize() {
        if (!active()) return;
        if (f().played) report().code(PLAYER_CODE.RESOLUTION_CHANGE);
        report().netStatus({ videoWidth: v.videoWidth, videoHeight: v.videoHeight });
      },
      error() {
        if (!active()) return;
        const code = v.error?.code;
        if (code === 4) {
          report().fail({ code: 0, reason: 'surface', message: 'the browser cannot play this stream', fatal: true });
        } else if (code === 2 || code === 3) {
          report().code(code === 3 ? PLAYER_CODE.VIDEO_DECODE_FAIL : PLAYER_CODE.READ_WRITE_FAIL);
          report().code(PLAYER_CODE.RECONNECTS_EXHAUSTED);
        }
      },
    };
    for (const [name, handler] of Object.entries(handlers)) v.addEventListener(name, handler);
    const onFullscreen = () => {
      const el = root.current;
      report().fullScreenChange({ fullScreen: el !== null && document.fullscreenElement === el });
    };
    document.addEventListener('fullscreenchange', onFullscreen);
    // Net status about once a second, like the mini program's bindnetstatus.
    const timer = setInterval(() => {
      if (!active()) return;
      const quality = typeof v.getVideoPlaybackQuality === 'function' ? v.getVideoPlaybackQuality() : undefined;
      const frames = quality?.totalVideoFrames ?? 0;
      const fps = Math.max(0, frames - f().lastFrames);
      f().lastFrames = frames;
      const ahead = v.buffered.length ? v.buffered.end(v.buffered.length - 1) - v.currentTime : 0;
      report().netStatus({
        videoFPS: fps,
        videoWidth: v.videoWidth,
        videoHeight: v.videoHeight,
        videoCache: Math.max(0, Math.round(ahead * 1000)),
      });
    }, 1000);
    return () => {
      for (const [name, handler] of Object.entries(handlers)) v.removeEventListener(name, handler);
      document.removeEventListener('fullscreenchange', onFullscreen);
      clearInterval(timer);
      session.current?.destroy();
      session.current = undefined;
    };
  }, []);

  useImperativeHandle(ref, (): PlayerSurfaceHandle => {
    const teardown = () => {
      session.current?.destroy();
      session.current = undefined;
    };
    const startVideo = async (v: HTMLVideoElement) => {
      try {
        await v.play();
      } catch (cause) {
        // Browsers refuse sound without a user gesture: keep playing muted and say so.
        if ((cause as { name?: string })?.name !== 'NotAllowedError' || v.muted) return;
        v.muted = true;
        latest.current.report.autoMuted();
        await v.play().catch(() => undefined);
      }
    };
    return {
      async play(url) {
        const v = video.current;
        if (!v) throw notSupported('play', 'h5', 'the video element is not mounted');
        teardown();
        const id = flags.current.id + 1;
        flags.current = { id, firstFrame: false, played: false, lastTime: v.currentTime, lastFrames: 0 };
        const caps = playbackCapabilities() ?? { mse: false, nativeHls: false };
        const engine = chooseEngine(url, caps);
        const current = () => flags.current.id === id;
        const report = latest.current.report;
        const next = await engine({
          video: v,
          url,
          caps,
          loaders: { ...defaultPlaybackLoaders, ...latest.current.loaders },
          reconnects: 2,
          reconnectDelayMs: 1000,
          report: {
            code: (code) => current() && report.code(code),
            fail: (error) => current() && report.fail(error),
            netStatus: (info) => current() && report.netStatus(info),
          },
        });
        if (!current()) {
          next.destroy();
          return;
        }
        session.current = next;
        await startVideo(v);
      },
      async stop() {
        flags.current = { ...flags.current, id: flags.current.id + 1 };
        teardown();
        const v = video.current;
        if (v) {
          v.pause();
          v.removeAttribute('src');
          v.srcObject = null;
        }
      },
      async pause() {
        video.current?.pause();
      },
      async resume() {
        const v = video.current;
        if (!v) return;
        session.current?.resume?.();
        await startVideo(v);
      },
      async requestFullScreen() {
        const el = root.current;
        if (!el || typeof el.requestFullscreen !== 'function') {
          throw notSupported('requestFullScreen', 'h5', 'the Fullscreen API is unavailable');
        }
        await el.requestFullscreen();
      },
      async exitFullScreen() {
        if (typeof document.exitFullscreen !== 'function') {
          throw notSupported('exitFullScreen', 'h5', 'the Fullscreen API is unavailable');
        }
        if (document.fullscreenElement) await document.exitFullscreen();
      },
      async snapshot() {
        return snapshotVideo(video.current, 'no picture yet');
      },
    };
  }, []);

  return (
    <div
      ref={root}
      id={props.id}
      className={props.className}
      data-state={props.dataState}
      data-orientation={props.orientation}
      style={props.style}
    >
      <video
        ref={video}
        style={{ ...videoStyle, objectFit: props.objectFit === 'fillCrop' ? 'cover' : 'contain' }}
        playsInline
        muted={props.muted}
        preload="auto"
      />
      <div className="ls-player__overlay" style={overlayStyle}>
        {props.children}
      </div>
    </div>
  );
});
