import {
  createReplayStore,
  type ReplayClient,
  type ReplayInfo,
  type TimelineEvent,
  type TimelineQuery,
} from '@livesell/core/replay';
import { createManualClock } from '@livesell/core/testing';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DanmakuList } from '../DanmakuList/DanmakuList';
import { ExplainingCard } from '../GoodsShelf/ExplainingCard';
import { PurchaseTicker } from '../GoodsShelf/PurchaseTicker';
import { ZH_CN } from '../locales/zh-CN';
import { ReplayChapters } from './ReplayChapters';
import { ReplayPlayer } from './ReplayPlayer';
import { ReplayProvider } from './ReplayProvider';
import { ReplaySpeed } from './ReplaySpeed';
import { useReplayContext } from './useReplay';

// The H5 build picks replay-video.h5.tsx by Taro's suffix rule; vitest does not, so say it here.
vi.mock('./replay-video', () => import('./replay-video.h5'));

type ReplayStoreOf = ReturnType<typeof useReplayContext>['store'];
/** Hands the provider's store to the test. */
function Grab({ onStore }: { onStore: (store: ReplayStoreOf) => void }) {
  onStore(useReplayContext().store);
  return null;
}

afterEach(cleanup);

// A FAKE replay client: the contract's `/replay` and `/timeline` over an in-memory show (the real
// server is driven by tests/browser/replay.test.ts).
const T0 = 1_700_000_000_000;
function fakeClient(sellOnReplay = true): ReplayClient & { queries: TimelineQuery[] } {
  const events: TimelineEvent[] = [
    { id: 'st', at: T0, type: 'status', data: { status: 'live', phase: 'live' } },
    { id: 'm1', at: T0 + 2_000, type: 'chat', userID: 'ann', nick: 'Ann', data: { text: 'hello from the show' } },
    { id: 'e1', at: T0 + 5_000, type: 'explain', data: { goodsID: 'tea', title: 'Green tea', price: 1290 } },
    { id: 'm2', at: T0 + 9_000, type: 'chat', userID: 'bo', nick: 'Bo', data: { text: 'just before the cup' } },
    { id: 'e2', at: T0 + 10_000, type: 'explain', data: { goodsID: 'cup', title: 'Clay cup', price: 4500 } },
    {
      id: 'p1',
      at: T0 + 11_000,
      type: 'purchase',
      userID: 'cy',
      nick: 'Cy',
      data: { goodsID: 'cup', title: 'Clay cup', quantity: 1 },
    },
  ];
  const info: ReplayInfo = {
    roomID: 'room1',
    name: 'Tea show',
    ownerID: 'host',
    phase: 'ended',
    startedAt: T0,
    endedAt: T0 + 30_000,
    segments: [
      {
        id: 'a',
        url: 'http://127.0.0.1:1/replay/room1/a.mp4',
        startedAt: T0,
        endedAt: T0 + 20_000,
        durationMs: 20_000,
      },
      {
        id: 'b',
        url: 'http://127.0.0.1:1/replay/room1/b.mp4',
        startedAt: T0 + 25_000,
        endedAt: T0 + 30_000,
        durationMs: 5_000,
      },
    ],
    chapters: [
      { at: T0 + 5_000, goodsID: 'tea', title: 'Green tea', price: 1290 },
      { at: T0 + 10_000, goodsID: 'cup', title: 'Clay cup', price: 4500 },
    ],
    sellOnReplay,
  };
  const queries: TimelineQuery[] = [];
  return {
    roomID: 'room1',
    queries,
    replay: async () => info,
    chapters: async () => info.chapters,
    timeline: async (q) => {
      queries.push(q);
      return {
        events: events.filter((e) => e.at >= q.from && e.at < q.to && (!q.types || q.types.includes(e.type))),
        next: null,
      };
    },
  };
}

async function flush() {
  for (let i = 0; i < 5; i++) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
  }
}

function video(): HTMLVideoElement {
  const v = document.querySelector('video');
  if (!v) throw new Error('no <video>');
  return v;
}

