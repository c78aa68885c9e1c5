/**
 * The original im-live-sells component's TIMLiveSell examples, run as written with a host and viewers as separate clients
 * over real sockets against the local server (no fakes).
 */
import { EVENT, LiveSellError } from '@livesell/core';
import { TLS } from '@livesell/core/compat';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_SECRET_KEY, genUserSig } from '../../src/index';
import { collect, Harness, sleep, until } from './harness';

const h = new Harness();
afterEach(() => h.cleanup());

async function room() {
  const server = await h.start();
  await server.admin.setProfile({ userID: 'host', nick: 'Host', avatar: 'https://img.example/host.png' });
  const { groupID } = await server.admin.createRoom({ ownerID: 'host', name: 'Tea live' });
  await server.admin.updateRoom({ groupID, notification: 'Welcome!', customFields: { room_status: 'live' } });
  const host = await h.client(server, groupID, 'host');
  await host.joinRoom();
  return { server, groupID, host };
}

describe('im-live-sells documentation examples over real sockets', () => {
  it('SDK_READY, joinRoom with ownerInfo, JOIN_GROUP on the host', async () => {
    const { server, groupID, host } = await room();
    const joins = collect(host, TLS.EVENT.JOIN_GROUP);
    const ann = await h.client(server, groupID, 'ann', {
      nick: 'Ann',
      avatar: 'https://img.example/ann.png',
      wait: false,
    });
    const ready = collect(ann, TLS.EVENT.SDK_READY);
    await until(() => ready.length === 1, 5000, 'SDK_READY');
    expect(ready[0]).toEqual({ userID: 'ann' });

    const { userInfo, groupInfo } = await ann.joinRoom();
    const { ownerInfo } = groupInfo;
    const { userID, nick, avatar } = ownerInfo;
    expect({ userID, nick, avatar }).toEqual({ userID: 'host', nick: 'Host', avatar: 'https://img.example/host.png' });
    expect(userInfo).toEqual({ userID: 'ann', nick: 'Ann', avatar: 'https://img.example/ann.png' });
    expect(groupInfo.groupID).toBe(groupID);
    expect(groupInfo.notification).toBe('Welcome!');

    await until(() => joins.length === 1, 5000, 'JOIN_GROUP');
    expect(joins[0]).toMatchObject({ nick: 'Ann', avatar: 'https://img.example/ann.png', userID: 'ann' });

    // Joining again: AlreadyInGroup still gives the full groupInfo.
    const again = await ann.joinRoom();
    expect(again.status).toBe('AlreadyInGroup');
    expect(again.groupInfo.ownerInfo.nick).toBe('Host');
  });

  it('danmaku: MESSAGE arrives with {nick, avatar, message, userID}; the sender shows the result once', async () => {
    const { server, groupID, host } = await room();
    const ann = await h.client(server, groupID, 'ann', { nick: 'Ann' });
    await ann.joinRoom();
    const hostMessages = collect(host, EVENT.MESSAGE);
    const annMessages = collect(ann, EVENT.MESSAGE);
    const { nick, avatar, message, messageID, time } = await ann.sendMessage('<b>hello</b>');
    expect({ nick, avatar, message }).toEqual({ nick: 'Ann', avatar: '', message: '<b>hello</b>' });
    expect(messageID).not.toBe('');
    expect(time).toBeGreaterThan(0);
    await until(() => hostMessages.length === 1, 5000, 'MESSAGE');
    expect(hostMessages[0]).toMatchObject({
      nick: 'Ann',
      avatar: '',
      message: '<b>hello</b>',
      userID: 'ann',
      messageID,
    });
    await sleep(100);
    expect(annMessages).toEqual([]);
  });

  it('like, gift, attention, cancelAttention and custom events reach the room with the original component fields', async () => {
    const { server, groupID, host } = await room();
    const ann = await h.client(server, groupID, 'ann', { nick: 'Ann', likeWindowMs: 800 });
    await ann.joinRoom();
    const likes = collect(host, EVENT.LIKE);
    const gifts = collect(host, EVENT.SEND_GIFT);
    const follows = collect(host, EVENT.ATTENT);
    const unfollows = collect(host, EVENT.CANCEL_ATTENT);
    const custom = collect(host, 'eventName');

    for (let i = 0; i < 10; i++) {
      const { nick, avatar } = await ann.like('lv2');
      expect({ nick, avatar }).toEqual({ nick: 'Ann', avatar: '' });
    }
    expect(await ann.gift('{"id":"rocket","name":"Rocket"}')).toMatchObject({ nick: 'Ann', avatar: '' });
    expect(await ann.attention()).toMatchObject({ nick: 'Ann' });
    expect(await ann.cancelAttention()).toMatchObject({ nick: 'Ann' });
    await ann.sendCustomMsgAndEmitEvent('eventName', 'someExtension');

    await until(() => likes.reduce((n, l) => n + l.count, 0) === 10, 5000, 'all 10 likes');
    // Ten taps in well under the window: one message at once, one carrying the other nine.
    expect(likes.map((l) => l.count)).toEqual([1, 9]);
    expect(likes[1]).toMatchObject({ nick: 'Ann', avatar: '', value: 'lv2', userID: 'ann' });
    await until(() => custom.length === 1, 5000, 'custom event');
    expect(gifts[0]).toMatchObject({
      nick: 'Ann',
      value: '{"id":"rocket","name":"Rocket"}',
      userID: 'ann',
      gift: { id: 'rocket', name: 'Rocket' },
    });
    expect(follows[0]).toMatchObject({ nick: 'Ann', avatar: '', value: '', userID: 'ann' });
    expect(unfollows[0]).toMatchObject({ userID: 'ann' });
    expect(custom[0]).toMatchObject({
      nick: 'Ann',
      userID: 'ann',
      data: 'eventName',
      description: '',
      extension: 'someExtension',
    });
    expect(ann.stats()).toMatchObject({ likeTaps: 10, likeMessagesSent: 2, likesMerged: 8 });
  });

  it('host helpers change the room for everyone, the host included (op-6 tips)', async () => {
    const { server, groupID, host } = await room();
    const ann = await h.client(server, groupID, 'ann');
    await ann.joinRoom();
    const seen = [host, ann].map((c) => ({
      goods: collect(c, EVENT.ADD_GOODS),
      status: collect(c, EVENT.ROOM_STATUS_CHANGE),
      notices: collect(c, EVENT.NOTIFICATION),
    }));
    await host.pushGoods({ id: 'g1', t: 'Oolong', p: 3900 });
    await host.setRoomStatus('paused');
    await host.setNotification('20% off tonight');
    for (const s of seen) {
      await until(() => s.notices.length === 1, 5000, 'NOTIFACATION');
      expect(s.goods[0]).toMatchObject({
        value: '{"id":"g1","t":"Oolong","p":3900}',
        goods: { id: 'g1', t: 'Oolong', p: 3900 },
        userID: 'host',
        nick: 'Host',
        role: 'owner',
        source: 'tip',
      });
      expect(s.status[0]).toMatchObject({ value: 'paused', role: 'owner' });
      expect(s.notices[0]).toMatchObject({ notification: '20% off tonight' });
    }
    const info = await ann.getRoomInfo();
    const { userID, nick, avatar } = info;
    expect({ userID, nick, avatar }).toEqual({ userID: 'host', nick: 'Host', avatar: 'https://img.example/host.png' });
    expect(info).toMatchObject({
      notification: '20% off tonight',
      roomStatus: 'paused',
      goods: { id: 'g1' },
      customFields: { room_status: 'paused' },
    });
    // A viewer cannot: refused locally, and the server would refuse it too.
    const denied = await ann.setRoomStatus('ended').catch((e: unknown) => e);
    expect(LiveSellError.is(denied, 'PERMISSION_DENIED')).toBe(true);
  });

  it('the merchant backend (server account) announces verified purchases and room changes', async () => {
    const { server, groupID, host } = await room();
    const buys = collect(host, EVENT.BUY_GOODS);
    const coupons = collect(host, EVENT.USE_COUPON);
    const goods = collect(host, EVENT.ADD_GOODS);
    await server.admin.sendCustomMessage({
      groupID,
      data: 'BUY_GOODS',
      extension: JSON.stringify({ orderID: 'o1', goodsID: 'g1', userID: 'bob', nick: 'Bob', quantity: 1 }),
    });
    await server.admin.sendCustomMessage({
      groupID,
      data: 'USE_COUPON',
      extension: JSON.stringify({ couponID: 'c1', userID: 'cat', nick: 'Cat' }),
    });
    await server.admin.updateRoom({ groupID, customFields: { add_goods: '{"id":"g7"}' } });
    await until(() => buys.length === 1 && coupons.length === 1 && goods.length === 1, 5000, 'server events');
    expect(buys[0]).toMatchObject({
      userID: 'bob',
      nick: 'Bob',
      verified: true,
      role: 'server',
      goods: { orderID: 'o1' },
    });
    expect(coupons[0]).toMatchObject({ userID: 'cat', nick: 'Cat', verified: true });
    expect(goods[0]).toMatchObject({ value: '{"id":"g7"}', userID: 'administrator', role: 'server', source: 'tip' });
  });

  it('exitRoom: a viewer leaves with {status} and the host sees EXIT_GROUP; the host cannot exit', async () => {
    const { server, groupID, host } = await room();
    const ann = await h.client(server, groupID, 'ann');
    await ann.joinRoom();
    const exits = collect(host, EVENT.EXIT_GROUP);
    const { status } = await ann.exitRoom();
    expect(status).toBe('exited');
    await until(() => exits.length === 1, 5000, 'EXIT_GROUP');
    expect(exits[0]).toMatchObject({ userID: 'ann' });
    const error = await host.exitRoom().catch((e: unknown) => e);
    expect(LiveSellError.is(error, 'HOST_CANNOT_EXIT')).toBe(true);
    // The host is still in the room.
    const msgs = collect(host, EVENT.MESSAGE);
    await server.admin.sendTextMessage({ groupID, text: 'still here', fromUserID: 'ann' });
    await until(() => msgs.length === 1, 5000, 'message to the host');
  });

  it('a bad UserSig is refused: the login rejects and ERROR is emitted', async () => {
    const server = await h.start();
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const mallory = await h.client(server, groupID, 'mallory', { userSig: 'not-a-sig', wait: false });
    const errors = collect(mallory, EVENT.ERROR);
    const error = await mallory.ready().catch((e: unknown) => e);
    expect(LiveSellError.is(error, 'USERSIG_INVALID')).toBe(true);
    expect((error as LiveSellError).timCode).toBeGreaterThanOrEqual(70000);
    expect(errors.map((e) => e.code)).toContain('USERSIG_INVALID');

    const userSig = genUserSig({
      sdkAppID: server.sdkAppID,
      secretKey: DEV_SECRET_KEY,
      userID: 'late',
      expire: 10,
      now: Date.now() - 60_000,
    });
    const expired = await h.client(server, groupID, 'late', { userSig, wait: false });
    expect(LiveSellError.is(await expired.ready().catch((e: unknown) => e), 'USERSIG_EXPIRED')).toBe(true);
  });

  it('a second login kicks the first: KICKED with multipleAccount', async () => {
    const { server, groupID } = await room();
    const first = await h.client(server, groupID, 'ann');
    await first.joinRoom();
    const kicked = collect(first, EVENT.KICKED);
    const second = await h.client(server, groupID, 'ann');
    await second.joinRoom();
    await until(() => kicked.length === 1, 5000, 'KICKED');
    expect(kicked[0]).toEqual({ type: 'multipleAccount' });
    expect(LiveSellError.is(await first.sendMessage('x').catch((e: unknown) => e), 'KICKED')).toBe(true);
  });
});
