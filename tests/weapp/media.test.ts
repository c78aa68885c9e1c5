/**
 * The weapp build's viewer room renders the native `<live-player>` with the FLV URL the server
 * signed, and the codes WeChat would fire on it move the player machine (visible as the
 * `ls-player--<status>` class), including the restart policy through LivePlayerContext.
 * WeChat itself is not here: `wx.createLivePlayerContext` is a recorder.
 */
import {
  createMediaModule,
  defaultModules,
  type LiveServer,
  type MediaModule,
  seedDemo,
  startLiveServer,
  verifyTxSecret,
} from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../support/server';
import { loadWeapp, type WeappNode, type WeappPage, type WeappRuntime } from './harness';

const PLAY_KEY = 'weapp-test-play-key';
let live: LiveServer;
let media: MediaModule;
let runtime: WeappRuntime | undefined;
const contextCalls: string[] = [];

beforeAll(async () => {
  // The demo server, with signed playback so the URL the page gets can be checked.
  live = await startLiveServer({
    port: 0,
    devUserSig: true,
    modules: [
      ...defaultModules.filter((m) => m.name !== 'media'),
      { name: 'media', factory: createMediaModule({ enabled: true, playKey: PLAY_KEY }) },
    ],
  });
  await seedDemo(live);
  media = live.modules.find((m) => m.name === 'media') as MediaModule;
});
afterEach(() => {
  runtime?.close();
  runtime = undefined;
  contextCalls.length = 0;
});
afterAll(async () => {
  await live?.close();
});

function load() {
  const context = new Proxy(
    {},
    {
      get: (_t, method: string) => (options?: { success?: () => void }) => {
        contextCalls.push(method);
        queueMicrotask(() => options?.success?.());
      },
    },
  );
  return loadWeapp({
    storage: {
      'livesell:server': JSON.stringify(demoConfig(live)),
    },
    wx: { createLivePlayerContext: () => context },
  });
}

const status = (node: WeappNode) => /\bls-player--([a-z]+)\b/.exec(node.className)?.[1];

async function openRoom(): Promise<{ page: WeappPage; player: () => WeappNode }> {
  runtime = load();
  const page = runtime.openPage('live/room/index', { roomID: 'demo-room', userID: 'weapp-viewer', nick: 'W' });
  const player = () => page.get('live-player');
  // The page fetches the play URLs, then autoplay starts the machine.
  await page.waitFor(() => {
    const node = page.find('live-player');
    return (
      node && typeof node.attrs.src === 'string' && node.attrs.src.startsWith('http') && status(node) === 'connecting'
    );
  }, 15_000);
  return { page, player };
}

describe('weapp demo: live video', () => {
  it('renders <live-player> with the signed FLV URL of the stream', async () => {
    const { player } = await openRoom();
    const src = String(player().attrs.src);
    const url = new URL(src);
    expect(`${url.origin}${url.pathname}`).toBe(`${live.httpUrl}/live/demo.flv`);
    const check = verifyTxSecret({
      key: PLAY_KEY,
      streamName: 'demo',
      txSecret: url.searchParams.get('txSecret'),
      txTime: url.searchParams.get('txTime'),
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    expect(check).toEqual({ ok: true });
    expect(src).toBe(
      media
        .playUrls('demo')
        .flv.replace(/txTime=[0-9A-F]+/, `txTime=${url.searchParams.get('txTime')}`)
        .replace(/txSecret=[0-9a-f]+/, `txSecret=${url.searchParams.get('txSecret')}`),
    );
    expect(player().attrs.autoplay).toBe(true);
    expect(runtime!.errors).toEqual([]);
  });

  it('state-change codes move the player machine; −2301 restarts through LivePlayerContext', async () => {
    const { page, player } = await openRoom();
    const code = async (c: number) => {
      page.fire(player(), 'statechange', { code: c });
      await new Promise((r) => setTimeout(r, 30));
    };
    expect(status(player())).toBe('connecting');
    for (const c of [2001, 2002, 2008, 2003]) await code(c);
    expect(status(player())).toBe('connecting');
    await code(2004);
    expect(status(player())).toBe('playing');
    await code(2007);
    expect(status(player())).toBe('buffering');
    await code(2004);
    await code(2103);
    expect(status(player())).toBe('reconnecting');
    await code(2004);
    expect(status(player())).toBe('playing');
    await code(-2301);
    expect(status(player())).toBe('reconnecting');
    // The dead load is stopped now and restarted after the 1 s back-off, through the context.
    expect(contextCalls).toContain('stop');
    await page.waitFor(() => contextCalls.includes('play'), 3000);
    await code(2004);
    expect(status(player())).toBe('playing');
    expect(runtime!.errors).toEqual([]);
  });
});
