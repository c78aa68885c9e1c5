import type { LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, startDemoServer } from '../support/server';
import { loadWeapp, type WeappRuntime } from './harness';

let live: LiveServer;
let runtime: WeappRuntime | undefined;
beforeAll(async () => {
  live = await startDemoServer();
});
afterEach(() => {
  runtime?.close();
  runtime = undefined;
});
afterAll(async () => {
  await live?.close();
});

const load = () =>
  loadWeapp({
    storage: {
      'livesell:server': JSON.stringify(demoConfig(live)),
    },
  });

describe('weapp build: pages', () => {
  it('app.json lists the three pages (two in the live subpackage), the room list first', () => {
    runtime = load();
    expect(runtime.appConfig.pages[0]).toBe('pages/rooms/index');
    expect(runtime.pageRoutes()).toEqual(expect.arrayContaining(['live/room/index', 'live/host/index']));
  });

  it('renders the room list and opens the viewer room on tap', async () => {
    runtime = load();
    const page = runtime.openPage('pages/rooms/index');
    await page.waitFor(() => page.find('.demo-title'));
    expect(page.get('.demo-title').tag).toBe('text');
    expect(page.text(page.get('.demo-title'))).toContain('Live rooms');
    page.tap(page.get('.demo-enter'));
    const room = await runtime.waitFor(() => {
      const p = runtime?.currentPage();
      return p?.route === 'live/room/index' ? p : undefined;
    });
    const name = await room.waitFor(() => {
      const n = room.find('.ls-header__name');
      return n && room.text(n) ? room.text(n) : undefined;
    }, 10_000);
    expect(name).toBe('Lina · LiveSell');
    expect(room.get('live-player').tag).toBe('live-player');
    expect(runtime.errors).toEqual([]);
  });
});

describe('weapp harness', () => {
  it('records every setData with its byte size and renders tags through WeChat’s compiled templates', async () => {
    runtime = load();
    const page = runtime.openPage('live/host/index', { roomID: 'demo-room' });
    await page.waitFor(() => page.find('.demo-host__goods'), 10_000);
    const calls = page.setDataCalls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.bytes > 0 && c.keys.length > 0)).toBe(true);
    expect(page.get('.demo-host-console').tag).toBe('view');
    expect(page.get('.demo-host__goods-image').tag).toBe('image');
    expect(String(page.get('.demo-host__goods-image').attrs.src)).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v4\/merchant\/assets\//,
    );
    expect(page.get('live-pusher').tag).toBe('live-pusher');
  });
});
