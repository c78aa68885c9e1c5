import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MediaStreamTrack,
  type RTCPeerConnection as PeerConnection,
  RTCPeerConnection,
  RTCRtpCodecParameters,
} from 'werift';
import { type LiveServer, startLiveServer } from '../start';
import { runFfmpeg, runningFfmpegCount } from './ffmpeg';
import { createMediaModule, type MediaModule } from './media-module';

/**
 * WHIP/WHEP against the real server, with werift playing the browser's part (the browser tests
 * do it with Chromium). Media is real H.264 from ffmpeg, sent as RTP through the WHIP session.
 */
let server: LiveServer | undefined;
const peers: PeerConnection[] = [];
afterEach(async () => {
  for (const pc of peers.splice(0)) await pc.close();
  await server?.close();
  server = undefined;
});

async function start() {
  server = await startLiveServer({
    port: 0,
    modules: [
      {
        name: 'media',
        factory: createMediaModule({ enabled: true, pushKey: 'k', testPattern: false, publishGraceMs: 200 }),
      },
    ],
  });
  return { server, media: server.modules.find((m) => m.name === 'media') as MediaModule };
}

const h264 = () =>
  new RTCRtpCodecParameters({
    mimeType: 'video/H264',
    clockRate: 90000,
    rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
    parameters: 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f',
  });

function peer() {
  const pc = new RTCPeerConnection({
    codecs: { video: [h264()] },
    iceAdditionalHostAddresses: ['127.0.0.1'],
    iceUseIpv6: false,
  });
  peers.push(pc);
  return pc;
}

async function offer(pc: PeerConnection) {
  await pc.setLocalDescription(await pc.createOffer());
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && resolve()));
  }
  return pc.localDescription!.sdp;
}

const post = (url: string, sdp: string, type = 'application/sdp') =>
  fetch(url, { method: 'POST', headers: { 'content-type': type }, body: sdp });

function connected(pc: PeerConnection) {
  return new Promise<void>((resolve) => {
    if (pc.connectionState === 'connected') resolve();
    pc.connectionStateChange.subscribe((s) => s === 'connected' && resolve());
  });
}

describe('WHIP ingest and WHEP playback', () => {
  it('refuses unsigned, forged and non-SDP publishes', async () => {
    const { server, media } = await start();
    const pc = peer();
    pc.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
    const sdp = await offer(pc);
    const good = media.pushUrls('s1').whip;
    expect((await post(`${server.httpUrl}/whip/live/s1`, sdp)).status).toBe(403);
    expect((await post(good.replace(/txSecret=[0-9a-f]+/, `txSecret=${'f'.repeat(32)}`), sdp)).status).toBe(403);
    expect((await post(good, sdp, 'text/plain')).status).toBe(415);
    expect((await post(good, 'hello', 'application/sdp')).status).toBe(400);
    expect((await post(`${server.httpUrl}/whep/live/s1`, sdp)).status).toBe(404);
    expect(media.isLive('s1')).toBe(false);
  });

  it('a signed publish connects, is bridged to FLV, plays over WHEP, and ends with DELETE', async () => {
    const { server, media } = await start();
    const publisher = peer();
    const track = new MediaStreamTrack({ kind: 'video' });
    publisher.addTransceiver(track, { direction: 'sendonly' });
    const res = await post(media.pushUrls('s1').whip, await offer(publisher));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/sdp');
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/whip\/session\/[0-9a-f]{24}$/);
    await publisher.setRemoteDescription({ type: 'answer', sdp: await res.text() });
    await connected(publisher);
    for (let i = 0; i < 50 && !media.isLive('s1'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(media.isLive('s1')).toBe(true);

    // Real H.264 RTP from ffmpeg into the WHIP track.
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    udp.on('message', (packet) => track.writeRtp(packet));
    const source = runFfmpeg([
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=15',
      // Bounded: an RTP sender never notices a dead receiver, so it must end by itself.
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
      // WHEP: a viewer receives the forwarded RTP.
      const viewer = peer();
      viewer.addTransceiver('video', { direction: 'recvonly' });
      const received = new Promise<number>((resolve) => {
        viewer.onTrack.subscribe((t) => {
          let n = 0;
          t.onReceiveRtp.subscribe(() => ++n === 20 && resolve(n));
        });
      });
      const played = await post(media.playUrls('s1').whep, await offer(viewer));
      expect(played.status).toBe(201);
      await viewer.setRemoteDescription({ type: 'answer', sdp: await played.text() });
      await expect(received).resolves.toBe(20);

      // The RTMP bridge makes the same stream an HTTP-FLV stream.
      for (let i = 0; i < 100 && !(await fetch(media.playUrls('s1').flv, { method: 'HEAD' })).ok; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const flv = await fetch(media.playUrls('s1').flv);
      expect(flv.status).toBe(200);
      const reader = flv.body!.getReader();
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        bytes += value?.length ?? 0;
        if (done || bytes >= 20_000) break;
      }
      await reader.cancel();
      expect(bytes).toBeGreaterThanOrEqual(20_000);
    } finally {
      await source.stop();
      udp.close();
    }

    // The host reconnecting (a restart, a reloaded page) takes the stream over from its old session.
    const again = peer();
    again.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
    const retaken = await post(media.pushUrls('s1').whip, await offer(again));
    expect(retaken.status).toBe(201);
    expect((await fetch(`${server.httpUrl}${location}`, { method: 'DELETE' })).status).toBe(404);
    const second = retaken.headers.get('location')!;
    await again.setRemoteDescription({ type: 'answer', sdp: await retaken.text() });
    await connected(again);
    for (let i = 0; i < 50 && !media.isLive('s1'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(media.isLive('s1')).toBe(true);

    expect((await fetch(`${server.httpUrl}${second}`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${server.httpUrl}${second}`, { method: 'DELETE' })).status).toBe(404);
    expect(media.isLive('s1')).toBe(false);
  });

  it('ending a WHIP session right after it connected stops its RTMP bridge', async () => {
    const { server, media } = await start();
    const before = runningFfmpegCount();
    const publisher = peer();
    publisher.addTransceiver(new MediaStreamTrack({ kind: 'video' }), { direction: 'sendonly' });
    const res = await post(media.pushUrls('s2').whip, await offer(publisher));
    await publisher.setRemoteDescription({ type: 'answer', sdp: await res.text() });
    await connected(publisher);
    for (let i = 0; i < 50 && !media.isLive('s2'); i++) await new Promise((r) => setTimeout(r, 20));
    // End at once, while the bridge has just started.
    expect((await fetch(`${server.httpUrl}${res.headers.get('location')}`, { method: 'DELETE' })).status).toBe(200);
    for (let i = 0; i < 60 && runningFfmpegCount() > before; i++) await new Promise((r) => setTimeout(r, 50));
    expect(runningFfmpegCount()).toBe(before);
  });
});
