/**
 * Recording in the real local server: ffmpeg publishes a test source over RTMP with a valid
 * txSecret, the media module records each continuous push to MP4, the replay module serves the
 * signed files, and WeChat's get_replay emulation lists them.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { runFfmpeg } from '../../src/media/ffmpeg';
import { createMediaModule, type MediaModule } from '../../src/media/media-module';
import { createReplayModule } from '../../src/replay/index';
import { RecordingStore, roomRecordingDir } from '../../src/replay/recordings';
import { type LiveServer, startLiveServer } from '../../src/start';
import { createWechatModule } from '../../src/wechat/wx-live-module';

const servers: LiveServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string) {
  const server = await startLiveServer({
    port: 0,
    dataDir,
    modules: [
      { name: 'wechat', factory: createWechatModule() },
      { name: 'media', factory: createMediaModule({ enabled: true, testPattern: false, publishGraceMs: 3000 }) },
      { name: 'replay', factory: createReplayModule() },
    ],
  });
  servers.push(server);
  return { server, media: server.modules.find((m) => m.name === 'media') as MediaModule };
}

/** Small and slow: the machine's two cores are shared. */
function publish(url: string, seconds: number) {
  return runFfmpeg([
    '-re',
    '-f',
    'lavfi',
    '-i',
    'testsrc=size=160x120:rate=10',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100',
    '-t',
    String(seconds),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '10',
    '-c:a',
    'aac',
    '-f',
    'flv',
    url,
  ]);
}

interface Segment {
  id: string;
  url: string;
  startedAt: number;
  endedAt: number;
  durationMs: number;
}

async function replay(server: LiveServer, room: string) {
  const res = await fetch(`${server.httpUrl}/v4/merchant/rooms/${room}/replay`);
  return (await res.json()) as { segments: Segment[] };
}

async function waitFor<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const adminAuth = (server: LiveServer) => ({
  authorization: `Bearer ${server.adminUserID}:${server.userSig(server.adminUserID)}`,
});