async function playTo(seconds: number) {
  const v = video();
  Object.defineProperty(v, 'currentTime', { configurable: true, writable: true, value: seconds });
  await act(async () => {
    v.dispatchEvent(new Event('timeupdate'));
  });
}

function setup(sellOnReplay = true) {
  const client = fakeClient(sellOnReplay);
  const store = createReplayStore({ client, clock: createManualClock(T0) });
  const onBuy = vi.fn(async () => {});
  render(
    <ReplayProvider store={store}>
      <ReplayPlayer muted>
        <ExplainingCard onBuy={onBuy} />
        <PurchaseTicker />
        <DanmakuList showInput={false} />
      </ReplayPlayer>
      <ReplayChapters />
      <ReplaySpeed />
    </ReplayProvider>,
  );
  return { store, client, onBuy };
}

const chat = () => screen.getByRole('log').textContent ?? '';

describe('ReplayPlayer', () => {
  it('plays the first recorded segment and replays the chat at the video time', async () => {
    setup();
    await flush();
    expect(video().getAttribute('src')).toBe('http://127.0.0.1:1/replay/room1/a.mp4');
    expect(screen.getByRole('region', { name: 'Replay: Tea show' })).toBeTruthy();
    await playTo(1.5);
    expect(chat()).not.toContain('hello from the show');
    await playTo(2.0);
    expect(chat()).toContain('hello from the show');
    expect(document.querySelector('.ls-explaining')?.getAttribute('data-state')).toBe('hidden');
    for (let t = 2.25; t <= 5.0; t += 0.25) await playTo(t);
    expect(document.querySelector('.ls-explaining .ls-goods__title')?.textContent).toBe('Green tea');
  });

  it('a chapter seeks the video and the timeline: the second product and the chat from just before it', async () => {
    const { store } = setup();
    await flush();
    const chapters = screen.getAllByRole('button', { name: /play from here/ });
    // The accessible name starts with what the chip shows (title, time, price), then the action.
    expect(chapters.map((c) => c.getAttribute('aria-label'))).toEqual([
      'Green tea 0:05 · ¥12.90 play from here',
      'Clay cup 0:10 · ¥45 play from here',
    ]);
    await act(async () => {
      fireEvent.click(chapters[1]!);
    });
    await flush();
    expect(store.getState().playhead).toBe(T0 + 10_000);
    expect(document.querySelector('.ls-explaining .ls-goods__title')?.textContent).toBe('Clay cup');
    expect(chat()).toContain('just before the cup');
    expect(chapters[1]!.getAttribute('aria-pressed')).toBe('true');
    // Keyboard: Enter on the first chapter goes back to the tea.
    await act(async () => {
      fireEvent.keyDown(chapters[0]!, { key: 'Enter' });
    });
    await flush();
    expect(document.querySelector('.ls-explaining .ls-goods__title')?.textContent).toBe('Green tea');
  });

  it('sets the speed on the video, 0.5× to 2×', async () => {
    setup();
    await flush();
    const two = screen.getByRole('button', { name: '2×' });
    expect(screen.getAllByRole('button', { name: /×$/ }).map((b) => b.getAttribute('aria-label'))).toEqual([
      '0.5×',
      '1×',
      '1.25×',
      '1.5×',
      '2×',
    ]);
    await act(async () => {
      fireEvent.click(two);
    });
    expect(video().playbackRate).toBe(2);
    expect(two.getAttribute('aria-pressed')).toBe('true');
  });

  it('plays the next segment when one ends', async () => {
    const { store } = setup();
    await flush();
    await act(async () => {
      video().dispatchEvent(new Event('ended'));
    });
    await flush();
    expect(video().getAttribute('src')).toBe('http://127.0.0.1:1/replay/room1/b.mp4');
    expect(document.querySelector('.ls-replay')?.getAttribute('data-segment')).toBe('1');
    expect(store.getState().playhead).toBe(T0 + 25_000);
  });

  it('buys from the replay when the merchant sells on it; says the show ended when not', async () => {
    const { onBuy } = setup(true);
    await flush();
    for (let t = 0; t <= 5; t += 0.25) await playTo(t);
    const buy = document.querySelector('.ls-explaining .ls-buy');
    expect(buy?.getAttribute('data-state')).toBe('idle');
    await act(async () => {
      fireEvent.click(buy!);
    });
    expect(onBuy).toHaveBeenCalledWith(expect.objectContaining({ id: 'tea' }));
    cleanup();
    setup(false);
    await flush();
    for (let t = 0; t <= 5; t += 0.25) await playTo(t);
    expect(document.querySelector('.ls-explaining .ls-buy')?.getAttribute('data-state')).toBe('ended');
  });

  it('replays a purchase as a verified notice at its time', async () => {
    setup();
    await flush();
    for (let t = 0; t <= 11; t += 0.25) await playTo(t);
    expect(document.querySelector('.ls-purchase')?.textContent).toContain('Clay cup');
    expect(document.querySelector('.ls-purchase__item')?.getAttribute('data-state')).toBe('verified');
  });

  it('builds its own store from baseUrl and roomID, and works under StrictMode (mounted twice)', async () => {
    const client = fakeClient();
    const requests: string[] = [];
    const fetch = async (url: string) => {
      requests.push(url);
      const u = new URL(url);
      const body = u.pathname.endsWith('/replay')
        ? await client.replay()
        : await client.timeline({
            from: Number(u.searchParams.get('from')),
            to: Number(u.searchParams.get('to')),
            types: u.searchParams.get('types')?.split(',') as never,
          });
      return { status: 200, json: async () => body };
    };
    render(
      <StrictMode>
        <ReplayProvider baseUrl="http://127.0.0.1:1" roomID="room1" fetch={fetch}>
          <ReplayPlayer muted>
            <DanmakuList showInput={false} />
          </ReplayPlayer>
        </ReplayProvider>
      </StrictMode>,
    );
    await flush();
    expect(requests[0]).toBe('http://127.0.0.1:1/v4/merchant/rooms/room1/replay');
    expect(document.querySelector('.ls-replay')?.getAttribute('data-state')).toBe('ready');
    await playTo(2.1);
    expect(chat()).toContain('hello from the show');
  });

  it('a store it made is stopped on unmount also when it does not load it itself (autoLoad={false})', async () => {
    const client = fakeClient();
    let answer: (() => void) | undefined;
    const fetch = (url: string) =>
      new Promise<{ status: number; json: () => Promise<unknown> }>((resolve) => {
        answer = () => resolve({ status: 200, json: async () => (url.endsWith('/replay') ? client.replay() : {}) });
      });
    let store: ReplayStoreOf | undefined;
    const view = render(
      <ReplayProvider baseUrl="http://127.0.0.1:1" roomID="room1" fetch={fetch} autoLoad={false}>
        <Grab onStore={(s) => (store = s)} />
      </ReplayProvider>,
    );
    void store?.load();
    await flush();
    view.unmount();
    answer?.();
    await flush();
    // Destroyed: the answer that comes after the unmount is dropped, nothing more is requested.
    expect(store?.getState().status).not.toBe('ready');
  });

  it('has Chinese labels', async () => {
    const store = createReplayStore({ client: fakeClient(), clock: createManualClock(T0) });
    render(
      <ReplayProvider store={store}>
        <ReplayPlayer labels={ZH_CN.replay} muted />
        <ReplayChapters labels={ZH_CN.replay} />
        <ReplaySpeed labels={ZH_CN.replay} />
      </ReplayProvider>,
    );
    await flush();
    expect(screen.getByRole('region', { name: '回放：Tea show' })).toBeTruthy();
    expect(screen.getByRole('group', { name: '播放速度' })).toBeTruthy();
    expect(screen.getByRole('list', { name: '本场讲解的商品' })).toBeTruthy();
  });
});
