import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import type { TimelineEvent } from '../protocol/replay';
import { orderedDanmaku } from '../room/danmaku-ring';
import { createReplayClient, type ReplayFetch } from './client';
import { createReplayStore, type ReplayStoreOptions } from './replay-store';
import { positionAt, serverTimeAt } from './timeline-map';

// Unit tests on a manual clock and a FAKE fetch: an in-memory implementation of the replay API's
// contract (`/replay`, `/timeline` with from/to/limit/cursor/types paging). The real server is
// exercised by the browser test tests/browser/replay.test.ts.

const T0 = 1_700_000_000_000;
const S1 = {
  id: 's1',
  url: 'http://127.0.0.1/replay/r/s1.mp4',
  startedAt: T0,
  endedAt: T0 + 600_000,
  durationMs: 600_000,
};
const S2 = {
  id: 's2',
  url: 'http://127.0.0.1/replay/r/s2.mp4',
  startedAt: T0 + 700_000,
  endedAt: T0 + 1_000_000,
  durationMs: 300_000,
};

function chat(at: number, text: string, userID = 'u1'): TimelineEvent {
  return { id: `m-${at}-${text}`, at, type: 'chat', userID, nick: userID.toUpperCase(), data: { text } };
}

interface FakeServer {
  events: TimelineEvent[];
  requests: URL[];
  fetch: ReplayFetch;
  fail: boolean;
}

function fakeServer(events: TimelineEvent[], extra: Record<string, unknown> = {}): FakeServer {
  const server: FakeServer = {
    events: events.slice().sort((a, b) => a.at - b.at),
    requests: [],
    fail: false,
    fetch: async (url) => {
      const u = new URL(url);
      server.requests.push(u);
      if (server.fail) throw new Error('offline');
      const json = (body: unknown, status = 200) => ({ status, json: async () => body });
      if (u.pathname.endsWith('/replay')) {
        return json({
          roomID: 'r',
          name: 'Show',
          ownerID: 'host',
          phase: 'ended',
          startedAt: T0,
          endedAt: T0 + 1_000_000,
          segments: [S2, S1],
          chapters: [
            { at: T0 + 100_000, goodsID: 'g1', title: 'Tea', price: 1290 },
            { at: T0 + 400_000, goodsID: 'g2', title: 'Cup' },
          ],
          sellOnReplay: true,
          ...extra,
        });
      }
      if (u.pathname.endsWith('/timeline')) {
        const from = Number(u.searchParams.get('from'));
        const to = Number(u.searchParams.get('to'));
        const limit = Number(u.searchParams.get('limit') ?? 200);
        const offset = Number(u.searchParams.get('cursor') ?? 0);
        const types = u.searchParams.get('types')?.split(',');
        const all = server.events.filter((e) => e.at >= from && e.at < to && (!types || types.includes(e.type)));
        const page = all.slice(offset, offset + limit);
        return json({ events: page, next: offset + limit < all.length ? String(offset + limit) : null });
      }
      return json({ error: { code: 'NOT_FOUND', message: 'no' } }, 404);
    },
  };
  return server;
}

async function settle() {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

function setup(server: FakeServer, options: Partial<ReplayStoreOptions> = {}) {
  const clock = createManualClock(T0 + 5_000_000);
  const client = createReplayClient({ baseUrl: 'http://127.0.0.1:1/', roomID: 'r', fetch: server.fetch });
  const store = createReplayStore({ client, clock, userID: 'me', ...options });
  const texts = () => orderedDanmaku(store.getState().danmaku).map((r) => r.text);
  const timelineRequests = () => server.requests.filter((u) => u.pathname.endsWith('/timeline'));
  return { clock, store, texts, timelineRequests };
}

/** A show: one chat every second for 1000 s, likes every 10 s with a running total. */
function busyShow(): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (let s = 0; s < 1000; s++) events.push(chat(T0 + s * 1000 + 500, `c${s}`));
  for (let s = 0; s < 100; s++) {
    events.push({ id: `like-${s}`, at: T0 + s * 10_000 + 200, type: 'like', data: { count: 3, total: (s + 1) * 3 } });
  }
  events.push({
    id: 'explain-1',
    at: T0 + 100_000,
    type: 'explain',
    data: { goodsID: 'g1', title: 'Tea', price: 1290 },
  });
  events.push({ id: 'explain-2', at: T0 + 400_000, type: 'explain', data: { goodsID: 'g2', title: 'Cup' } });
  events.push({ id: 'status-1', at: T0, type: 'status', data: { status: 'live', phase: 'live' } });
  return events;
}