describe('recording', () => {
  it('records a push that drops and resumes as two MP4 segments, served signed with Range, listed by get_replay; they survive a restart and go with the room', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-rec-'));
    dirs.push(dataDir);
    let { server, media } = await start(dataDir);
    await server.admin.createRoom({ ownerID: 'host', groupID: 'show1', name: 'Show' });

    // Push 1 (4 s), then the same encoder comes back (within the publish grace) for push 2 (3 s).
    const spawn1 = Date.now();
    const first = publish(media.pushUrls('show1').rtmp, 4);
    expect(await first.exited).toBe(0);
    const spawn2 = Date.now();
    const second = publish(media.pushUrls('show1').rtmp, 3);
    expect(await second.exited).toBe(0);
    const { segments } = await waitFor(
      () => replay(server, 'show1'),
      (r) => r.segments.length === 2,
      15_000,
      'two segments',
    );
    const [a, b] = segments as [Segment, Segment];
    expect(a.startedAt).toBeGreaterThanOrEqual(spawn1);
    expect(a.startedAt).toBeLessThan(spawn1 + 8000);
    expect(b.startedAt).toBeGreaterThanOrEqual(spawn2);
    expect(b.startedAt).toBeLessThan(spawn2 + 8000);
    expect(b.startedAt).toBeGreaterThanOrEqual(a.endedAt - 200);
    expect(a.durationMs).toBeGreaterThan(2500);
    expect(a.durationMs).toBeLessThan(5000);
    expect(b.durationMs).toBeGreaterThan(1500);
    expect(b.durationMs).toBeLessThan(4000);
    expect(a.endedAt).toBe(a.startedAt + a.durationMs);

    // The file: MP4 with the index first (faststart), Range answered, the signature checked.
    const whole = await fetch(a.url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(4, 8).toString()).toBe('ftyp');
    const moov = bytes.indexOf('moov');
    const mdat = bytes.indexOf('mdat');
    expect(moov).toBeGreaterThan(0);
    expect(moov).toBeLessThan(mdat);
    const part = await fetch(a.url, { headers: { range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await fetch(a.url, { headers: { range: 'bytes=-10' } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 10))).toBe(true);
    expect((await fetch(a.url, { headers: { range: `bytes=${bytes.length}-` } })).status).toBe(416);
    const forged = a.url.replace(/sign=[0-9a-f]{4}/, 'sign=0000');
    expect((await fetch(forged)).status).toBe(403);
    expect((await fetch(a.url.replace(`/${a.id}.mp4`, `/${b.id}.mp4`))).status).toBe(403);
    expect((await fetch(a.url.split('?')[0]!)).status).toBe(403);

    // WeChat's get_replay: the segments in its shape, paged.
    const rooms = (await (
      await fetch(`${server.httpUrl}/wxa/business/getliveinfo?access_token=x`, {
        method: 'POST',
        body: JSON.stringify({ start: 0, limit: 10 }),
      })
    ).json()) as { room_info: Array<{ roomid: number; group_id: string }> };
    const roomid = rooms.room_info.find((r) => r.group_id === 'show1')!.roomid;
    const getReplay = async (start: number, limit: number) =>
      (await (
        await fetch(`${server.httpUrl}/wxa/business/getliveinfo?access_token=x`, {
          method: 'POST',
          body: JSON.stringify({ action: 'get_replay', room_id: roomid, start, limit }),
        })
      ).json()) as { errcode: number; errmsg: string; total: number; live_replay: Array<Record<string, string>> };
    const wx = await getReplay(0, 10);
    expect(wx).toMatchObject({ errcode: 0, errmsg: 'ok', total: 2 });
    expect(wx.live_replay).toHaveLength(2);
    for (const item of wx.live_replay) {
      expect(Object.keys(item).sort()).toEqual(['create_time', 'expire_time', 'media_url']);
      expect(item.create_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(item.expire_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(Date.parse(item.expire_time!)).toBeGreaterThan(Date.now());
    }
    expect(wx.live_replay[0]!.create_time).toBe(
      new Date(Math.floor(a.startedAt / 1000) * 1000).toISOString().replace('.000', ''),
    );
    expect((await fetch(wx.live_replay[1]!.media_url!)).status).toBe(200);
    const page = await getReplay(1, 1);
    expect(page.total).toBe(2);
    expect(page.live_replay).toHaveLength(1);
    expect(page.live_replay[0]!.media_url).toContain(`/${b.id}.mp4`);

    // The room list counts them.
    const list = (await (await fetch(`${server.httpUrl}/v4/rooms`)).json()) as {
      rooms: Array<{ groupID: string; replayCount: number }>;
    };
    expect(list.rooms.find((r) => r.groupID === 'show1')?.replayCount).toBe(2);

    // A restart on the same data keeps them.
    await server.close();
    servers.splice(0);
    ({ server, media } = await start(dataDir));
    const again = await replay(server, 'show1');
    expect(again.segments.map((s) => [s.id, s.startedAt, s.durationMs])).toEqual(
      segments.map((s) => [s.id, s.startedAt, s.durationMs]),
    );
    expect((await fetch(again.segments[1]!.url)).status).toBe(200);

    // Deleting the room deletes its recordings.
    const recordings = join(dataDir, 'recordings');
    expect(readdirSync(recordings).length).toBe(1);
    expect((await fetch(`${server.httpUrl}/v4/admin/rooms/show1`, { method: 'DELETE' })).status).toBe(401);
    const del = await fetch(`${server.httpUrl}/v4/admin/rooms/show1`, { method: 'DELETE', headers: adminAuth(server) });
    expect(del.status).toBe(200);
    expect(readdirSync(recordings)).toEqual([]);
    expect((await fetch(again.segments[0]!.url)).status).toBe(404);
    expect(existsSync(join(dataDir, 'recordings', 'show1'))).toBe(false);
    await server.admin.createRoom({ ownerID: 'host', groupID: 'show1' });
    expect((await replay(server, 'show1')).segments).toEqual([]);
    expect(
      (await fetch(`${server.httpUrl}/v4/admin/rooms/nope`, { method: 'DELETE', headers: adminAuth(server) })).status,
    ).toBe(404);
  }, 60_000);

  it('finishes a segment a crashed server left half-written (fragmented MP4) at the next start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-rec-'));
    dirs.push(dataDir);
    // What the recorder leaves when the process dies mid-push: a fragmented MP4 and a `recording` row.
    const dir = roomRecordingDir('crashed');
    mkdirSync(join(dataDir, dir), { recursive: true });
    const part = join(dir, 'crash00001.part.mp4');
    const writer = runFfmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=160x120:rate=10',
      '-t',
      '3',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '10',
      '-f',
      'mp4',
      '-movflags',
      '+frag_keyframe+empty_moov+default_base_moof',
      join(dataDir, part),
    ]);
    expect(await writer.exited).toBe(0);
    const db = openDatabase(dataDir);
    const startedAt = Date.now() - 60_000;
    new RecordingStore(db, dataDir).begin({ roomID: 'crashed', id: 'crash00001', startedAt, path: part });
    db.close();

    const { server } = await start(dataDir);
    await server.admin.createRoom({ ownerID: 'host', groupID: 'crashed' });
    const { segments } = await waitFor(
      () => replay(server, 'crashed'),
      (r) => r.segments.length === 1,
      15_000,
      'the recovered segment',
    );
    expect(segments[0]).toMatchObject({ id: 'crash00001', startedAt });
    expect(segments[0]!.durationMs).toBeGreaterThan(2500);
    expect(segments[0]!.durationMs).toBeLessThan(3500);
    const bytes = Buffer.from(await (await fetch(segments[0]!.url)).arrayBuffer());
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
    expect(existsSync(join(dataDir, part))).toBe(false);
  }, 30_000);
});
