import { createLocalTIM, EVENT, TIMLiveSell } from '@livesell/core';
import type { LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startDemoServer } from '../support/server';
import { loadWeapp, type WeappRuntime } from './harness';

let live: LiveServer;
let runtime: WeappRuntime | undefined;
let node: TIMLiveSell | undefined;

beforeAll(async () => {
  live = await startDemoServer();
});
afterEach(async () => {
  runtime?.close();
  await node?.destroy();
  runtime = undefined;
  node = undefined;
});
afterAll(async () => {
  await live?.close();
});

describe('weapp demo: live danmaku over the local server (wx.connectSocket)', () => {
  it('shows a comment sent by another client and sends one back', async () => {
    runtime = loadWeapp({
      storage: {
        'livesell:server': JSON.stringify({ httpUrl: live.httpUrl, wsUrl: live.wsUrl, sdkAppID: live.sdkAppID }),
      },
    });
    const page = runtime.openPage('live/room/index', {
      roomID: 'demo-room',
      userID: 'wx_viewer',
      nick: 'WeChat Viewer',
    });
    await page.waitFor(() => page.find('.ls-danmaku__input') && page.find('.ls-header'), 10_000);
    expect(runtime.wxCalls.some((c) => c.api === 'connectSocket')).toBe(true);

    node = new TIMLiveSell({
      SDKAppID: live.sdkAppID,
      roomID: 'demo-room',
      userSig: live.userSig('node_viewer'),
      userName: 'node_viewer',
      nick: 'Node Viewer',
      TIM: createLocalTIM({ url: live.wsUrl, WebSocket }),
    });
    await node.joinRoom();
    const received = new Promise<string>((resolve) =>
      node?.on(EVENT.MESSAGE, (e) => resolve(`${e.nick}: ${e.message}`)),
    );

    await node.sendMessage('hi from node');
    await page.waitFor(() => page.findByText('hi from node'));
    expect(page.text()).toContain('Node Viewer');

    page.input(page.get('input.ls-danmaku__input'), 'hi from weapp');
    page.tap(page.get('.ls-danmaku__send'));
    expect(await received).toBe('WeChat Viewer: hi from weapp');
    await page.waitFor(() => page.findByText('hi from weapp'));
    const rows = page.findAll('.ls-danmaku__row').filter((n) => !n.className.includes('ls-danmaku__row--empty'));
    expect(rows.map((n) => page.text(n))).toEqual(['Node Viewerhi from node', 'WeChat Viewerhi from weapp']);
    expect(runtime.errors).toEqual([]);
  });
});
