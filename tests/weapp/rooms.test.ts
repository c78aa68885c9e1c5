import { createWxLiveClient, type LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, startDemoServer } from '../support/server';
import { loadWeapp, type WeappNode, type WeappPage, type WeappRuntime } from './harness';

let live: LiveServer;
let runtime: WeappRuntime | undefined;
let roomIds: Map<string, number>;

beforeAll(async () => {
  live = await startDemoServer();
  const spring = await live.admin.createRoom({ ownerID: 'host-a', name: 'Spring sale', groupID: 'spring-sale' });
  await live.admin.updateRoom({ groupID: spring.groupID, customFields: { room_status: 'live' } });
  await live.admin.createRoom({ ownerID: 'host-b', name: 'Tea tasting', groupID: 'tea-tasting' });
  // The numeric WeChat room ids the local getliveinfo gives these rooms.
  const client = createWxLiveClient({ getAccessToken: async () => 'test', baseUrl: live.httpUrl, cacheTtlMs: 0 });
  roomIds = new Map((await client.getAllRooms()).map((r) => [r.group_id ?? '', r.roomid]));
});
afterEach(() => {
  runtime?.close();
  runtime = undefined;
});
afterAll(async () => {
  await live?.close();
});

function load(wx: Record<string, unknown> = {}) {
  return loadWeapp({
    storage: {
      'livesell:server': JSON.stringify(demoConfig(live)),
    },
    wx,
  });
}

/** Raw Taro node data: the harness maps `pN` props only, custom components keep their own keys. */
function rawNodes(page: WeappPage, nn: string): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const walk = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const node of list as Array<Record<string, unknown>>) {
      if (node?.nn === nn) out.push(node);
      walk(node?.cn);
    }
  };
  walk((page.instance.data.root as { cn?: unknown } | undefined)?.cn);
  return out;
}

describe('weapp demo: room list', () => {
  it('declares live-player-plugin in a subpackage exactly as WeChat documents it', () => {
    runtime = load();
    // (The kit's own `live` subpackage sits beside it: packages.test.ts.)
    expect(runtime.appConfig.subPackages).toContainEqual({
      root: 'pages/rooms/wechat',
      pages: ['index'],
      plugins: { 'live-player-plugin': { version: '1.0.0', provider: 'wx2b03c6e691cd7370' } },
    });
    expect(runtime.appConfig.subPackages?.filter((s) => 'plugins' in s)).toHaveLength(1);
  });

  it("lists the local server's rooms with their live status and opens one on tap", async () => {
    runtime = load();
    const page = runtime.openPage('pages/rooms/index');
    const rows = await page.waitFor(() => {
      const found = page.findAll('.demo-room-row');
      return found.length >= 3 ? found : undefined;
    }, 10_000);
    const spring = rows.find((r) => page.text(r).includes('Spring sale'));
    const tea = rows.find((r) => page.text(r).includes('Tea tasting'));
    expect(spring && page.text(spring)).toContain('Live');
    expect(spring?.children.some((c) => c.className.includes('ls-live-status-badge--live'))).toBe(true);
    expect(tea && page.text(tea)).toContain('Not started');
    expect(page.findAll('.ls-live-status-badge').length).toBe(rows.length);
    expect(page.findAll('subscribe')).toEqual([]);

    page.tap(spring!);
    const room = await runtime.waitFor(() => {
      const p = runtime?.currentPage();
      return p?.route === 'live/room/index' ? p : undefined;
    });
    expect(room.instance.options).toEqual({ roomID: 'spring-sale' });
    expect(runtime.errors).toEqual([]);
  });

  it("renders WeChat's subscribe plugin component per room and links into the plugin's room page", async () => {
    const navigations: string[] = [];
    runtime = load({
      navigateTo: (o: { url: string; success?: (r: unknown) => void }) => {
        navigations.push(o.url);
        o.success?.({ errMsg: 'navigateTo:ok' });
      },
    });
    const page = runtime.openPage('pages/rooms/wechat/index');
    const rooms = await page.waitFor(() => {
      const found = page.findAll('.demo-wx-room');
      return found.length >= 3 ? found : undefined;
    }, 10_000);
    const subscribes = rawNodes(page, 'subscribe');
    expect(page.findAll('subscribe')).toHaveLength(rooms.length);
    expect(subscribes.map((n) => n.roomId).sort()).toEqual([...roomIds.values()].sort());
    // The H5 fallback never reaches the mini program.
    expect(page.findByText('Remind me')).toBeUndefined();

    const spring = rooms.find((r) => page.text(r).includes('Spring sale'))!;
    page.tap(descendant(spring, (n) => n.className.includes('demo-watch'))!);
    expect(navigations).toEqual([
      `plugin-private://wx2b03c6e691cd7370/pages/live-player-plugin?room_id=${roomIds.get('spring-sale')}&custom_params=${encodeURIComponent('{"from":"demo-list"}')}`,
    ]);
    expect(runtime.errors).toEqual([]);
  });
});

function descendant(node: WeappNode, test: (n: WeappNode) => boolean): WeappNode | undefined {
  for (const child of node.children) {
    if (test(child)) return child;
    const found = descendant(child, test);
    if (found) return found;
  }
  return undefined;
}
