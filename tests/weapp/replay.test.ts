/**
 * The replay page on the weapp build, through the runtime harness: it renders the native `<video>`
 * with the recorded segment's URL, and the danmaku follows the `<video>`'s `bindtimeupdate` events
 * (simulated here: WeChat is not). The recording is real: ffmpeg publishes RTMP to the local server,
 * which records it; a Node client of the same server chats during the push.
 */

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createLocalTIM, TIMLiveSell } from '@livesell/core';
import type { LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoConfig, startDemoServer } from '../support/server';
import { loadWeapp, type WeappPage, type WeappRuntime } from './harness';

const ROOM = 'weapp-replay';
let live: LiveServer;
let runtime: WeappRuntime | undefined;
let host: TIMLiveSell | undefined;

beforeAll(async () => {
  live = await startDemoServer();
});
afterEach(async () => {
  runtime?.close();
  await host?.destroy();
  runtime = undefined;
  host = undefined;
});
afterAll(async () => {
  await live?.close();
});

const ffmpegPath = () => (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Publishes `seconds` of a small test stream to the room over RTMP; resolves when ffmpeg exits. */
async function publish(roomID: string, seconds: number): Promise<number | null> {
  const res = await fetch(`${live.httpUrl}/media/push-url`, {
    method: 'POST',
    headers: { authorization: `Bearer host:${live.userSig('host')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ stream: roomID }),
  });
  const { rtmp } = (await res.json()) as { rtmp: string };
  const child = spawn(
    ffmpegPath(),
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10'].concat(
      ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '10', '-t', String(seconds)],
      ['-f', 'flv', rtmp],
    ),
    { stdio: 'ignore' },
  );
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

interface Segment {
  id: string;
  url: string;
  startedAt: number;
  durationMs: number;
}
interface Event {
  at: number;
  type: string;
  data: { text?: string };
}

async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const chatTexts = (page: WeappPage) => page.findAll('.ls-danmaku__text').map((n) => page.text(n));

describe('weapp demo: replay', () => {
  it('renders <video> with the recorded URL; the danmaku follows timeupdate', async () => {
    await live.admin.createRoom({ ownerID: 'host', groupID: ROOM, name: 'Weapp replay' });
    host = new TIMLiveSell({
      SDKAppID: live.sdkAppID,
      roomID: ROOM,
      userSig: live.userSig('host'),
      userName: 'host',
      nick: 'Lina',
      TIM: createLocalTIM({ url: live.wsUrl, WebSocket }),
    });
    await host.joinRoom();
    await host.setRoomStatus('live');

    // A 10 s push; the host chats 5 s and 7 s in (the recording starts a moment after the push:
    // ffmpeg starts, the recorder probes the stream).
    const pushed = publish(ROOM, 10);
    await sleep(5000);
    await host.sendMessage('first from the show');
    await sleep(2000);
    await host.sendMessage('second from the show');
    expect(await pushed).toBe(0);
    await host.setRoomStatus('ended');

    const replay = await waitFor(
      async () => {
        const r = (await (await fetch(`${live.httpUrl}/v4/merchant/rooms/${ROOM}/replay`)).json()) as {
          segments: Segment[];
        };
        return r.segments.length ? r : undefined;
      },
      20_000,
      'the recorded segment',
    );
    const segment = replay.segments[0]!;
    const timeline = (await (
      await fetch(`${live.httpUrl}/v4/merchant/rooms/${ROOM}/timeline?from=0&to=${Date.now() + 1000}&types=chat`)
    ).json()) as { events: Event[] };
    const [first, second] = timeline.events;
    expect(first?.data.text).toBe('first from the show');
    expect(second?.data.text).toBe('second from the show');
    // Video time of each message: at = startedAt + currentTime * 1000.
    const t1 = (first!.at - segment.startedAt) / 1000;
    const t2 = (second!.at - segment.startedAt) / 1000;
    expect(t1).toBeGreaterThan(0);
    expect(t2).toBeLessThan(segment.durationMs / 1000);

    // The room list offers the ended room's replay; a tap opens the replay page.
    runtime = loadWeapp({ storage: { 'livesell:server': JSON.stringify(demoConfig(live)) } });
    const rooms = runtime.openPage('pages/rooms/index');
    const link = await rooms.waitFor(() => rooms.findByText('Watch replay', '.demo-replay-link'), 15_000);
    rooms.tap(link);
    const page = await runtime.waitFor(() => {
      const p = runtime?.currentPage();
      return p?.route === 'live/replay/index' ? p : undefined;
    }, 10_000);
    const video = await page.waitFor(() => page.find('video'), 15_000);
    // The recorded file, signed by the server (each answer signs afresh: compare the file, then the signature's presence).
    const src = String(video.attrs.src);
    expect(src.split('?')[0]).toBe(segment.url.split('?')[0]);
    expect(src).toMatch(/\.mp4\?t=\d+&sign=[0-9a-f]{64}$/);
    await page.waitFor(() => (page.find('.ls-replay--ready') ? true : undefined), 10_000);
    expect(chatTexts(page)).toEqual([]);

    const at = async (seconds: number) => {
      page.fire(page.get('video'), 'timeupdate', { currentTime: seconds, duration: segment.durationMs / 1000 });
      await sleep(150);
    };
    // Just before the first message: nothing; at it: shown; the second only at its own time.
    await at(Math.max(0, t1 - 0.3));
    expect(chatTexts(page)).toEqual([]);
    await at(t1 + 0.01);
    await page.waitFor(() => (chatTexts(page).includes('first from the show') ? true : undefined), 3000);
    expect(chatTexts(page)).not.toContain('second from the show');
    await at((t1 + t2) / 2);
    expect(chatTexts(page)).not.toContain('second from the show');
    await at(t2 + 0.01);
    await page.waitFor(() => (chatTexts(page).includes('second from the show') ? true : undefined), 3000);
    expect(chatTexts(page)).toEqual(['first from the show', 'second from the show']);
    expect(runtime.errors).toEqual([]);
  }, 120_000);
});
