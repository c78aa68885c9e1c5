import { PLAYER_CODE, playUrlKind, readNetStatus } from '@livesell/core/media';
import { LivePlayer as NativeLivePlayer } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { forwardRef, useImperativeHandle, useRef, useState } from 'react';
import { notSupported } from '../media-shared/not-supported';
import { wxCall } from '../media-shared/wx-call';
import type { PlayerSurfaceHandle, PlayerSurfaceProps } from './surface-types';

interface StateChangeDetail {
  code?: number | string;
}
interface FullScreenDetail {
  fullScreen?: boolean | number;
  direction?: number;
}
interface ErrorDetail {
  errMsg?: string;
  errCode?: number | string;
}

/**
 * weapp: the native `<live-player>` (FLV and RTMP only). The first load sets `src` with
 * `autoplay`; reloads and pause/resume/full screen go through its `LivePlayerContext`.
 * Children render in its slot (on base libraries without same-layer rendering only
 * cover-view / cover-image show above the video).
 */
export const PlayerSurface = forwardRef<PlayerSurfaceHandle, PlayerSurfaceProps>(function PlayerSurface(props, ref) {
  const { report } = props;
  const [src, setSrc] = useState('');
  const srcRef = useRef('');
  const context = useRef<Taro.LivePlayerContext | null>(null);
  const { id } = props;

  useImperativeHandle(ref, (): PlayerSurfaceHandle => {
    const ctx = () => {
      context.current ??= Taro.createLivePlayerContext(id);
      return context.current;
    };
    return {
      async play(url) {
        const kind = playUrlKind(url);
        if (kind !== 'flv' && kind !== 'rtmp') {
          throw notSupported('play', 'weapp', `<live-player> plays FLV and RTMP, not ${kind}`);
        }
        if (url !== srcRef.current) {
          // A new src with autoplay starts by itself once rendered.
          srcRef.current = url;
          setSrc(url);
          return;
        }
        await wxCall('LivePlayerContext.stop', (cb) => ctx().stop(cb)).catch(() => undefined);
        await wxCall('LivePlayerContext.play', (cb) => ctx().play(cb));
      },
      async stop(release = false) {
        try {
          await wxCall('LivePlayerContext.stop', (cb) => ctx().stop(cb));
        } finally {
          // Stopped for good (paused/ended room, stop()): the element lets go of its source; the next
          // play sets it again. A stop before a restart keeps it, and the restart goes through the context.
          if (release) {
            srcRef.current = '';
            setSrc('');
          }
        }
      },
      pause: () => wxCall('LivePlayerContext.pause', (cb) => ctx().pause(cb)).then(() => undefined),
      resume: () => wxCall('LivePlayerContext.resume', (cb) => ctx().resume(cb)).then(() => undefined),
      requestFullScreen: (direction) =>
        wxCall('LivePlayerContext.requestFullScreen', (cb) => ctx().requestFullScreen({ direction, ...cb })).then(
          () => undefined,
        ),
      exitFullScreen: () =>
        wxCall('LivePlayerContext.exitFullScreen', (cb) => ctx().exitFullScreen(cb)).then(() => undefined),
      snapshot: () =>
        wxCall<{ tempImagePath: string; width: string | number; height: string | number }>(
          'LivePlayerContext.snapshot',
          (cb) => ctx().snapshot(cb as Parameters<Taro.LivePlayerContext['snapshot']>[0]),
        ).then((r) => ({ tempImagePath: r.tempImagePath, width: Number(r.width), height: Number(r.height) })),
    };
  }, [id]);

  return (
    <NativeLivePlayer
      id={props.id}
      className={props.className}
      style={props.style}
      src={src}
      autoplay
      mode={props.mode}
      orientation={props.orientation}
      objectFit={props.objectFit}
      minCache={props.minCache}
      maxCache={props.maxCache}
      muted={props.muted}
      soundMode={props.soundMode}
      autoPauseIfNavigate={props.autopause}
      autoPauseIfOpenNative={props.autopause}
      backgroundMute={props.backgroundMute}
      onStateChange={(e) => {
        const code = Number((e.detail as StateChangeDetail | undefined)?.code);
        if (Number.isFinite(code)) report.code(code);
        if (code === PLAYER_CODE.PROGRESS) report.progress();
      }}
      onNetStatus={(e) => {
        const info = readNetStatus((e.detail as { info?: unknown } | undefined)?.info);
        report.netStatus(info);
        // Net status arrives about once a second; frames decoded means the picture moves.
        if ((info.videoFPS ?? 0) > 0) report.progress();
      }}
      onFullScreenChange={(e) => {
        const detail = (e.detail ?? {}) as FullScreenDetail;
        report.fullScreenChange({ fullScreen: Boolean(detail.fullScreen), direction: detail.direction });
      }}
      onError={(e) => {
        const detail = (e.detail ?? {}) as ErrorDetail;
        report.fail({
          code: Number(detail.errCode) || 0,
          reason: 'surface',
          message: detail.errMsg ?? 'live-player error',
          fatal: false,
        });
      }}
    >
      {props.children}
    </NativeLivePlayer>
  );
});
