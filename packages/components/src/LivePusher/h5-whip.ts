import { LiveSellError } from '@livesell/core';
import { type NetStatusInfo, PUSHER_CODE } from '@livesell/core/media';
import { exchangeSdp, iceGathered } from '../media-shared/webrtc';

export interface WhipReport {
  code(code: number): void;
  netStatus(info: NetStatusInfo): void;
}

export interface WhipSession {
  readonly pc: RTCPeerConnection;
  replaceVideo(track: MediaStreamTrack): Promise<void>;
  close(): void;
}

/**
 * Publishes a stream over WHIP (RFC 9725): one SDP offer POSTed to the endpoint, the answer back,
 * DELETE on the session URL to stop. Codes: answer → 1001, 1008; ICE connected → 1002;
 * disconnected → 1102; failed → 3005, −1307 (the pusher machine's restart policy takes over).
 * Net status (bitrates, fps, size, RTT) comes from `getStats()` every 2 s.
 */
export async function publishWhip(
  stream: MediaStream,
  url: string,
  options: { maxBitrateKbps: number },
  report: WhipReport,
): Promise<WhipSession> {
  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  let closed = false;
  let location: string | undefined;
  let stats: ReturnType<typeof setInterval> | undefined;
  for (const track of stream.getTracks()) {
    pc.addTransceiver(track, {
      direction: 'sendonly',
      streams: [stream],
      ...(track.kind === 'video' ? { sendEncodings: [{ maxBitrate: options.maxBitrateKbps * 1000 }] } : {}),
    });
  }
  const close = () => {
    if (closed) return;
    closed = true;
    if (stats) clearInterval(stats);
    pc.close();
    if (location) void fetch(location, { method: 'DELETE' }).catch(() => undefined);
  };
  pc.onconnectionstatechange = () => {
    if (closed) return;
    switch (pc.connectionState) {
      case 'connected':
        report.code(PUSHER_CODE.PUSHING);
        break;
      case 'disconnected':
        report.code(PUSHER_CODE.RECONNECTING);
        break;
      case 'failed':
        report.code(PUSHER_CODE.READ_WRITE_FAIL);
        report.code(PUSHER_CODE.RECONNECTS_EXHAUSTED);
        close();
        break;
    }
  };
  try {
    await pc.setLocalDescription(await pc.createOffer());
    await iceGathered(pc, 2000);
    const { status, answer, location: session } = await exchangeSdp(url, pc.localDescription?.sdp ?? '');
    if (status === 401 || status === 403) {
      throw new LiveSellError(
        'PERMISSION_DENIED',
        `the WHIP endpoint refused the publish (${status}): check txSecret/txTime`,
        {
          fatal: true,
        },
      );
    }
    if (answer === undefined) throw new LiveSellError('MEDIA', `the WHIP endpoint answered ${status}`);
    location = session;
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  } catch (cause) {
    close();
    if (cause instanceof LiveSellError && cause.code === 'PERMISSION_DENIED') throw cause;
    report.code(PUSHER_CODE.CONNECT_FAIL);
    report.code(PUSHER_CODE.RECONNECTS_EXHAUSTED);
    return { pc, replaceVideo: async () => undefined, close };
  }
  report.code(PUSHER_CODE.CONNECTED);
  report.code(PUSHER_CODE.ENCODER_START);

  let last = { at: 0, video: 0, audio: 0 };
  stats = setInterval(async () => {
    if (closed) return;
    const report_ = await pc.getStats().catch(() => undefined);
    if (!report_ || closed) return;
    const info: NetStatusInfo = {};
    let videoBytes = 0;
    let audioBytes = 0;
    let at = 0;
    report_.forEach((s: Record<string, unknown>) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        videoBytes += Number(s.bytesSent) || 0;
        at = Number(s.timestamp) || at;
        if (typeof s.framesPerSecond === 'number') info.videoFPS = s.framesPerSecond;
        if (typeof s.frameWidth === 'number') info.videoWidth = s.frameWidth;
        if (typeof s.frameHeight === 'number') info.videoHeight = s.frameHeight;
      } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
        audioBytes += Number(s.bytesSent) || 0;
      } else if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number') {
        info.rtt = Math.round(s.currentRoundTripTime * 1000);
      }
    });
    if (last.at && at > last.at) {
      const seconds = (at - last.at) / 1000;
      info.videoBitrate = Math.round(((videoBytes - last.video) * 8) / 1000 / seconds);
      info.audioBitrate = Math.round(((audioBytes - last.audio) * 8) / 1000 / seconds);
    }
    last = { at, video: videoBytes, audio: audioBytes };
    report.netStatus(info);
  }, 2000);

  return {
    pc,
    async replaceVideo(track) {
      const sender = pc.getSenders().find((s) => s.track?.kind === 'video');
      await sender?.replaceTrack(track);
    },
    close,
  };
}
