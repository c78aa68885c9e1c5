/**
 * Moderation on the weapp build, in the runtime harness over the real local server: deleting a
 * message changes only that row's slot in `setData` (the ring is edited in place, nothing is
 * re-keyed or re-sent), the composer renders the muted state with the time left, and the host
 * opens a row's member menu with a long-press.
 */
import { createLocalTIM, TIMLiveSell } from '@livesell/core';
import { createModeration } from '@livesell/core/moderation';
import type { LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { findNodePath, parseDataPath } from '../../bench/lib/weapp-flood';
import { startDemoServer } from '../support/server';
import { loadWeapp, type WeappPage, type WeappRuntime } from './harness';

const ROOM = 'demo-room';
let live: LiveServer;
let runtime: WeappRuntime | undefined;
const clients: TIMLiveSell[] = [];

beforeAll(async () => {
  live = await startDemoServer();
});
afterEach(async () => {
  runtime?.close();
  runtime = undefined;
  for (const c of clients.splice(0)) await c.destroy();
});
afterAll(async () => {
  await live?.close();
});

async function nodeClient(userID: string, nick: string): Promise<TIMLiveSell> {
  const client = new TIMLiveSell({
    SDKAppID: live.sdkAppID,
    roomID: ROOM,
    userSig: live.userSig(userID),
    userName: userID,
    nick,
    TIM: createLocalTIM({ url: live.wsUrl, WebSocket }),
  });
  clients.push(client);
  await client.joinRoom();
  return client;
}

async function openRoom(userID: string, nick: string): Promise<WeappPage> {
  runtime = loadWeapp({
    storage: {
      'livesell:server': JSON.stringify({ httpUrl: live.httpUrl, wsUrl: live.wsUrl, sdkAppID: live.sdkAppID }),
    },
  });
  const page = runtime.openPage('live/room/index', { roomID: ROOM, userID, nick });
  await page.waitFor(() => page.find('.ls-danmaku__input') && page.find('.ls-header'), 10_000);
  return page;
}

const shownRows = (page: WeappPage) =>
  page.findAll('.ls-danmaku__row').filter((n) => !n.className.includes('ls-danmaku__row--empty'));

describe('weapp demo: moderation', () => {
  it('deleting a message changes only its slot in setData', async () => {
    const page = await openRoom('wx_viewer', 'WeChat Viewer');
    const host = await nodeClient('host', 'Lina');
    const viewer = await nodeClient('node_viewer', 'Node Viewer');
    const sent: string[] = [];
    for (const text of ['first line', 'delete me', 'third line']) {
      const result = await viewer.sendMessage(text);
      sent.push(result.messageID);
    }
    await page.waitFor(() => page.findByText('third line'), 10_000);
    const before = shownRows(page).map((n) => page.text(n));
    expect(before).toEqual(['Node Viewerfirst line', 'Node Viewerdelete me', 'Node Viewerthird line']);
    const listPath = findNodePath(page.instance.data, 'ls-danmaku__rows');
    expect(listPath).toBeDefined();
    const list = [...(listPath ?? []), 'cn'];

    const from = page.setDataCalls().length;
    await createModeration(host).deleteMessage(sent[1] as string);
    await page.waitFor(() => !page.findByText('delete me') || undefined, 10_000);
    expect(shownRows(page).map((n) => page.text(n))).toEqual(['Node Viewerfirst line', 'Node Viewerthird line']);

    // Every key the deletion sent under the list is inside one slot: cn.[i]…, the same i.
    const keys = page
      .setDataCalls()
      .slice(from)
      .flatMap((c) => c.keys);
    const slots = new Set<number>();
    for (const key of keys) {
      const path = parseDataPath(key);
      const underList = path.length >= list.length && list.every((p, i) => path[i] === p);
      const aboveList = path.length < list.length + 1 && path.every((p, i) => p === list[i]);
      expect(aboveList, `a key re-sends the list: ${key}`).toBe(false);
      if (underList) slots.add(path[list.length] as number);
    }
    expect(slots.size).toBe(1);
    expect(runtime?.errors).toEqual([]);
  });

  it('renders the muted composer with the time left', async () => {
    const page = await openRoom('wx_muted', 'Muted Viewer');
    // In the room first (the header shows the host once joined), then muted.
    await page.waitFor(() => page.text(page.get('.ls-header__name')) || undefined, 10_000);
    const host = await nodeClient('host', 'Lina');
    await createModeration(host).mute('wx_muted', 600);
    await page.waitFor(() => {
      const limit = page.find('.ls-danmaku__limit');
      return (limit && /^Muted · \d+:\d\d left$/.test(page.text(limit))) || undefined;
    }, 10_000);
    expect(page.text(page.get('.ls-danmaku__limit'))).toMatch(/^Muted · (10:00|9:\d\d) left$/);
    expect(page.find('.ls-danmaku__composer--muted')).toBeDefined();
    expect(runtime?.errors).toEqual([]);
  });

  it("opens a row's member menu with a long-press for the host", async () => {
    const page = await openRoom('host', 'Lina');
    const viewer = await nodeClient('node_viewer2', 'Node Viewer 2');
    await viewer.sendMessage('long-press me');
    await page.waitFor(() => page.findByText('long-press me'), 10_000);
    const rowNode = shownRows(page).find((n) => page.text(n).includes('long-press me'));
    expect(rowNode).toBeDefined();
    // weapp has no "⋯" button: the row itself takes the long-press.
    expect(page.find('.ls-danmaku__more')).toBeUndefined();
    page.fire(rowNode as NonNullable<typeof rowNode>, 'longpress');
    await page.waitFor(() => page.find('.ls-member-actions__sheet'), 5_000);
    page.tap(page.findByText('Delete this message') as NonNullable<ReturnType<typeof page.findByText>>);
    await page.waitFor(() => !page.findByText('long-press me') || undefined, 10_000);
    expect(page.find('.ls-member-actions__sheet')).toBeUndefined();
    expect(runtime?.errors).toEqual([]);
  });
});
