import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer } from '../start';
import { runFfmpeg } from './ffmpeg';
import { createMediaModule, type MediaModule, type MediaModuleOptions } from './media-module';
import { signStream } from './stream-urls';

const PUSH_KEY = 'test-push-key';
let server: LiveServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: MediaModuleOptions = {}) {
  server = await startLiveServer({
    port: 0,
    modules: [
      {
        name: 'media',
        // Small and slow: the test machine's two cores are shared with every other test.
        factory: createMediaModule({
          enabled: true,
          pushKey: PUSH_KEY,
          testPattern: { size: '320x180', fps: 15 },
          ...options,
        }),
      },
    ],
  });
  return { server, media: server.modules.find((m) => m.name === 'media') as MediaModule };
}

/** Reads from a URL until `enough(bytes)` or the timeout; resolves with what arrived and the status. */
function readUntil(url: string, enough: (data: Buffer) => boolean, timeoutMs = 15_000) {
  return new Promise<{ status: number; data: Buffer }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    const req = request(url, (res) => {
      const done = () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, data: Buffer.concat(chunks) });
      };
      const timer = setTimeout(done, timeoutMs);
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        if (enough(Buffer.concat(chunks))) done();
      });
      res.on('end', done);
    });
    req.on('error', reject);
    req.end();
  });
}

/** True once the FLV stream holds a video tag carrying an AVC keyframe. */
function hasKeyframe(data: Buffer): boolean {
  if (data.length < 13 || data.subarray(0, 3).toString() !== 'FLV') return false;
  let offset = 13;
  while (offset + 11 <= data.length) {
    const type = data[offset]!;
    const size = data.readUIntBE(offset + 1, 3);
    if (offset + 11 + size > data.length) return false;
    if (type === 9 && (data[offset + 11]! & 0xf0) === 0x10 && data[offset + 12] === 1) return true;
    offset += 11 + size + 4;
  }
  return false;
}

function publish(url: string) {
  return runFfmpeg([
    '-re',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=160x120:rate=10',
    '-t',
    '20',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-g',
    '10',
    '-f',
    'flv',
    url,
  ]);
}

