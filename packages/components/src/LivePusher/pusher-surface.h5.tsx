import { PUSHER_CODE } from '@livesell/core/media';
import { type CSSProperties, forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { notSupported } from '../media-shared/not-supported';
import { snapshotVideo } from '../media-shared/video-snapshot';
import { CaptureError, type CaptureOptions, openCapture, videoConstraints } from './h5-devices';
import { publishWhip, type WhipSession } from './h5-whip';
import type { PusherSurfaceHandle, PusherSurfaceProps } from './surface-types';

const LONG_EDGE = { SD: 640, HD: 960, FHD: 1280, RTC: 640 } as const;
const videoStyle: CSSProperties = { display: 'block', width: '100%', height: '100%', objectFit: 'cover' };
const overlayStyle: CSSProperties = { position: 'absolute', left: 0, top: 0, right: 0, bottom: 0 };

/** Muting (or pausing) a WebRTC push disables the microphone track: the connection keeps running. */
function applyAudio(stream: MediaStream | undefined, muted: boolean, paused: boolean) {
  for (const t of stream?.getAudioTracks() ?? []) t.enabled = !muted && !paused;
}

/**
 * H5: the camera and microphone through getUserMedia, previewed in a muted `<video>`, published
 * over WHIP. Device failures become WeChat's codes (10001/10002 denied, −1301/−1302 unavailable).
 * Background music, beauty and zoom have no browser equivalent here and reject NOT_SUPPORTED.
 */
export const PusherSurface = forwardRef<PusherSurfaceHandle, PusherSurfaceProps>(function PusherSurface(props, ref) {
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | undefined>(undefined);
  const opening = useRef<Promise<MediaStream> | undefined>(undefined);
  const whip = useRef<WhipSession | undefined>(undefined);
  const facing = useRef<'user' | 'environment'>(props.devicePosition === 'back' ? 'environment' : 'user');
  const [mirrorFront, setMirrorFront] = useState(facing.current === 'user');
  const paused = useRef(false);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => applyAudio(stream.current, props.muted, paused.current), [props.muted]);

  useEffect(() => {
    const v = video.current;
    const onFrame = () => latest.current.report.code(PUSHER_CODE.FIRST_FRAME);
    v?.addEventListener('loadeddata', onFrame);
    return () => {
      v?.removeEventListener('loadeddata', onFrame);
      whip.current?.close();
      whip.current = undefined;
      for (const t of stream.current?.getTracks() ?? []) t.stop();
      stream.current = undefined;
    };
  }, []);

  useImperativeHandle(ref, (): PusherSurfaceHandle => {
    const captureOptions = (): CaptureOptions => {
      const p = latest.current;
      const long = LONG_EDGE[p.mode];
      return {
        camera: p.enableCamera,
        facingMode: facing.current,
        long,
        short: Math.round(p.aspect === '3:4' ? (long * 3) / 4 : (long * 9) / 16),
        portrait: p.orientation === 'vertical',
        audioQuality: p.audioQuality,
      };
    };
    const show = (s: MediaStream | undefined) => {
      const v = video.current;
      if (!v) return;
      v.srcObject = s ?? null;
      if (s) void v.play().catch(() => undefined);
    };
    const open = async (): Promise<MediaStream> => {
      if (stream.current) return stream.current;
      opening.current ??= openCapture(captureOptions())
        .then((s) => {
          opening.current = undefined;
          stream.current = s;
          applyAudio(stream.current, latest.current.muted, paused.current);
          latest.current.report.code(PUSHER_CODE.CAMERA_OPEN);
          show(s);
          return s;
        })
        .catch((error: unknown) => {
          // Cleared in both branches rather than in `finally` (ES2018, not on WeChat's oldest engines).
          opening.current = undefined;
          if (error instanceof CaptureError) {
            const { kind, code, message } = error.failure;
            if (kind === 'deviceError') latest.current.report.deviceError(code, message);
            else latest.current.report.code(code);
          }
          throw error;
        });
      return opening.current;
    };
    const unpublish = () => {
      whip.current?.close();
      whip.current = undefined;
    };
    const videoTrack = () => stream.current?.getVideoTracks()[0];
    const bgm = (method: string) => async () => {
      throw notSupported(method, 'h5', 'background music is not mixed into the browser stream');
    };
    return {
      async start(url) {
        if (!/^https?:\/\//i.test(url))
          throw notSupported('start', 'h5', 'the browser publishes over WHIP (http/https URL)');
        unpublish();
        const s = await open();
        paused.current = false;
        applyAudio(stream.current, latest.current.muted, paused.current);
        whip.current = await publishWhip(s, url, { maxBitrateKbps: latest.current.maxBitrate }, latest.current.report);
      },
      async stop() {
        unpublish();
      },
      async pause() {
        paused.current = true;
        for (const t of stream.current?.getTracks() ?? []) t.enabled = false;
      },
      async resume() {
        paused.current = false;
        for (const t of stream.current?.getVideoTracks() ?? []) t.enabled = true;
        applyAudio(stream.current, latest.current.muted, paused.current);
      },
      async startPreview() {
        show(await open());
      },
      async stopPreview() {
        show(undefined);
        // Without a push the camera is released; a running push keeps sending.
        if (!whip.current) {
          for (const t of stream.current?.getTracks() ?? []) t.stop();
          stream.current = undefined;
        }
      },
      async switchCamera() {
        const s = stream.current;
        const old = videoTrack();
        if (!s || !old) throw notSupported('switchCamera', 'h5', 'the camera is not open');
        facing.current = facing.current === 'user' ? 'environment' : 'user';
        const next = await navigator.mediaDevices.getUserMedia({ video: videoConstraints(captureOptions()) });
        const track = next.getVideoTracks()[0]!;
        await whip.current?.replaceVideo(track);
        s.removeTrack(old);
        old.stop();
        s.addTrack(track);
        show(s);
        setMirrorFront(facing.current === 'user');
      },
      async toggleTorch() {
        const track = videoTrack();
        const caps = track && typeof track.getCapabilities === 'function' ? track.getCapabilities() : undefined;
        if (!track || !caps || !('torch' in caps)) throw notSupported('toggleTorch', 'h5', 'this camera has no torch');
        const on = Boolean((track.getSettings() as { torch?: boolean }).torch);
        await track.applyConstraints({ advanced: [{ torch: !on } as MediaTrackConstraintSet] });
      },
      async snapshot() {
        return snapshotVideo(video.current, 'no camera picture yet');
      },
      playBGM: bgm('playBGM'),
      stopBGM: bgm('stopBGM'),
      pauseBGM: bgm('pauseBGM'),
      resumeBGM: bgm('resumeBGM'),
      setBGMVolume: bgm('setBGMVolume'),
    };
  }, []);

  // A front camera previews like a mirror, as phones do; `mirror` mirrors the back camera's preview too.
  const mirrored = props.mirror || mirrorFront;
  return (
    <div id={props.id} className={props.className} data-state={props.dataState} style={props.style}>
      <video
        ref={video}
        style={{ ...videoStyle, transform: mirrored ? 'scaleX(-1)' : undefined }}
        muted
        playsInline
        autoPlay
      />
      <div className="ls-pusher__overlay" style={overlayStyle}>
        {props.children}
      </div>
    </div>
  );
});
