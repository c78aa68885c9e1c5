import { afterEach, describe, expect, it } from 'vitest';
import { runFfmpeg } from '../../src/media/ffmpeg';
import { createMediaModule, type MediaModule } from '../../src/media/media-module';
import { merchantModule } from '../../src/merchant';
import { type LiveServer, startLiveServer } from '../../src/start';
import { loggedIn } from '../im/helpers';
import {
  bigMessageChunks,
  connectWithoutTcUrl,
  hostileRtmpCases,
  randomTypedChunk,
  sendRtmp,
  truncatedNumberConnect,
} from './rtmp-fuzz';

// Issue 11 item 1: three RTMP packets used to take the whole process (IM, merchant API) down.
// Every byte here goes to 127.0.0.1, and every loop is bounded in count and time.

let server: LiveServer | undefined;
const errors: unknown[] = [];
const onUncaught = (error: unknown) => errors.push(error);

afterEach(async () => {
  process.off('uncaughtException', onUncaught);
  await server?.close();
  server = undefined;
});

async function start() {
  const logs: string[] = [];
  server = await startLiveServer({
    port: 0,
    log: (m) => logs.push(m),
    modules: [
      { name: 'merchant', factory: merchantModule },
      { name: 'media', factory: createMediaModule({ enabled: true, pushKey: 'k', testPattern: false }) },
    ],
  });
  const media = server.modules.find((m) => m.name === 'media') as MediaModule;
  const port = Number(/:(\d+)\//.exec(media.info.rtmpUrl ?? '')?.[1]);
  return { server, media, port, logs };
}

async function servicesAnswer(s: LiveServer) {
  const { groupID } = await s.admin.createRoom({ ownerID: 'host' });
  const viewer = await loggedIn(s, `v${Math.random().toString(36).slice(2, 8)}`);
  await viewer.tim.joinGroup({ groupID });
  const sent = await viewer.tim.sendMessage(
    viewer.tim.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text: 'still here' } }),
  );
  expect(sent.code).toBe(0);
  await viewer.tim.destroy();
  const goods = await fetch(`${s.httpUrl}/v4/merchant/rooms/${encodeURIComponent(groupID)}/goods`);
  expect(goods.status).toBe(200);
  const info = await fetch(`${s.httpUrl}/media/info`);
  expect(info.status).toBe(200);
}

describe('RTMP ingest isolation', () => {
  it('a truncated AMF0 number, a connect without tcUrl and random chunks close only their connection', async () => {
    // Vitest would also report an uncaught exception, but record it to fail with a clear message.
    process.on('uncaughtException', onUncaught);
    const { server: s, port, logs } = await start();
    for (const payload of [truncatedNumberConnect(), connectWithoutTcUrl()]) {
      expect(await sendRtmp(port, payload, { timeoutMs: 2000 })).toBe('closed');
    }
    // Random chunks: some types are ignored, others throw; none may reach the process.
    await Promise.all(
      Array.from({ length: 20 }, () =>
        sendRtmp(port, Buffer.concat(Array.from({ length: 10 }, randomTypedChunk)), { timeoutMs: 800 }),
      ),
    );
    expect(errors).toEqual([]);
    expect(logs.some((l) => /media: dropped RTMP connection/.test(l))).toBe(true);
    await servicesAnswer(s);
  });

  it('a chunk stream announcing 16 MB messages is cut off, not buffered', async () => {
    const { port } = await start();
    // Today's code keeps the connection open and allocates 16 MB per chunk stream.
    expect(await sendRtmp(port, bigMessageChunks(8), { timeoutMs: 2000 })).toBe('closed');
  });

  it('survives a bounded fuzz of malformed handshakes and chunks; the ingest still takes a signed publish', async () => {
    process.on('uncaughtException', onUncaught);
    const { server: s, media, port } = await start();
    const deadline = Date.now() + 10_000;
    let connections = 0;
    for (let round = 0; round < 6 && Date.now() < deadline; round++) {
      const cases = hostileRtmpCases().map((c) =>
        sendRtmp(port, c.payload, { handshake: c.handshake, timeoutMs: 1500 }),
      );
      await Promise.all(cases);
      connections += cases.length;
    }
    expect(connections).toBeGreaterThanOrEqual(18);
    expect(errors).toEqual([]);
    await servicesAnswer(s);
    const ffmpeg = runFfmpeg([
      '-re',
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x120:rate=10',
      '-t',
      '15',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '10',
      '-f',
      'flv',
      media.pushUrls('after').rtmp,
    ]);
    try {
      for (let i = 0; i < 100 && !media.isLive('after'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(media.isLive('after')).toBe(true);
    } finally {
      await ffmpeg.stop();
    }
  }, 40_000);
});
