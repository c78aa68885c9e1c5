import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { type MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import { MediaHttpError } from './media-error';
import { type RtpBridge, startRtpBridge } from './rtp-bridge';

/**
 * WHIP in, WHEP out, with werift. A host's browser publishes with one SDP POST (WHIP); viewers'
 * browsers play with one SDP POST (WHEP) and receive the host's RTP forwarded as is (no
 * transcoding). H.264 is the only video codec offered, so the same stream can also be copied into
 * RTMP for the FLV/HLS viewers (see rtp-bridge.ts).
 */
export interface WebRtcGatewayOptions {
  dataDir: string;
  /** Signed RTMP URL the bridge publishes `app/stream` to; undefined disables the bridge. */
  bridgeUrl?(app: string, stream: string): string | undefined;
  log(message: string): void;
}

const DISCONNECT_GRACE_MS = 10_000;

interface Publisher {
  id: string;
  key: string;
  pc: RTCPeerConnection;
  video?: MediaStreamTrack;
  audio?: MediaStreamTrack;
  videoTransceiver?: RTCRtpTransceiver;
  viewers: Set<Viewer>;
  bridge?: RtpBridge;
  connected: boolean;
}

interface Viewer {
  id: string;
  pc: RTCPeerConnection;
  publisher: Publisher;
}

function codecs() {
  return {
    video: [
      new RTCRtpCodecParameters({
        mimeType: 'video/H264',
        clockRate: 90000,
        rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }],
        parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
      }),
    ],
    audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2 })],
  };
}

/** Creates the answer and waits for ICE gathering: WHIP/WHEP answers carry every candidate. */
async function completeAnswer(pc: RTCPeerConnection): Promise<string> {
  await pc.setLocalDescription(await pc.createAnswer());
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000);
      pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
  const sdp = pc.localDescription?.sdp;
  if (!sdp) throw new MediaHttpError(500, 'NO_ANSWER', 'could not create an SDP answer');
  return sdp;
}

function checkOffer(offer: string) {
  if (!offer.startsWith('v=0')) throw new MediaHttpError(400, 'INVALID_SDP', 'the body must be an SDP offer');
}

export class WebRtcGateway {
  private readonly publishers = new Map<string, Publisher>();
  private readonly sessions = new Map<string, Publisher | Viewer>();

  constructor(private readonly options: WebRtcGatewayOptions) {}

  private config() {
    // Loopback is skipped by default; the dev server and its tests live on 127.0.0.1.
    return { codecs: codecs(), iceAdditionalHostAddresses: ['127.0.0.1'], iceUseIpv6: false };
  }

  isLive(app: string, stream: string): boolean {
    return this.publishers.get(`${app}/${stream}`)?.connected === true;
  }

