/**
 * Trust, reconnection and mixed rooms over real sockets: TIMLiveSell clients and a client speaking
 * the original live-sell component's wire format, against the local server (no fakes).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalTIM, EVENT, type TimCustomPayload, type TimGroupTipPayload, type TimMessage } from '@livesell/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startLiveServer } from '../../src/index';
import { collect, Harness, NodeWebSocket, sleep, until } from './harness';

const h = new Harness();
afterEach(() => h.cleanup());

async function room() {
  const server = await h.start();
  const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
  const host = await h.client(server, groupID, 'host');
  await host.joinRoom();
  return { server, groupID, host };
}

describe('trust', () => {
  it("drops a viewer's forged ADD_GOODS / ROOM_STATUS_CHANGE / NOTIFACATION and counts it", async () => {
    const { server, groupID, host } = await room();
    const ann = await h.client(server, groupID, 'ann');
    await ann.joinRoom();
    const bob = await h.client(server, groupID, 'bob');
    await bob.joinRoom();
    const goods = collect(bob, EVENT.ADD_GOODS);
    const status = collect(bob, EVENT.ROOM_STATUS_CHANGE);
    const notices = collect(bob, EVENT.NOTIFACATION);
    const messages = collect(bob, EVENT.MESSAGE);
    // `tls.tim` is the SDK instance: a malicious viewer can send anything through it.
    const forge = (data: string, extension: string) =>
      ann.tim.sendMessage(
        ann.tim.createCustomMessage({
          to: groupID,
          conversationType: 'GROUP',
          priority: 'High',
          payload: { data, description: '', extension },
        }),
      );
    await forge('ADD_GOODS', '{"id":"scam","t":"Free iPhone"}');
    await forge('ROOM_STATUS_CHANGE', 'ended');
    await forge('NOTIFACATION', 'Pay at evil.example');
    await forge('MESSAGE', 'not a danmaku');
    // The host's own change arrives after them, so once it is seen the forgeries were processed.
    await host.pushGoods('{"id":"real"}');
    await until(() => goods.length === 1, 5000, 'the real goods push');
    expect(goods.map((g) => [g.value, g.role])).toEqual([['{"id":"real"}', 'owner']]);
    expect(status).toEqual([]);
    expect(notices).toEqual([]);
    expect(messages).toEqual([]);
    expect(bob.stats().droppedByReason).toMatchObject({ untrusted: 3, reserved: 1 });
    expect(host.stats().droppedByReason.untrusted).toBe(3);
    expect(bob.roomFields?.addGoods).toBe('{"id":"real"}');
  });

  it('an admin set by the server is trusted from the tip on', async () => {
    const { server, groupID } = await room();
    const mod = await h.client(server, groupID, 'mod');
    await mod.joinRoom();
    const bob = await h.client(server, groupID, 'bob');
    await bob.joinRoom();
    const status = collect(bob, EVENT.ROOM_STATUS_CHANGE);
    await server.admin.setAdmin({ groupID, userID: 'mod', admin: true });
    // Both must have the tip: bob to trust mod, and mod, whose client checks its own role before sending.
    await until(() => bob.stats().received >= 1 && mod.role === 'admin', 5000, 'admin tip');
    await mod.sendCustomMsgAndEmitEvent('ROOM_STATUS_CHANGE', 'paused');
    await until(() => status.length === 1, 5000, 'status from the admin');
    expect(status[0]).toMatchObject({ value: 'paused', userID: 'mod', role: 'admin', source: 'message' });
  });
});

describe('network', () => {
  it('killing and restarting the server drives NETWORK_CHANGE, a re-join and a resync of what changed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-restart-'));
    const first = await startLiveServer({ port: 0, dataDir, modules: [] });
    const { groupID } = await first.admin.createRoom({ ownerID: 'host' });
    await first.admin.updateRoom({ groupID, notification: 'before', customFields: { room_status: 'live' } });
    // A slow first retry leaves time to change the room while the clients are away.
    const tim = { reconnect: { minDelayMs: 1500, maxDelayMs: 3000 } };
    const host = await h.client(first, groupID, 'host', { tim });
    const ann = await h.client(first, groupID, 'ann', { tim });
    await host.joinRoom();
    await ann.joinRoom();
    const net = collect(ann, EVENT.NETWORK_CHANGE);
    const goods = collect(ann, EVENT.ADD_GOODS);
    const status = collect(ann, EVENT.ROOM_STATUS_CHANGE);
    const notices = collect(ann, EVENT.NOTIFACATION);

    await first.close();
    await until(() => net.some((n) => n.state === 'disconnected'), 5000, 'disconnected');
    const second = await startLiveServer({ port: first.port, dataDir, modules: [] });
    h.servers.push(second);
    await second.admin.updateRoom({ groupID, notification: 'after', customFields: { add_goods: '{"id":"g2"}' } });

    await until(() => goods.length === 1 && notices.length === 1, 10_000, 'resync events');
    expect(net.map((n) => n.state)).toEqual(['disconnected', 'connecting', 'connected']);
    expect(goods[0]).toMatchObject({ value: '{"id":"g2"}', goods: { id: 'g2' }, source: 'resync' });
    expect(notices[0]).toMatchObject({ notification: 'after', source: 'resync' });
    // Unchanged fields are not re-announced.
    expect(status).toEqual([]);
    expect(ann.roomFields).toEqual({ addGoods: '{"id":"g2"}', roomStatus: 'live', notification: 'after' });

    // Back in the room both ways.
    const hostMessages = collect(host, EVENT.MESSAGE);
    await until(() => host.network === 'connected', 10_000, 'host reconnected');
    await ann.sendMessage('back online');
    await until(() => hostMessages.length === 1, 5000, 'message after restart');
  });

  it('a send while the server is down rejects within a bounded wait', async () => {
    const { server, groupID } = await room();
    const ann = await h.client(server, groupID, 'ann', {
      sendTimeoutMs: 1500,
      tim: { reconnect: { minDelayMs: 5000, maxDelayMs: 5000, offlineWaitMs: 60_000 } },
    });
    await ann.joinRoom();
    const net = collect(ann, EVENT.NETWORK_CHANGE);
    await server.close();
    h.servers.splice(h.servers.indexOf(server), 1);
    await until(() => net.some((n) => n.state === 'disconnected'), 5000, 'disconnected');
    const started = Date.now();
    const error = await ann.sendMessage('anyone?').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'LiveSellError', code: 'SEND_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(ann.stats().sendFailed).toBe(1);
  });
});

describe('a mixed room with the original component', () => {
  /** A client doing what im-live-sells 1.0.25 does on the wire, straight on the SDK. */
  async function originalClient(server: Awaited<ReturnType<typeof room>>['server'], groupID: string, userID: string) {
    const TIM = createLocalTIM({ url: server.wsUrl, WebSocket: NodeWebSocket });
    const tim = TIM.create({ SDKAppID: server.sdkAppID });
    h.extra.push(() => tim.destroy());
    const inbox: TimMessage[] = [];
    tim.on(TIM.EVENT.MESSAGE_RECEIVED, (e) => inbox.push(...(e.data as TimMessage[])));
    await tim.login({ userID, userSig: server.userSig(userID) });
    await tim.updateMyProfile({ nick: 'Old client' });
    await tim.joinGroup({ groupID, type: TIM.TYPES.GRP_AVCHATROOM });
    const custom = (data: string, extension = '', priority = 'High') =>
      tim.sendMessage(
        tim.createCustomMessage({
          to: groupID,
          conversationType: TIM.TYPES.CONV_GROUP,
          priority,
          payload: { data, description: '', extension },
        }),
      );
    const text = (t: string) =>
      tim.sendMessage(
        tim.createTextMessage({ to: groupID, conversationType: TIM.TYPES.CONV_GROUP, payload: { text: t } }),
      );
    return { tim, inbox, custom, text };
  }

  it('the original client reads what TIMLiveSell sends', async () => {
    const { server, groupID, host } = await room();
    const old = await originalClient(server, groupID, 'oldie');
    const ann = await h.client(server, groupID, 'ann', { likeWindowMs: 1500 });
    await ann.joinRoom();
    for (let i = 0; i < 5; i++) await ann.like('lv1');
    // Paced: the server drops bursts beyond 40 msgs/s by priority, as Tencent IM does.
    for (const send of [() => ann.gift('{"id":"rose"}'), () => ann.attention(), () => ann.cancelAttention()]) {
      await send();
      await sleep(60);
    }
    await ann.sendMessage('hi old client');
    await host.pushGoods('{"id":"g5"}');
    await host.setNotification('new notice');

    const customs = () =>
      old.inbox.filter((m) => m.type === 'TIMCustomElem' && m.from === 'ann').map((m) => m.payload as TimCustomPayload);
    await until(() => customs().length === 5, 5000, 'custom messages at the old client');
    // One custom message per interaction, `data` = the event name, `description` "" except the aggregated count.
    expect(customs()).toEqual([
      { data: 'LIKE', description: '', extension: 'lv1' },
      { data: 'SEND_GIFT', description: '', extension: '{"id":"rose"}' },
      { data: 'ATTENTION', description: '', extension: '' },
      { data: 'CANCELATTENTION', description: '', extension: '' },
      { data: 'LIKE', description: '4', extension: 'lv1' },
    ]);
    const texts = old.inbox.filter((m) => m.type === 'TIMTextElem');
    expect(texts.map((m) => m.payload)).toEqual([{ text: 'hi old client' }]);
    await until(() => old.inbox.filter((m) => m.type === 'TIMGroupTipElem').length >= 3, 5000, 'profile tips');
    const profileTips = old.inbox
      .filter((m) => m.type === 'TIMGroupTipElem')
      .map((m) => m.payload as TimGroupTipPayload)
      .filter((p) => p.operationType === 6);
    // The server's like total travels in its own field, which the original client ignores.
    const isLikeTotal = (p: TimGroupTipPayload) => p.newGroupProfile?.groupCustomField?.[0]?.key === 'like_total';
    expect(profileTips.filter((p) => !isLikeTotal(p)).map((p) => p.newGroupProfile)).toEqual([
      { groupCustomField: [{ key: 'add_goods', value: '{"id":"g5"}' }] },
      { notification: 'new notice' },
    ]);
    await until(
      () =>
        old.inbox.some((m) => (m.payload as TimGroupTipPayload).newGroupProfile?.groupCustomField?.[0]?.value === '5'),
      5000,
      'like total 5',
    );
  });

  it('TIMLiveSell reads what the original client sends', async () => {
    const { server, groupID, host } = await room();
    const likes = collect(host, EVENT.LIKE);
    const gifts = collect(host, EVENT.SEND_GIFT);
    const follows = collect(host, EVENT.ATTENT);
    const unfollows = collect(host, EVENT.CANCEL_ATTENT);
    const buys = collect(host, EVENT.BUY_GOODS);
    const messages = collect(host, EVENT.MESSAGE);
    const custom = collect(host, 'lottery');
    const old = await originalClient(server, groupID, 'oldie');
    // Paced: the server drops bursts beyond 40 msgs/s by priority, as Tencent IM does.
    for (const send of [
      () => old.custom('LIKE', 'lv9', 'Lowest'),
      () => old.custom('SEND_GIFT', '{"giftId":3}', 'Lowest'),
      () => old.custom('ATTENTION'),
      () => old.custom('CANCELATTENTION'),
      () => old.custom('BUY_GOODS', '{"goodsId":"g1"}'),
      () => old.custom('lottery', 'round 2'),
      () => old.text('hello new client'),
    ]) {
      await send();
      await sleep(60);
    }
    await until(() => messages.length === 1 && custom.length === 1, 5000, 'old client messages');
    expect(likes).toEqual([
      expect.objectContaining({ count: 1, value: 'lv9', userID: 'oldie', nick: 'Old client', data: 'LIKE' }),
    ]);
    expect(gifts[0]).toMatchObject({ value: '{"giftId":3}', gift: { giftId: 3 } });
    expect(follows[0]).toMatchObject({ userID: 'oldie', nick: 'Old client' });
    expect(unfollows).toHaveLength(1);
    // A viewer's purchase claim is shown, but not as verified.
    expect(buys[0]).toMatchObject({ verified: false, value: '{"goodsId":"g1"}' });
    expect(custom[0]).toMatchObject({ data: 'lottery', extension: 'round 2', description: '' });
    expect(messages[0]).toMatchObject({ message: 'hello new client', nick: 'Old client' });
  });
});
