/**
 * The old-engine sandbox (the harness default): built-ins newer than ES2017 are gone, as on WeChat's oldest
 * clients, and the live room still works — including a chat message with `[`, which went through
 * `Object.hasOwn` (ES2022) before.
 */
import { createLocalTIM, EVENT, TIMLiveSell } from '@livesell/core';
import type { LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoConfig, startDemoServer } from '../support/server';
import { loadWeapp, POST_ES2017_BUILTINS, type WeappRuntime } from './harness';

let live: LiveServer;
let runtime: WeappRuntime | undefined;
let node: TIMLiveSell | undefined;
beforeAll(async () => {
  live = await startDemoServer();
});
afterEach(async () => {
  runtime?.close();
  runtime = undefined;
  await node?.exitRoom().catch(() => undefined);
  node = undefined;
});
afterAll(async () => {
  await live?.close();
});

/** Evaluates `expr` inside the app's sandbox (with the sandbox's own built-ins). */
function probe(r: WeappRuntime, expr: string): unknown {
  const m = { exports: undefined as unknown };
  const fn = r.evaluate(`module.exports = (${expr});`);
  fn(m);
  return m.exports;
}

describe('weapp harness: old engine', () => {
  it('removes every post-ES2017 built-in from the sandbox (and keeps them with engine: node)', () => {
    runtime = loadWeapp();
    expect(runtime.engine).toBe('es2017');
    const missing = (names: readonly string[]) =>
      names.filter((name) =>
        probe(
          runtime as WeappRuntime,
          `(function () { try { return typeof ${name.replace('Int8Array.prototype.__proto__', 'Object.getPrototypeOf(Int8Array.prototype)')} === 'undefined'; } catch (e) { return true; } })()`,
        ),
      );
    expect(missing(POST_ES2017_BUILTINS)).toEqual([...POST_ES2017_BUILTINS]);
    expect(missing(['TextEncoder', 'TextDecoder'])).toEqual(['TextEncoder', 'TextDecoder']);
    // ES2017 and older stay.
    expect(
      missing([
        'Object.entries',
        'Object.values',
        'String.prototype.padStart',
        'Array.prototype.includes',
        'Promise',
        'Proxy',
        'Reflect.ownKeys',
      ]),
    ).toEqual([]);
    runtime.close();
    runtime = loadWeapp({ engine: 'node' });
    expect(missing(['Object.hasOwn', 'Array.prototype.at', 'Object.fromEntries', 'globalThis'])).toEqual([]);
  });

  it('the live room shows a chat message with emoji shortcodes and a stray "["', async () => {
    runtime = loadWeapp({ storage: { 'livesell:server': JSON.stringify(demoConfig(live)) } });
    const page = runtime.openPage('live/room/index', { roomID: 'demo-room', userID: 'old_phone', nick: 'Old Phone' });
    await page.waitFor(() => page.find('.ls-danmaku__input') && page.find('.ls-header'), 10_000);
    node = new TIMLiveSell({
      SDKAppID: live.sdkAppID,
      roomID: 'demo-room',
      userSig: live.userSig('node_sender'),
      userName: 'node_sender',
      nick: 'Node Sender',
      TIM: createLocalTIM({ url: live.wsUrl, WebSocket }),
    });
    await node.joinRoom();
    const echoed = new Promise<string>((resolve) => node?.on(EVENT.MESSAGE, (e) => resolve(e.message)));
    await node.sendMessage('[smile] price [in yuan] [');
    const row = await page.waitFor(() => page.findByText('price'), 10_000);
    expect(page.text(row)).toContain('😊 price [in yuan] [');
    // And the other way: sending from the old engine works too.
    page.input(page.get('input.ls-danmaku__input'), '[fire] from an old phone');
    page.tap(page.get('.ls-danmaku__send'));
    expect(await echoed).toBe('[fire] from an old phone');
    expect(runtime.errors).toEqual([]);
  });
});
