import type { TimMessage } from '@livesell/core';
import { decodePurchase } from '@livesell/core/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../src/index';
import { createMerchantModule } from '../../src/merchant';
import { loggedIn, record, sleep, startServer, until } from './helpers';

// Issue 11 item 5 (room part): server announcements used to bypass the room's 40 msgs/s
// (1,534 "verified purchase" messages per second). They now go through the budget and merge.

const servers: LiveServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const customs = (batches: TimMessage[][], data: string) =>
  batches.flat().filter((m) => m.type === 'TIMCustomElem' && (m.payload as { data?: string }).data === data);

describe('server announcements through the room budget', () => {
  it('a burst of 80 purchases over the merchant API reaches viewers merged, with every order counted', async () => {
    // 80 buyers within a second: above the default per-product order rate, which this test is not about.
    const server = await startServer({
      modules: [
        { name: 'merchant', factory: createMerchantModule({ orderLimits: { ordersPerGoodsPerSecond: 1000 } }) },
      ],
    });
    servers.push(server);
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const base = `${server.httpUrl}/v4/merchant/rooms/${encodeURIComponent(groupID)}`;
    const auth = (userID: string) => ({
      authorization: `Bearer ${userID}:${server.userSig(userID)}`,
      'content-type': 'application/json',
    });
    const created = await fetch(`${base}/goods`, {
      method: 'POST',
      headers: auth('host'),
      body: JSON.stringify({ id: 'mug', title: 'Mug', price: 1000, stock: 500 }),
    });
    expect(created.status).toBe(201);
    const watcher = await loggedIn(server, 'watcher');
    await watcher.tim.joinGroup({ groupID });
    const inbox = record<TimMessage[]>(watcher.tim, 'onMessageReceived');

    const buyers = Array.from({ length: 80 }, (_, i) => `buyer${i}`);
    const answers = await Promise.all(
      buyers.map((b, i) =>
        fetch(`${base}/orders`, {
          method: 'POST',
          headers: auth(b),
          body: JSON.stringify({ goodsID: 'mug', quantity: 1 + (i % 2), requestID: `r-${b}` }),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(buyers.map(() => 201));
    const totalQuantity = buyers.reduce((n, _, i) => n + 1 + (i % 2), 0);
    const decoded = () =>
      customs(inbox, 'BUY_GOODS').map((m) => {
        const raw = JSON.parse((m.payload as { extension: string }).extension) as { merged?: number };
        return { purchase: decodePurchase((m.payload as { extension: string }).extension)!, merged: raw.merged ?? 1 };
      });
    await until(() => decoded().reduce((n, d) => n + d.merged, 0) === 80, 8000, 'all 80 purchases announced');
    const list = decoded();
    // Merged: fewer messages than purchases, every order and every item still counted.
    expect(list.length).toBeLessThan(80);
    expect(list.some((d) => d.merged > 1)).toBe(true);
    expect(list.reduce((n, d) => n + d.purchase.quantity, 0)).toBe(totalQuantity);
    // The last announcement carries the stock after every order.
    expect(list.at(-1)?.purchase.stock).toBe(500 - totalQuantity);
    const stats = await server.admin.getRoomStats(groupID);
    expect(stats?.announcementsMerged).toBe(80 - list.length);
    expect(stats?.announced).toBe(list.length);
    await watcher.tim.destroy();
  });

  it('a flood of 2,000 announcements stays within 40 msgs/s while viewers chat, and nothing is lost', async () => {
    const server = await startServer();
    servers.push(server);
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const watcher = await loggedIn(server, 'watcher');
    await watcher.tim.joinGroup({ groupID });
    const arrivals: number[] = [];
    const inbox = record<TimMessage[]>(watcher.tim, 'onMessageReceived');
    watcher.tim.on('onMessageReceived', (e) => {
      for (const m of e.data as TimMessage[]) if (m.type !== 'TIMGroupTipElem') arrivals.push(Date.now());
    });
    const chatter = await loggedIn(server, 'chatter');
    await chatter.tim.joinGroup({ groupID });
    const started = Date.now();
    const pending: Array<Promise<unknown>> = [];
    const chat: number[] = [];
    // 2 s: 1,000 purchase announcements/s over 5 goods, and one viewer chatting at 4 msgs/s.
    for (let tick = 0; tick < 40; tick++) {
      for (let i = 0; i < 50; i++) {
        const goodsID = `g${i % 5}`;
        pending.push(
          server.admin.sendCustomMessage({
            groupID,
            data: 'BUY_GOODS',
            extension: JSON.stringify({ orderID: `o${tick}-${i}`, goodsID, quantity: 1, stock: 0 }),
            announcement: { mergeKey: goodsID, sum: ['quantity'] },
          }),
        );
      }
      if (tick % 5 === 0) {
        const msg = chatter.tim.createTextMessage({
          to: groupID,
          conversationType: 'GROUP',
          payload: { text: `hi ${tick}` },
        });
        chat.push((await chatter.tim.sendMessage(msg)).code);
      }
      await sleep(Math.max(0, started + (tick + 1) * 50 - Date.now()));
    }
    await Promise.all(pending);
    await sleep(300);
    const buys = customs(inbox, 'BUY_GOODS');
    const merged = buys.reduce(
      (n, m) => n + (JSON.parse((m.payload as { extension: string }).extension).merged ?? 1),
      0,
    );
    expect(merged).toBe(2000);
    expect(buys.length).toBeLessThan(120);
    // The chatter's messages all arrive.
    expect(chat.every((c) => c === 0)).toBe(true);
    const texts = inbox.flat().filter((m) => m.type === 'TIMTextElem').length;
    expect(texts).toBe(chat.length);
    // At most 40 messages in any second (50 ms allowed for delivery jitter).
    const times = arrivals.sort((a, b) => a - b);
    for (let i = 40; i < times.length; i++) expect(times[i]! - times[i - 40]!).toBeGreaterThanOrEqual(950);
    await Promise.all([watcher.tim.destroy(), chatter.tim.destroy()]);
  }, 20_000);
});