describe('replay time mapping', () => {
  it('maps video time to server time and back across segments and gaps', () => {
    const segments = [S1, S2];
    expect(serverTimeAt(segments, 0, 12.5)).toBe(T0 + 12_500);
    expect(serverTimeAt(segments, 1, 10)).toBe(T0 + 710_000);
    expect(positionAt(segments, T0 + 12_500)).toEqual({ segment: 0, offset: 12.5 });
    expect(positionAt(segments, T0 + 710_000)).toEqual({ segment: 1, offset: 10 });
    // In the gap between the pushes: the start of the next segment.
    expect(positionAt(segments, T0 + 650_000)).toEqual({ segment: 1, offset: 0 });
    expect(positionAt(segments, T0 - 5)).toEqual({ segment: 0, offset: 0 });
    expect(positionAt(segments, T0 + 5_000_000)).toEqual({ segment: 1, offset: 300 });
    expect(positionAt([], T0)).toBeNull();
  });
});

describe('createReplayStore', () => {
  it('loads segments (sorted) and chapters, and starts at the first frame', async () => {
    const server = fakeServer(busyShow());
    const { store } = setup(server);
    await store.load();
    const s = store.getState();
    expect(s.status).toBe('ready');
    expect(s.segments.map((x) => x.id)).toEqual(['s1', 's2']);
    expect(s.chapters.map((c) => c.goodsID)).toEqual(['g1', 'g2']);
    expect(s.info?.sellOnReplay).toBe(true);
    expect(s.playhead).toBe(T0);
    expect(s.roomStatus).toBe('live');
  });

  it('replays chat at its time, in the live store row shape, and fetches only windows around the playhead', async () => {
    const server = fakeServer(busyShow());
    const { store, texts, timelineRequests } = setup(server);
    await store.load();
    expect(texts()).toEqual([]);
    store.setPlayhead(T0 + 499);
    expect(texts()).toEqual([]);
    store.setPlayhead(T0 + 500);
    expect(texts()).toEqual(['c0']);
    const row = orderedDanmaku(store.getState().danmaku)[0]!;
    expect(row).toMatchObject({
      id: `m-${T0 + 500}-c0`,
      userID: 'u1',
      nick: 'U1',
      role: 'member',
      isSelf: false,
      count: 1,
    });
    expect(row.key.startsWith('rp')).toBe(true);
    // Play 40 s in 250 ms steps, like timeupdate.
    for (let t = T0 + 500; t <= T0 + 40_500; t += 250) store.setPlayhead(t);
    expect(texts().slice(-2)).toEqual(['c39', 'c40']);
    // Never the whole show: each request's range is at most one window (60 s) wide.
    for (const u of timelineRequests()) {
      const from = Number(u.searchParams.get('from'));
      const to = Number(u.searchParams.get('to'));
      if (!u.searchParams.get('types')) expect(to - from).toBeLessThanOrEqual(60_001);
    }
    expect(store.getState().stats.maxBuffered).toBeLessThan(200);
    expect(store.getState().loaded.to).toBeLessThanOrEqual(T0 + 61_001);
  });

  it('prefetches the next window when 15 s remain, with no gap and no duplicate at the boundary', async () => {
    const server = fakeServer(busyShow());
    const { store, texts } = setup(server);
    await store.load();
    const firstEnd = store.getState().loaded.to;
    expect(firstEnd).toBe(T0 + 1 + 60_000);
    for (let t = T0; t <= firstEnd - 16_001; t += 500) store.setPlayhead(t);
    await settle();
    expect(store.getState().loaded.to).toBe(firstEnd);
    // 15 s before the end: the next window is fetched.
    for (let t = firstEnd - 16_000; t <= firstEnd - 15_000; t += 250) store.setPlayhead(t);
    await settle();
    expect(store.getState().loaded.to).toBe(firstEnd + 60_000);
    // Play across the boundary: every second's chat exactly once, in order.
    const seen: string[] = [];
    let last = 0;
    store.subscribe((s) => {
      if (s.danmaku.newestSeq !== last) {
        for (const r of orderedDanmaku(s.danmaku)) if (r.seq > last) seen.push(r.text);
        last = s.danmaku.newestSeq;
      }
    });
    last = store.getState().danmaku.newestSeq;
    for (let t = firstEnd - 15_000 + 250; t <= firstEnd + 5_000; t += 250) {
      store.setPlayhead(t);
      await settle();
    }
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => `c${45 + i}`));
    expect(texts().length).toBeLessThanOrEqual(50);
  });

  it('after a seek shows the last 20 chat rows before that moment, the explaining item and like total then', async () => {
    const server = fakeServer(busyShow());
    const { store, texts } = setup(server);
    await store.load();
    await store.seek(T0 + 450_000);
    const s = store.getState();
    expect(s.seeking).toBe(false);
    // c430 … c449 (at +430.5 s … +449.5 s): twenty, not a flood of everything before.
    expect(texts()).toEqual(Array.from({ length: 20 }, (_, i) => `c${430 + i}`));
    expect(s.explaining).toMatchObject({ id: 'g2', title: 'Cup' });
    expect(s.chapterIndex).toBe(1);
    expect(s.likeTotal).toBe(45 * 3);
    // Seeking back before the second chapter: the first product again.
    await store.seek(T0 + 150_000);
    expect(store.getState().explaining).toMatchObject({ id: 'g1', price: 1290 });
    expect(store.getState().chapterIndex).toBe(0);
    expect(texts()[texts().length - 1]).toBe('c149');
    // Before any chapter: nothing explained.
    await store.seek(T0 + 50_000);
    expect(store.getState().explaining).toBeNull();
    expect(store.getState().chapterIndex).toBe(-1);
  });

  it('treats a jump of the playhead (native seek bar) as a seek, and a small step back as nothing', async () => {
    const server = fakeServer(busyShow());
    const { store, texts } = setup(server);
    await store.load();
    for (let t = T0; t <= T0 + 3000; t += 250) store.setPlayhead(t);
    expect(texts()).toEqual(['c0', 'c1', 'c2']);
    store.setPlayhead(T0 + 2_600);
    expect(texts()).toEqual(['c0', 'c1', 'c2']);
    store.setPlayhead(T0 + 300_000);
    expect(store.getState().seeking).toBe(true);
    await settle();
    expect(store.getState().seeking).toBe(false);
    expect(texts().length).toBe(20);
    expect(texts()[19]).toBe('c299');
    expect(store.getState().stats.seeks).toBe(2);
  });

  it('does not replay gifts and purchases older than a few seconds after a seek; replays them in play', async () => {
    const events = busyShow();
    events.push({
      id: 'gift-1',
      at: T0 + 200_000,
      type: 'gift',
      userID: 'u2',
      nick: 'Ann',
      data: { giftID: 'rose', name: 'Rose', count: 2 },
    });
    events.push({
      id: 'purchase-1',
      at: T0 + 200_500,
      type: 'purchase',
      userID: 'me',
      nick: 'Me',
      data: { goodsID: 'g1', title: 'Tea', quantity: 1 },
    });
    events.push({
      id: 'gift-2',
      at: T0 + 209_000,
      type: 'gift',
      userID: 'u3',
      nick: 'Bo',
      data: { giftID: 'car', count: 1 },
    });
    const server = fakeServer(events);
    const { store } = setup(server);
    await store.load();
    await store.seek(T0 + 210_000);
    // The rose (10 s ago) and the purchase are old news; the car (1 s ago) still shows.
    expect(store.getState().gifts.map((g) => g.giftID)).toEqual(['car']);
    expect(store.getState().purchases).toEqual([]);
    await store.seek(T0 + 199_000);
    for (let t = T0 + 199_000; t <= T0 + 201_000; t += 250) store.setPlayhead(t);
    const gifts = store.getState().gifts;
    expect(gifts.map((g) => [g.giftID, g.name, g.count, g.nick])).toEqual([['rose', 'Rose', 2, 'Ann']]);
    expect(store.getState().purchases.map((p) => [p.goodsID, p.title, p.verified, p.isSelf])).toEqual([
      ['g1', 'Tea', true, true],
    ]);
    // Gift cards leave 4 s (show time) after their last gift.
    for (let t = T0 + 201_000; t <= T0 + 204_500; t += 250) store.setPlayhead(t);
    expect(store.getState().gifts).toEqual([]);
  });

  it('keeps memory bounded in a flood: a window is cut at maxPages pages, the rest comes later', async () => {
    const events: TimelineEvent[] = [];
    for (let i = 0; i < 5000; i++) events.push(chat(T0 + 1000 + i * 10, `f${i}`));
    const server = fakeServer(events);
    const { store, texts } = setup(server, { window: { pageLimit: 100, maxPages: 4 } });
    await store.load();
    const s = store.getState();
    expect(s.stats.truncated).toBeGreaterThan(0);
    expect(s.stats.buffered).toBeLessThanOrEqual(400);
    // Playing on, rows keep coming without gaps in the order.
    for (let t = T0; t <= T0 + 20_000; t += 250) {
      store.setPlayhead(t);
      await settle();
      expect(store.getState().stats.buffered).toBeLessThanOrEqual(800);
    }
    expect(texts()[texts().length - 1]).toBe('f1900');
    expect(texts().length).toBe(50);
  });

  it('ignores answers for a seek that was overtaken by another', async () => {
    const server = fakeServer(busyShow());
    const { store, texts } = setup(server);
    await store.load();
    const first = store.seek(T0 + 100_000);
    const second = store.seek(T0 + 500_000);
    await Promise.all([first, second]);
    expect(texts()[texts().length - 1]).toBe('c499');
    expect(store.getState().playhead).toBe(T0 + 500_000);
  });

  it('retries a failed window on the clock, and reports the error meanwhile', async () => {
    const server = fakeServer(busyShow());
    const { store, clock, texts } = setup(server);
    await store.load();
    server.fail = true;
    for (let t = T0; t <= T0 + 46_000; t += 500) store.setPlayhead(t);
    await settle();
    expect(store.getState().error).toMatch(/offline/);
    server.fail = false;
    clock.advance(2000);
    await settle();
    expect(store.getState().error).toBeNull();
    expect(store.getState().loaded.to).toBe(T0 + 1 + 120_000);
    expect(texts()[texts().length - 1]).toBe('c45');
  });

  it('validates the network: bad events and unsafe URLs are dropped, text is cut', async () => {
    const events = [
      chat(T0 + 100, 'x'.repeat(5000)),
      { id: '', at: T0 + 200, type: 'chat', data: { text: 'no id' } } as TimelineEvent,
      { id: 'bad-type', at: T0 + 300, type: 'hack', data: {} } as unknown as TimelineEvent,
      { id: 'bad-at', at: Number.NaN, type: 'chat', data: { text: 'nan' } } as TimelineEvent,
    ];
    const server = fakeServer(events, {
      segments: [{ ...S1, url: 'javascript:alert(1)' }, S2],
      chapters: [{ at: T0, goodsID: 'g', title: 'T', image: 'javascript:x' }, { at: 'soon' }],
    });
    const { store, texts } = setup(server);
    await store.load();
    expect(store.getState().segments.map((s) => s.id)).toEqual(['s2']);
    expect(store.getState().chapters).toEqual([{ at: T0, goodsID: 'g', title: 'T' }]);
    await store.seek(T0);
    store.setPlayhead(T0 + 1000);
    expect(texts()).toEqual(['x'.repeat(200)]);
  });

  it('after destroy takes no playhead and fetches nothing; load() starts it again (a remount)', async () => {
    const server = fakeServer(busyShow());
    const { store, texts, timelineRequests } = setup(server);
    const first = store.load();
    store.destroy();
    await first;
    const before = timelineRequests().length;
    store.setPlayhead(T0 + 1000);
    await settle();
    expect(timelineRequests().length).toBe(before);
    expect(texts()).toEqual([]);
    await store.load();
    expect(store.getState().status).toBe('ready');
    store.setPlayhead(T0 + 600);
    expect(texts()).toEqual(['c0']);
  });

  it('rejects load with a typed error on 404', async () => {
    const server = fakeServer([]);
    const client = createReplayClient({
      baseUrl: 'http://127.0.0.1:1',
      roomID: 'nope',
      fetch: async () => ({ status: 404, json: async () => ({ error: { code: 'NOT_FOUND', message: 'no room' } }) }),
    });
    const store = createReplayStore({ client, clock: createManualClock() });
    await expect(store.load()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.getState().status).toBe('error');
    expect(server.requests).toEqual([]);
  });
});
