import { PUSHER_ERROR, readNetStatus } from '@livesell/core/media';
import { LivePusher as NativeLivePusher } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { notSupported } from '../media-shared/not-supported';
import { wxCall } from '../media-shared/wx-call';
import type { PusherSurfaceHandle, PusherSurfaceProps } from './surface-types';

interface ErrorDetail {
  errCode?: number | string;
  errMsg?: string;
}
interface BgmDetail {
  progress?: number | string;
  duration?: number | string;
}

/** Waits for Taro to flush the last render to the page (the `url` attribute must be set before `start`). */
const rendered = () => new Promise<void>((resolve) => Taro.nextTick(resolve));

/**
 * weapp: the native `<live-pusher>` (RTMP). WeChat allows one per page and binds its
 * `LivePusherContext` to the page, so every command goes through that one context; `autopush`
 * stays off so the machine decides when to push.
 */
export const PusherSurface = forwardRef<PusherSurfaceHandle, PusherSurfaceProps>(function PusherSurface(props, ref) {
  const { report } = props;
  const context = useRef<Taro.LivePusherContext | null>(null);

  useImperativeHandle(ref, (): PusherSurfaceHandle => {
    const ctx = () => {
      context.current ??= Taro.createLivePusherContext();
      return context.current;
    };
    const call = (method: keyof Taro.LivePusherContext, options: Record<string, unknown> = {}) =>
      wxCall(`LivePusherContext.${method}`, (cb) =>
        (ctx()[method] as (o: Record<string, unknown>) => void)({ ...options, ...cb }),
      ).then(() => undefined);
    return {
      async start(url) {
        if (!/^rtmps?:\/\//i.test(url)) throw notSupported('start', 'weapp', '<live-pusher> pushes RTMP only');
        await rendered();
        await call('stop').catch(() => undefined);
        await call('start');
      },
      stop: () => call('stop'),
      pause: () => call('pause'),
      resume: () => call('resume'),
      startPreview: () => call('startPreview'),
      stopPreview: () => call('stopPreview'),
      switchCamera: () => call('switchCamera'),
      toggleTorch: () => call('toggleTorch'),
      snapshot: () =>
        wxCall<{ tempImagePath: string; width: number | string; height: number | string }>(
          'LivePusherContext.snapshot',
          (cb) => ctx().snapshot(cb as unknown as Parameters<Taro.LivePusherContext['snapshot']>[0]),
        ).then((r) => ({ tempImagePath: r.tempImagePath, width: Number(r.width), height: Number(r.height) })),
      playBGM: (url) => call('playBGM', { url }),
      // The native pusher reports start/progress/complete only; the rest is known once the call succeeds.
      stopBGM: () => call('stopBGM').then(() => report.bgm('stop')),
      pauseBGM: () => call('pauseBGM').then(() => report.bgm('pause')),
      resumeBGM: () => call('resumeBGM').then(() => report.bgm('resume')),
      setBGMVolume: (volume) => call('setBGMVolume', { volume: String(volume) }),
    };
  }, [report]);

  return (
    <NativeLivePusher
      id={props.id}
      className={props.className}
      style={props.style}
      url={props.url}
      autopush={false}
      mode={props.mode}
      orientation={props.orientation}
      muted={props.muted}
      waitingImage={props.waitingImage}
      enableCamera={props.enableCamera}
      beauty={props.beauty}
      whiteness={props.whiteness}
      backgroundMute={props.backgroundMute}
      autoFocus={props.autoFocus}
      aspect={props.aspect}
      minBitrate={props.minBitrate}
      maxBitrate={props.maxBitrate}
      zoom={props.zoom}
      devicePosition={props.devicePosition}
      audioQuality={props.audioQuality}
      mirror={props.mirror}
      onStateChange={(e) => {
        const code = Number((e.detail as { code?: number | string } | undefined)?.code);
        if (Number.isFinite(code)) report.code(code);
      }}
      onError={(e) => {
        const detail = (e.detail ?? {}) as ErrorDetail;
        const code = Number(detail.errCode);
        report.deviceError(Number.isFinite(code) ? code : PUSHER_ERROR.CAMERA_DENIED, detail.errMsg);
      }}
      onNetStatus={(e) => report.netStatus(readNetStatus((e.detail as { info?: unknown } | undefined)?.info))}
      onBgmStart={() => report.bgm('start')}
      onBgmProgress={(e) => {
        const detail = (e.detail ?? {}) as BgmDetail;
        report.bgm('progress', Number(detail.progress) || 0, Number(detail.duration) || 0);
      }}
      onBgmComplete={() => report.bgm('complete')}
    >
      {props.children}
    </NativeLivePusher>
  );
});
