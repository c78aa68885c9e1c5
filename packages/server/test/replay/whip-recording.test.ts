/**
 * A WHIP push is recorded like an RTMP one: werift plays the browser's part (as in the media
 * module's WHIP tests), real H.264 from ffmpeg goes in as RTP, the server bridges it into RTMP and
 * the recorder writes one MP4 for the push.
 */
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MediaStreamTrack,
  type RTCPeerConnection as PeerConnection,
  RTCPeerConnection,
  RTCRtpCodecParameters,
} from 'werift';
import { runFfmpeg } from '../../src/media/ffmpeg';
import { createMediaModule, type MediaModule } from '../../src/media/media-module';
import { createReplayModule } from '../../src/replay/index';
import { type LiveServer, startLiveServer } from '../../src/start';

let server: LiveServer | undefined;
const peers: PeerConnection[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const pc of peers.splice(0)) await pc.close();
  await server?.close();
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function offer(pc: PeerConnection) {
  await pc.setLocalDescription(await pc.createOffer());
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve()));
  }
  return pc.localDescription!.sdp;
}

describe('recording a WHIP push', () => {
  it('records the bridged stream as one MP4 segment', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-whip-rec-'));
    dirs.push(dataDir);
    server = await startLiveServer({
      port: 0,
      dataDir,
      modules: [
        { name: 'media', factory: createMediaModule({ enabled: true, testPattern: false, publishGraceMs: 200 }) },
        { name: 'replay', factory: createReplayModule() },
      ],
    });
    const media = server.modules.find((m) => m.name === 'media') as MediaModule;
    await server.admin.createRoom({ ownerID: 'host', groupID: 'webshow' });

    const publisher = new RTCPeerConnection({
      codecs: {
        video: [
          new RTCRtpCodecParameters({
            mimeType: 'video/H264',
            clockRate: 90000,
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
            parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
          }),
        ],
      },
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
    });
    peers.push(publisher);
    const track = new MediaStreamTrack({ kind: 'video' });
    publisher.addTransceiver(track, { direction: 'sendonly' });
    const res = await fetch(media.pushUrls('webshow').whip, {
      method: 'POST',
      headers: { 'content-type': 'application/sdp' },
      body: await offer(publisher),
    });
    expect(res.status).toBe(201);
    const location = res.headers.get('location')!;
    await publisher.setRemoteDescription({ type: 'answer', sdp: await res.text() });

    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    udp.on('message', (packet) => track.writeRtp(packet));
    const source = runFfmpeg([
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x120:rate=15',
      '-t',
      '30',
      '-c:v',
      'libx264',
      '-profile:v',
      'baseline',
      '-pix_fmt',
      'yuv420p',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-g',
      '15',
      '-payload_type',
      '96',
      '-f',
      'rtp',
      `rtp://127.0.0.1:${udp.address().port}`,
    ]);
    try {
      for (let i = 0; i < 100 && !media.isLive('webshow'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(media.isLive('webshow')).toBe(true);
      // Let the bridge run a few seconds, then the host ends the WHIP session.
      await new Promise((r) => setTimeout(r, 5000));
      expect((await fetch(`${server.httpUrl}${location}`, { method: 'DELETE' })).status).toBe(200);
    } finally {
      await source.stop();
      udp.close();
    }
    let segments: Array<{ url: string; durationMs: number }> = [];
    for (let i = 0; i < 75 && segments.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      const body = (await (await fetch(`${server.httpUrl}/v4/merchant/rooms/webshow/replay`)).json()) as {
        segments: typeof segments;
      };
      segments = body.segments;
    }
    expect(segments).toHaveLength(1);
    expect(segments[0]!.durationMs).toBeGreaterThan(1000);
    const file = Buffer.from(await (await fetch(segments[0]!.url)).arrayBuffer());
    expect(file.subarray(4, 8).toString()).toBe('ftyp');
    expect(file.indexOf('avc1')).toBeGreaterThan(0);
  }, 60_000);
});
