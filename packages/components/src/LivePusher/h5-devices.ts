import { LiveSellError } from '@livesell/core';
import { PUSHER_CODE, PUSHER_ERROR } from '@livesell/core/media';

export interface CaptureOptions {
  camera: boolean;
  facingMode: 'user' | 'environment';
  /** Long and short edge wanted, px (the browser picks the closest its camera offers). */
  long: number;
  short: number;
  portrait: boolean;
  audioQuality: 'high' | 'low';
}

/** What a failed capture means in WeChat's terms: a binderror (10001/10002) or a state code (−1301/−1302). */
export type CaptureFailure = { kind: 'deviceError' | 'code'; code: number; message: string };

export class CaptureError extends LiveSellError {
  constructor(readonly failure: CaptureFailure) {
    super('DEVICE', failure.message, { fatal: true, details: { code: failure.code } });
  }
}

const DENIED = new Set(['NotAllowedError', 'SecurityError', 'PermissionDeniedError']);

export function videoConstraints(o: CaptureOptions): MediaTrackConstraints {
  return {
    facingMode: { ideal: o.facingMode },
    width: { ideal: o.portrait ? o.short : o.long },
    height: { ideal: o.portrait ? o.long : o.short },
  };
}

function audioConstraints(o: CaptureOptions): MediaTrackConstraints {
  return { echoCancellation: true, noiseSuppression: true, sampleRate: o.audioQuality === 'high' ? 48000 : 16000 };
}

function failureFor(device: 'camera' | 'microphone', error: unknown): CaptureFailure {
  const name = (error as { name?: string })?.name ?? '';
  const detail = (error as { message?: string })?.message ?? String(error);
  if (DENIED.has(name)) {
    return {
      kind: 'deviceError',
      code: device === 'camera' ? PUSHER_ERROR.CAMERA_DENIED : PUSHER_ERROR.MIC_DENIED,
      message: `${device} permission denied (${name})`,
    };
  }
  return {
    kind: 'code',
    code: device === 'camera' ? PUSHER_CODE.CAMERA_FAIL : PUSHER_CODE.MIC_FAIL,
    message: `could not open the ${device}: ${name || detail}`,
  };
}

/**
 * Opens camera and microphone in one request (one permission prompt). When that fails, each is
 * tried alone to tell which one failed, so the error maps onto 10001/10002 (denied) or
 * −1301/−1302 (missing, busy) as the mini program reports them.
 */
export async function openCapture(
  o: CaptureOptions,
  media: MediaDevices = navigator.mediaDevices,
): Promise<MediaStream> {
  if (!media?.getUserMedia) {
    throw new CaptureError({
      kind: 'code',
      code: PUSHER_CODE.CAMERA_FAIL,
      message: 'getUserMedia is unavailable (needs https or localhost)',
    });
  }
  const video = o.camera ? videoConstraints(o) : false;
  try {
    return await media.getUserMedia({ video, audio: audioConstraints(o) });
  } catch (combined) {
    const tracks: MediaStreamTrack[] = [];
    try {
      if (o.camera) {
        try {
          tracks.push(...(await media.getUserMedia({ video })).getTracks());
        } catch (error) {
          throw new CaptureError(failureFor('camera', error));
        }
      }
      try {
        tracks.push(...(await media.getUserMedia({ audio: audioConstraints(o) })).getTracks());
      } catch (error) {
        throw new CaptureError(failureFor('microphone', error));
      }
    } catch (error) {
      for (const t of tracks) t.stop();
      throw error;
    }
    if (tracks.length === 0) throw new CaptureError(failureFor(o.camera ? 'camera' : 'microphone', combined));
    return new MediaStream(tracks);
  }
}
