import { createSocket, type Socket } from 'node:dgram';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MediaStreamTrack, RtpPacket } from 'werift';
import { type FfmpegProcess, runFfmpeg } from './ffmpeg';

/**
 * Re-publishes a WebRTC (WHIP) stream over RTMP so FLV/HLS viewers — the mini program among them —
 * see it too: RTP is forwarded to ffmpeg over loopback UDP (described by an SDP file); H.264 is
 * copied, Opus becomes AAC. Returns when ffmpeg is running.
 */
export interface RtpBridge {
  readonly ffmpeg: FfmpegProcess;
  stop(): Promise<void>;
}

const VIDEO_PT = 96;
const AUDIO_PT = 111;

async function freeUdpPort(): Promise<number> {
  // An even port with its odd RTCP neighbour free, as RTP/AVP expects.
  for (let i = 0; i < 20; i++) {
    const probe = createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      probe.once('error', reject);
      probe.bind(0, '127.0.0.1', () => resolve(probe.address().port));
    });
    probe.close();
    if (port % 2 === 0 && port < 65534) return port;
  }
  throw new Error('no free UDP port pair');
}

export async function startRtpBridge(options: {
  video?: MediaStreamTrack;
  audio?: MediaStreamTrack;
  publishUrl: string;
  workDir: string;
}): Promise<RtpBridge> {
  const videoPort = options.video ? await freeUdpPort() : 0;
  const audioPort = options.audio ? await freeUdpPort() : 0;
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=livesell-whip', 'c=IN IP4 127.0.0.1', 't=0 0'];
  if (options.video) {
    lines.push(
      `m=video ${videoPort} RTP/AVP ${VIDEO_PT}`,
      `a=rtpmap:${VIDEO_PT} H264/90000`,
      `a=fmtp:${VIDEO_PT} packetization-mode=1`,
    );
  }
  if (options.audio) lines.push(`m=audio ${audioPort} RTP/AVP ${AUDIO_PT}`, `a=rtpmap:${AUDIO_PT} opus/48000/2`);
  mkdirSync(options.workDir, { recursive: true });
  const sdpPath = join(options.workDir, 'input.sdp');
  writeFileSync(sdpPath, `${lines.join('\r\n')}\r\n`);

  const ffmpeg = runFfmpeg([
    '-protocol_whitelist',
    'file,udp,rtp',
    '-fflags',
    '+genpts',
    '-analyzeduration',
    '1000000',
    '-i',
    sdpPath,
    ...(options.video ? ['-c:v', 'copy'] : ['-vn']),
    ...(options.audio ? ['-c:a', 'aac', '-b:a', '96k', '-ar', '44100'] : ['-an']),
    '-f',
    'flv',
    options.publishUrl,
  ]);

  const socket: Socket = createSocket('udp4');
  const unsubscribe: Array<() => void> = [];
  const forward = (track: MediaStreamTrack | undefined, port: number, payloadType: number) => {
    if (!track) return;
    const { unSubscribe } = track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
      const packet = rtp.clone();
      packet.header.payloadType = payloadType;
      packet.header.extension = false;
      packet.header.extensions = [];
      socket.send(packet.serialize(), port, '127.0.0.1');
    });
    unsubscribe.push(unSubscribe);
  };
  forward(options.video, videoPort, VIDEO_PT);
  forward(options.audio, audioPort, AUDIO_PT);

  return {
    ffmpeg,
    async stop() {
      for (const u of unsubscribe) u();
      socket.close();
      await ffmpeg.stop();
    },
  };
}
