import { afterEach, describe, expect, it } from 'vitest';
import { loadWeapp, type WeappRuntime } from './harness';

let runtime: WeappRuntime | undefined;
afterEach(() => {
  runtime?.close();
  runtime = undefined;
});

describe('weapp build: pages', () => {
  it('app.json lists the three pages, the room list first', () => {
    runtime = loadWeapp();
    expect(runtime.appConfig.pages[0]).toBe('pages/rooms/index');
    expect(runtime.appConfig.pages).toEqual(expect.arrayContaining(['pages/room/index', 'pages/host/index']));
  });

  it('renders the room list and navigates to the viewer room on tap', async () => {
    runtime = loadWeapp();
    const page = runtime.openPage('pages/rooms/index');
    await page.waitFor(() => page.find('.demo-title'));
    expect(page.get('.demo-title').tag).toBe('text');
    expect(page.text(page.get('.demo-title'))).toContain('Live rooms');
    const enter = page.get('button.demo-enter');
    page.tap(enter);
    const room = await runtime.waitFor(() => {
      const p = runtime?.currentPage();
      return p?.route === 'pages/room/index' ? p : undefined;
    });
    await room.waitFor(() => room.find('.demo-title'));
    expect(room.text()).toContain('Room demo-room');
    expect(runtime.errors).toEqual([]);
  });
});

describe('weapp harness', () => {
  it('records every setData with its byte size and maps nodes to tags from base.wxml', async () => {
    runtime = loadWeapp();
    const page = runtime.openPage('pages/host/index', { roomID: 'r1' });
    await page.waitFor(() => page.find('.demo-host-console'));
    const calls = page.setDataCalls();
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.bytes > 0 && c.keys.length > 0)).toBe(true);
    expect(page.get('.demo-host-console').tag).toBe('view');
    expect(page.text()).toContain('Host console r1');
  });
});
