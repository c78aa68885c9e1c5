import { createLocalTIM, TIMLiveSell } from '@livesell/core';
import type { LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoConfig, startDemoServer } from '../support/server';
import { loadWeapp, type WeappPage, type WeappRuntime } from './harness';

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

/** The demo host, as a Node client of the same server (what the host console does). */
async function hostClient(): Promise<TIMLiveSell> {
  const client = new TIMLiveSell({
    SDKAppID: live.sdkAppID,
    roomID: 'demo-room',
    userSig: live.userSig('host'),
    userName: 'host',
    nick: 'Lina · LiveSell',
    TIM: createLocalTIM({ url: live.wsUrl, WebSocket }),
  });
  await client.joinRoom();
  return client;
}

async function openViewer(userID: string): Promise<WeappPage> {
  runtime = loadWeapp({
    storage: {
      'livesell:server': JSON.stringify(demoConfig(live)),
    },
  });
  const page = runtime.openPage('live/room/index', { roomID: 'demo-room', userID, nick: userID.toUpperCase() });
  await page.waitFor(() => {
    const name = page.find('.ls-header__name');
    return name && page.text(name) ? true : undefined;
  }, 10_000);
  return page;
}

const nextEvent = <K extends 'LIKE' | 'ATTENT' | 'BUY_GOODS'>(client: TIMLiveSell, name: K) =>
  new Promise<Parameters<Parameters<TIMLiveSell['on']>[1]>[0]>((resolve) => {
    const off = client.on(name, (e) => {
      off();
      resolve(e as never);
    });
  });

describe('weapp demo: the viewer room', () => {
  it('renders every live-room component inside the native live-player', async () => {
    const page = await openViewer('wx_alice');
    const player = page.get('live-player');
    for (const selector of [
      '.ls-header',
      '.ls-announcement',
      '.ls-gift-cards',
      '.ls-coupon',
      '.ls-explaining',
      '.ls-purchase',
      '.ls-join',
      '.ls-danmaku',
      '.ls-shelf-button',
      '.ls-gift-button',
      '.ls-like',
    ]) {
      expect(page.find(selector, player), `${selector} inside <live-player>`).toBeDefined();
    }
    expect(page.get('.ls-shelf').tag).toBe('view');
    expect(String(player.attrs.src)).toMatch(/\.flv/);
    expect(runtime?.errors).toEqual([]);
  });

  it('taps work: like and follow reach the host; the shelf opens; buying makes a verified purchase', async () => {
    host = await hostClient();
    const page = await openViewer('wx_bob');

    const liked = nextEvent(host, 'LIKE');
    page.tap(page.get('.ls-like__button'));
    const like = await liked;
    expect(like.userID).toBe('wx_bob');

    const followed = nextEvent(host, 'ATTENT');
    page.tap(page.get('.ls-header__follow'));
    expect((await followed).userID).toBe('wx_bob');
    await page.waitFor(() => page.find('.ls-header__follow--following'));

    page.tap(page.get('.ls-shelf-button'));
    await page.waitFor(() => page.find('.ls-shelf--open'));
    const cards = await page.waitFor(() => {
      const list = page.findAll('.ls-goods');
      return list.length > 0 ? list : undefined;
    });
    expect(cards.length).toBeGreaterThanOrEqual(3);

    const bought = nextEvent(host, 'BUY_GOODS');
    const firstBuy = page.findAll('.ls-buy')[0];
    if (!firstBuy) throw new Error('no buy button on the shelf');
    page.tap(firstBuy);
    const purchase = await bought;
    expect(purchase.userID).toBe('wx_bob');
    expect((purchase as { verified?: boolean }).verified).toBe(true);
    await page.waitFor(() => page.find('.ls-purchase__verified'));
    expect(runtime?.errors).toEqual([]);
  });
});