describe('media module', () => {
  it('starts in milliseconds without spawning ffmpeg', async () => {
    const t0 = performance.now();
    const { media } = await start();
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(media.testPattern?.running).toBe(false);
    expect(media.info).toMatchObject({
      enabled: true,
      rtmpUrl: expect.stringMatching(/^rtmp:\/\/127\.0\.0\.1:\d+\/live$/),
      testPattern: { stream: 'demo', start: 'lazy', flv: `${server!.httpUrl}/live/demo.flv` },
    });
  });

  it('can be switched off', async () => {
    const { server, media } = await start({ enabled: false });
    expect(media.info).toEqual({ enabled: false });
    const res = await fetch(`${server.httpUrl}/live/demo.flv`);
    expect(res.status).toBe(404);
  });

  it('refuses a publish with a forged or expired txSecret', async () => {
    const { media } = await start({ testPattern: false });
    const good = media.pushUrls('s1').rtmp;
    const forged = good.replace(/txSecret=[0-9a-f]{32}/, `txSecret=${'0'.repeat(32)}`);
    const expired = media.pushUrls('s1', { expiresAt: Math.floor(Date.now() / 1000) - 10 }).rtmp;
    const unsigned = good.split('?')[0]!;
    for (const url of [forged, expired, unsigned]) {
      const ffmpeg = publish(url);
      const code = await ffmpeg.exited;
      expect(code, url).not.toBe(0);
      expect(media.isLive('s1')).toBe(false);
    }
    const res = await fetch(`${server!.httpUrl}/live/s1.flv`);
    expect(res.status).toBe(404);
  });

  it('a signed publish goes live and plays as HTTP-FLV', async () => {
    const { media } = await start({ testPattern: false });
    const ffmpeg = publish(media.pushUrls('s1').rtmp);
    try {
      for (let i = 0; i < 100 && !media.isLive('s1'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(media.isLive('s1')).toBe(true);
      const { status, data } = await readUntil(media.playUrls('s1').flv, hasKeyframe);
      expect(status).toBe(200);
      expect(hasKeyframe(data)).toBe(true);
    } finally {
      await ffmpeg.stop();
    }
  });

  it('the lazy test pattern starts on the first FLV request and serves HLS', async () => {
    const { media } = await start({ publishGraceMs: 300 });
    const flv = await readUntil(media.playUrls('demo').flv, hasKeyframe);
    expect(flv.status).toBe(200);
    expect(hasKeyframe(flv.data)).toBe(true);
    expect(media.testPattern?.running).toBe(true);

    const playlist = await fetch(media.playUrls('demo').hls);
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await playlist.text();
    const segments = text.split('\n').filter((l) => l.endsWith('.ts'));
    expect(text.startsWith('#EXTM3U')).toBe(true);
    expect(segments.length).toBeGreaterThanOrEqual(3);
    const segment = await fetch(new URL(segments[0]!, media.playUrls('demo').hls));
    expect(segment.status).toBe(200);
    const bytes = new Uint8Array(await segment.arrayBuffer());
    expect(bytes[0]).toBe(0x47); // MPEG-TS sync byte
    expect(bytes.length % 188).toBe(0);

    // A viewer still watching when the source goes away is closed once the publish grace ends.
    const watcher = readUntil(media.playUrls('demo').flv, () => false, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    const stoppedAt = Date.now();
    await media.testPattern!.stop();
    expect(media.testPattern?.running).toBe(false);
    const watched = await watcher;
    expect(hasKeyframe(watched.data)).toBe(true);
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    // Stopped on purpose: a play request no longer brings it back.
    expect((await fetch(media.playUrls('demo').flv)).status).toBe(404);
    expect((await fetch(media.playUrls('demo').hls)).status).toBe(404);
  });

  it('signed play: unsigned and forged play requests are refused', async () => {
    const { server, media } = await start({ playKey: 'play-key', testPattern: false });
    const ffmpeg = publish(media.pushUrls('s1').rtmp);
    try {
      for (let i = 0; i < 100 && !media.isLive('s1'); i++) await new Promise((r) => setTimeout(r, 100));
      expect((await fetch(`${server.httpUrl}/live/s1.flv`)).status).toBe(403);
      const forged = signStream('wrong-key', 's1', Math.floor(Date.now() / 1000) + 60);
      expect(
        (await fetch(`${server.httpUrl}/live/s1.flv?txSecret=${forged.txSecret}&txTime=${forged.txTime}`)).status,
      ).toBe(403);
      const { status } = await readUntil(media.playUrls('s1').flv, hasKeyframe);
      expect(status).toBe(200);
    } finally {
      await ffmpeg.stop();
    }
  });

  it('issues push URLs to a room host only', async () => {
    const { server } = await start({ testPattern: false });
    await server.admin.createRoom({ ownerID: 'host1', groupID: 'room1' });
    const ask = (userID: string, stream: string, sig = server.userSig(userID)) =>
      fetch(`${server.httpUrl}/media/push-url`, {
        method: 'POST',
        headers: { authorization: `Bearer ${userID}:${sig}`, 'content-type': 'application/json' },
        body: JSON.stringify({ stream }),
      });
    const ok = await ask('host1', 'room1');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { rtmp: string; whip: string; play: { flv: string } };
    expect(body.rtmp).toMatch(/^rtmp:\/\/127\.0\.0\.1:\d+\/live\/room1\?txSecret=[0-9a-f]{32}&txTime=[0-9A-F]+$/);
    expect(body.whip).toContain(`${server.httpUrl}/whip/live/room1?txSecret=`);
    expect(body.play.flv).toBe(`${server.httpUrl}/live/room1.flv`);
    expect((await ask('viewer1', 'room1')).status).toBe(403);
    expect((await ask('host1', 'room1', 'forged')).status).toBe(401);
    expect((await ask('host1', '../etc')).status).toBe(400);
    expect((await fetch(`${server.httpUrl}/media/push-url`, { method: 'POST' })).status).toBe(401);
  });

  it('answers play-url and info requests and refuses publishing over HTTP', async () => {
    const { server } = await start({ testPattern: false });
    const urls = (await (await fetch(`${server.httpUrl}/media/play-urls?stream=abc`)).json()) as Record<
      string,
      unknown
    >;
    expect(urls).toMatchObject({ stream: 'abc', live: false, hls: `${server.httpUrl}/live/abc.m3u8` });
    expect((await fetch(`${server.httpUrl}/media/info`)).status).toBe(200);
    expect((await fetch(`${server.httpUrl}/live/abc.flv`, { method: 'POST', body: 'FLV' })).status).toBe(405);
    expect((await fetch(`${server.httpUrl}/live/abc.m3u8`)).status).toBe(404);
  });
});