  async publish(app: string, stream: string, offer: string): Promise<{ answer: string; session: string }> {
    checkOffer(offer);
    const key = `${app}/${stream}`;
    // A signed publish for a stream that already has one takes over: it is the host reconnecting
    // (a restart after −1307, a reloaded page) before the old session noticed it was dead.
    const previous = this.publishers.get(key);
    if (previous) {
      this.options.log(`media: WHIP ${key} replaced by a new publish`);
      await this.end(previous.id);
    }
    const pc = new RTCPeerConnection(this.config());
    const publisher: Publisher = { id: randomBytes(12).toString('hex'), key, pc, viewers: new Set(), connected: false };
    this.publishers.set(key, publisher);
    this.sessions.set(publisher.id, publisher);
    pc.onTrack.subscribe((track) => {
      if (track.kind === 'video') {
        publisher.video = track;
        publisher.videoTransceiver = pc.getTransceivers().find((t) => t.receiver.track === track);
      } else if (track.kind === 'audio') publisher.audio = track;
    });
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected' && !publisher.connected) {
        publisher.connected = true;
        this.options.log(`media: WHIP publishing ${key}`);
        void this.startBridge(app, stream, publisher);
      }
      if (state === 'failed' || state === 'closed') void this.end(publisher.id);
      // A browser that vanished (tab closed, network gone) never sends DELETE.
      if (state === 'disconnected') {
        setTimeout(() => {
          if (pc.connectionState !== 'connected') void this.end(publisher.id);
        }, DISCONNECT_GRACE_MS).unref();
      }
    });
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      return { answer: await completeAnswer(pc), session: publisher.id };
    } catch (error) {
      await this.end(publisher.id);
      if (error instanceof MediaHttpError) throw error;
      throw new MediaHttpError(400, 'INVALID_SDP', `the offer was refused: ${(error as Error).message}`);
    }
  }

  async play(app: string, stream: string, offer: string): Promise<{ answer: string; session: string }> {
    checkOffer(offer);
    const publisher = this.publishers.get(`${app}/${stream}`);
    if (!publisher?.connected) throw new MediaHttpError(404, 'NOT_LIVE', `${app}/${stream} has no WebRTC publisher`);
    const pc = new RTCPeerConnection(this.config());
    const viewer: Viewer = { id: randomBytes(12).toString('hex'), pc, publisher };
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: offer });
      for (const transceiver of pc.getTransceivers()) {
        const track = transceiver.kind === 'video' ? publisher.video : publisher.audio;
        if (!track) continue;
        transceiver.setDirection('sendonly');
        await transceiver.sender.replaceTrack(track);
      }
      const sdp = await completeAnswer(pc);
      publisher.viewers.add(viewer);
      this.sessions.set(viewer.id, viewer);
      pc.connectionStateChange.subscribe((state) => {
        if (state === 'connected') this.requestKeyframe(publisher);
        if (state === 'failed' || state === 'closed') void this.end(viewer.id);
      });
      return { answer: sdp, session: viewer.id };
    } catch (error) {
      await pc.close();
      throw new MediaHttpError(400, 'INVALID_SDP', `the offer was refused: ${(error as Error).message}`);
    }
  }

  /** Ends a WHIP or WHEP session (DELETE on its URL). */
  async end(id: string): Promise<boolean> {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.sessions.delete(id);
    if ('publisher' in session) {
      session.publisher.viewers.delete(session);
      await session.pc.close();
      return true;
    }
    if (this.publishers.get(session.key) === session) this.publishers.delete(session.key);
    if (session.connected) this.options.log(`media: WHIP ended ${session.key}`);
    session.connected = false;
    for (const viewer of session.viewers) await this.end(viewer.id);
    await session.bridge?.stop();
    await session.pc.close();
    return true;
  }

  private requestKeyframe(publisher: Publisher) {
    const ssrc = publisher.video?.ssrc;
    if (ssrc === undefined || !publisher.videoTransceiver) return;
    void publisher.videoTransceiver.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  private async startBridge(app: string, stream: string, publisher: Publisher) {
    const url = this.options.bridgeUrl?.(app, stream);
    if (!url || (!publisher.video && !publisher.audio)) return;
    const bridge = await startRtpBridge({
      video: publisher.video,
      audio: publisher.audio,
      publishUrl: url,
      workDir: join(this.options.dataDir, 'whip', app, stream),
    });
    // The session may have ended while the bridge was starting: nobody else would stop it.
    if (!publisher.connected) {
      await bridge.stop();
      return;
    }
    publisher.bridge = bridge;
    // ffmpeg needs an IDR to start; ask the browser for a few while it settles.
    for (const ms of [0, 500, 1500, 3000]) {
      setTimeout(() => {
        if (publisher.connected) this.requestKeyframe(publisher);
      }, ms).unref();
    }
    void publisher.bridge.ffmpeg.exited.then((code) => {
      if (!publisher.connected) return;
      this.options.log(
        `media: RTMP bridge for ${publisher.key} exited (${code}) ${publisher.bridge?.ffmpeg.stderr().trim()}`,
      );
    });
  }

  async close() {
    await Promise.all([...this.sessions.keys()].map((id) => this.end(id)));
  }
}
