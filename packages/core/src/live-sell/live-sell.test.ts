/**
 * Unit tests of TIMLiveSell against a hand-written fake TIM (`testing/fake-tim.ts`, a test double
 * of the SDK: Tencent's service is unreachable here) and a manual clock. The same class runs over
 * real sockets in the server package's integration tests.
 */
import { describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../clock';
import { LiveSellError } from '../errors';
import { TIM_EVENT } from '../tim/types';
import { EVENT, LiveSell, type LiveSellPayload, TIMLiveSell, type TIMLiveSellOptions, TLS, TSL } from './index';
import { createFakeTIM, type FakeTimInstance, incoming } from './testing/fake-tim';

const ROOM = '@TGS#room';

async function setup(
  options: Partial<TIMLiveSellOptions> & { prepare?: (tim: FakeTimInstance) => void; wait?: boolean } = {},
) {
  const { prepare, wait = true, ...rest } = options;
  const clock = createManualClock(1_000_000);
  const TIM = createFakeTIM(prepare);
  const tls = new TIMLiveSell({
    SDKAppID: 1400000001,
    roomID: ROOM,
    userSig: 'sig',
    userName: 'viewer',
    TIM,
    clock,
    ...rest,
  });
  const tim = TIM.last;
  if (wait && rest.autoLogin !== false) await tls.ready();
  return { tls, tim, TIM, clock };
}

function collect<K extends string>(tls: TIMLiveSell, event: K): Array<LiveSellPayload<K>> {
  const seen: Array<LiveSellPayload<K>> = [];
  tls.on(event, (e) => {
    seen.push(e);
  });
  return seen;
}

async function rejection(promise: Promise<unknown>): Promise<LiveSellError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LiveSellError);
    return error as LiveSellError;
  }
  throw new Error('expected a rejection');
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('construction and login', () => {
  it('creates the SDK with one-room AVChatRooms, logs in on construction and emits SDK_READY', async () => {
    const TIM = createFakeTIM();
    const clock = createManualClock();
    const tls = new TIMLiveSell({ SDKAppID: 1400000803, roomID: ROOM, userSig: 'sig', userName: 'Host', TIM, clock });
    const ready = collect(tls, EVENT.SDK_READY);
    expect(TIM.createdWith).toEqual([{ SDKAppID: 1400000803, unlimitedAVChatRoom: false }]);
    expect(tls.tim).toBe(TIM.last);
    expect(TIM.last.argsOf('login')).toEqual([{ userID: 'Host', userSig: 'sig' }]);
    await tls.ready();
    expect(ready).toEqual([{ userID: 'Host' }]);
    expect(tls.isReady).toBe(true);
  });

  it('exports the original component names as one class with a static EVENT', () => {
    expect(TLS).toBe(TIMLiveSell);
    expect(TSL).toBe(TIMLiveSell);
    expect(LiveSell).toBe(TIMLiveSell);
    expect(TIMLiveSell.EVENT).toBe(EVENT);
    expect(EVENT.NOTIFICATION).toBe(EVENT.NOTIFACATION);
  });

  it('refuses missing options with INVALID_ARGUMENT', () => {
    const TIM = createFakeTIM();
    expect(() => new TIMLiveSell({ SDKAppID: 1, roomID: '', userSig: 's', userName: 'u', TIM })).toThrow(/roomID/);
    expect(() => new TIMLiveSell({ SDKAppID: 1, roomID: 'r', userSig: 's', userName: '', TIM })).toThrow(/userName/);
  });

  it('a failed login rejects and emits ERROR, never an unhandled rejection', async () => {
    const { tls } = await setup({
      wait: false,
      prepare: (tim) => {
        tim.answers.login = { code: 70001, message: 'userSig expired' };
      },
    });
    const errors = collect(tls, EVENT.ERROR);
    const error = await rejection(tls.ready());
    expect(error.code).toBe('USERSIG_EXPIRED');
    expect(error.timCode).toBe(70001);
    expect(error.fatal).toBe(true);
    expect(errors.map((e) => e.code)).toContain('USERSIG_EXPIRED');
    expect((await rejection(tls.joinRoom())).code).toBe('USERSIG_EXPIRED');
  });

  it('a login that never answers rejects after the login timeout', async () => {
    const { tls, clock } = await setup({
      wait: false,
      loginTimeoutMs: 5000,
      prepare: (tim) => {
        tim.answers.login = 'hang';
      },
    });
    const pending = rejection(tls.ready());
    clock.advance(5000);
    expect((await pending).code).toBe('SEND_TIMEOUT');
  });

  it('sets the nick and avatar given in the options as the IM profile', async () => {
    const { tls, tim } = await setup({ nick: 'Ann', avatar: 'https://img/ann.png' });
    expect(tim.argsOf('updateMyProfile')).toEqual([{ nick: 'Ann', avatar: 'https://img/ann.png' }]);
    tim.group.ownerID = 'host';
    const sent = await tls.sendMessage('hello');
    expect(sent).toMatchObject({ nick: 'Ann', avatar: 'https://img/ann.png', message: 'hello', userID: 'viewer' });
  });

  it('passes timOptions and timLogLevel to the SDK, keeping the one-room rule', async () => {
    const { TIM, tim } = await setup({
      timOptions: { oversea: true, unlimitedAVChatRoom: true } as TIMLiveSellOptions['timOptions'],
      timLogLevel: 1,
    });
    expect(TIM.createdWith).toEqual([{ SDKAppID: 1400000001, oversea: true, unlimitedAVChatRoom: false }]);
    expect(tim.argsOf('setLogLevel')).toEqual([1]);
  });

  it('hostOnlyEvents and serverUserIDs extend the trust rules', async () => {
    const { tls, tim } = await setup({ hostOnlyEvents: ['FLASH_SALE'], serverUserIDs: ['merchant'] });
    const sales = collect(tls, 'FLASH_SALE');
    const buys = collect(tls, EVENT.BUY_GOODS);
    tim.receive(
      incoming.custom('ann', { data: 'FLASH_SALE', extension: 'fake' }),
      incoming.custom('merchant', { data: 'FLASH_SALE', extension: 'real' }),
      incoming.custom('administrator', { data: 'BUY_GOODS', extension: '{}' }),
    );
    expect(sales.map((e) => [e.value, e.role])).toEqual([['real', 'server']]);
    expect(buys.map((b) => b.verified)).toEqual([false]);
    expect((await rejection(tls.sendCustomMsgAndEmitEvent('FLASH_SALE'))).code).toBe('PERMISSION_DENIED');
  });

  it('autoLogin: false waits for login()', async () => {
    const { tls, tim } = await setup({ autoLogin: false });
    expect(tim.count('login')).toBe(0);
    await tls.login();
    expect(tim.count('login')).toBe(1);
    await tls.login();
    expect(tim.count('login')).toBe(1);
  });
});

describe('joinRoom / exitRoom / getRoomInfo', () => {
  it('joins the constructor roomID and returns userInfo and groupInfo.ownerInfo', async () => {
    const { tls, tim } = await setup();
    const { userInfo, groupInfo, status } = await tls.joinRoom();
    expect(tim.argsOf('joinGroup')).toEqual([{ groupID: ROOM, type: 'AVChatRoom' }]);
    expect(status).toBe('JoinedSuccess');
    expect(userInfo).toEqual({ userID: 'viewer', nick: '', avatar: '' });
    expect(groupInfo.ownerInfo).toEqual({ userID: 'host', nick: 'Host', avatar: 'https://img/host.png' });
    expect(groupInfo.notification).toBe('welcome');
    expect(tls.isJoined).toBe(true);
    expect(tls.roomFields).toEqual({ addGoods: '{"id":"g1","t":"Tea"}', roomStatus: 'live', notification: 'welcome' });
  });

  it('gives a full groupInfo when already in the group', async () => {
    const { tls } = await setup({
      prepare: (tim) => {
        tim.joinStatus = 'AlreadyInGroup';
      },
    });
    const { groupInfo, status } = await tls.joinRoom();
    expect(status).toBe('AlreadyInGroup');
    expect(groupInfo.ownerInfo.userID).toBe('host');
    expect(groupInfo.groupID).toBe('@TGS#room');
  });

  it('a failed join rejects with JOIN_FAILED and the SDK code', async () => {
    const { tls, tim } = await setup();
    tim.answers.joinGroup = { code: 10010, message: 'group not found' };
    const error = await rejection(tls.joinRoom());
    expect(error.code).toBe('JOIN_FAILED');
    expect(error.timCode).toBe(10010);
    expect(error.cause).toEqual({ code: 10010, message: 'group not found' });
  });

  it('the host cannot exit: HOST_CANNOT_EXIT and no quitGroup', async () => {
    const { tls, tim } = await setup({ userName: 'host' });
    await tls.joinRoom();
    const error = await rejection(tls.exitRoom());
    expect(error.code).toBe('HOST_CANNOT_EXIT');
    expect(tim.count('quitGroup')).toBe(0);
  });

  it('a viewer exits with {status}', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    expect(await tls.exitRoom()).toEqual({ status: 'exited', groupID: ROOM });
    expect(tim.argsOf('quitGroup')).toEqual([ROOM]);
    expect(tls.isJoined).toBe(false);
  });

  it('getRoomInfo spreads the owner and decodes the room fields', async () => {
    const { tls, tim } = await setup();
    const info = await tls.getRoomInfo();
    expect(tim.argsOf('getGroupProfile')).toEqual([
      { groupID: ROOM, groupCustomFieldFilter: ['add_goods', 'room_status', 'like_total'] },
    ]);
    const { userID, nick, avatar } = info;
    expect({ userID, nick, avatar }).toEqual({ userID: 'host', nick: 'Host', avatar: 'https://img/host.png' });
    expect(info).toMatchObject({
      ownerInfo: { userID: 'host' },
      notification: 'welcome',
      introduction: 'intro',
      addGoods: '{"id":"g1","t":"Tea"}',
      goods: { id: 'g1', t: 'Tea' },
      roomStatus: 'live',
      customFields: { add_goods: '{"id":"g1","t":"Tea"}', room_status: 'live' },
    });
  });
});

describe('sending', () => {
  it('sendMessage sends a Normal text message and does not re-emit it', async () => {
    const { tls, tim } = await setup();
    const messages = collect(tls, EVENT.MESSAGE);
    const result = await tls.sendMessage('hi all');
    const [options] = tim.argsOf('createTextMessage') as [Record<string, unknown>];
    expect(options).toEqual({ to: ROOM, conversationType: 'GROUP', priority: 'Normal', payload: { text: 'hi all' } });
    expect(result).toMatchObject({ nick: '', avatar: '', message: 'hi all', userID: 'viewer' });
    expect(result.messageID).toBe(tim.sent[0]?.ID);
    expect(result.time).toBe((tim.sent[0]?.time ?? 0) * 1000);
    // If the service echoes it back, it is still not shown twice.
    tim.receive({ ...tim.sent[0], flow: 'in' });
    expect(messages).toEqual([]);
    expect(tls.stats().droppedByReason.own_echo).toBe(1);
  });

  it('refuses empty and oversized messages before sending', async () => {
    const { tls, tim } = await setup();
    expect((await rejection(tls.sendMessage('  '))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(tls.sendMessage('好'.repeat(4097)))).code).toBe('MESSAGE_TOO_LARGE');
    expect(tim.count('sendMessage')).toBe(0);
  });

  it('gift sends one High SEND_GIFT custom message in the original wire format and emits it locally', async () => {
    const { tls, tim } = await setup();
    const gifts = collect(tls, EVENT.SEND_GIFT);
    const result = await tls.gift('{"id":"rocket","count":2}');
    const [options] = tim.argsOf('createCustomMessage') as [Record<string, unknown>];
    expect(options).toEqual({
      to: ROOM,
      conversationType: 'GROUP',
      priority: 'High',
      payload: { data: 'SEND_GIFT', description: '', extension: '{"id":"rocket","count":2}' },
    });
    expect(result).toMatchObject({ nick: '', avatar: '', userID: 'viewer', messageID: tim.sent[0]?.ID });
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatchObject({
      userID: 'viewer',
      value: '{"id":"rocket","count":2}',
      isSelf: true,
      gift: { id: 'rocket', count: 2 },
    });
  });

  it('attention and cancelAttention send ATTENTION / CANCELATTENTION and emit ATTENT / CANCEL_ATTENT', async () => {
    const { tls, tim } = await setup();
    const follows = collect(tls, EVENT.ATTENT);
    const unfollows = collect(tls, EVENT.CANCEL_ATTENT);
    await tls.attention();
    await tls.cancelAttention();
    const payloads = tim.sent.map((m) => m.payload);
    expect(payloads).toEqual([
      { data: 'ATTENTION', description: '', extension: '' },
      { data: 'CANCELATTENTION', description: '', extension: '' },
    ]);
    expect(tim.sent.map((m) => m.priority)).toEqual(['High', 'High']);
    expect(follows).toHaveLength(1);
    expect(follows[0]).toMatchObject({ userID: 'viewer', isSelf: true, data: 'ATTENTION' });
    expect(unfollows).toHaveLength(1);
    // Following changes no group field: viewers cannot write them, and there is nothing to race on.
    expect(tim.count('updateGroupProfile')).toBe(0);
  });

  it('sendCustomMsgAndEmitEvent sends the name as data and emits the same-named event', async () => {
    const { tls, tim } = await setup();
    const seen = collect(tls, 'FLASH_SALE');
    await tls.sendCustomMsgAndEmitEvent('FLASH_SALE', 'someExtension');
    expect(tim.sent[0]?.payload).toEqual({ data: 'FLASH_SALE', description: '', extension: 'someExtension' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      data: 'FLASH_SALE',
      extension: 'someExtension',
      value: 'someExtension',
      description: '',
    });
  });

  it('refuses local event names and host-only names from a viewer', async () => {
    const { tls, tim } = await setup();
    expect((await rejection(tls.sendCustomMsgAndEmitEvent('MESSAGE', 'x'))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(tls.sendCustomMsgAndEmitEvent('has space'))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(tls.sendCustomMsgAndEmitEvent('ADD_GOODS', 'g2'))).code).toBe('PERMISSION_DENIED');
    expect(tim.count('sendMessage')).toBe(0);
  });

  it('the host may send host-only events', async () => {
    const { tls, tim } = await setup({ userName: 'host' });
    const goods = collect(tls, EVENT.ADD_GOODS);
    await tls.sendCustomMsgAndEmitEvent('ADD_GOODS', '{"id":"g2"}');
    expect(tim.sent).toHaveLength(1);
    expect(goods[0]).toMatchObject({ value: '{"id":"g2"}', goods: { id: 'g2' }, role: 'owner', source: 'message' });
  });

  it('maps SDK rejections to typed errors with the SDK code and cause', async () => {
    const { tls, tim } = await setup();
    tim.answers.sendMessage = { code: 10017, message: 'muted' };
    const error = await rejection(tls.sendMessage('hi'));
    expect(error).toMatchObject({ code: 'MUTED', timCode: 10017, cause: { code: 10017, message: 'muted' } });
    expect(tls.stats().sendFailed).toBe(1);
  });

  it('a send that never answers rejects with SEND_TIMEOUT after sendTimeoutMs', async () => {
    const { tls, tim, clock } = await setup({ sendTimeoutMs: 3000 });
    tim.answers.sendMessage = 'hang';
    const pending = rejection(tls.gift());
    await flush();
    clock.advance(2999);
    await flush();
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await flush();
    expect(settled).toBe(false);
    clock.advance(1);
    expect((await pending).code).toBe('SEND_TIMEOUT');
  });
});

describe('like aggregation', () => {
  it('resolves every tap at once and sends taps within the window as one Low message with the count', async () => {
    const { tls, tim, clock } = await setup();
    const likes = collect(tls, EVENT.LIKE);
    for (let i = 0; i < 20; i++) {
      const result = await tls.like('lv3');
      expect(result).toMatchObject({ nick: '', avatar: '', userID: 'viewer' });
      clock.advance(50);
    }
    await flush();
    // The first tap goes out at once; the 19 others wait for the window.
    expect(tim.sent.map((m) => m.payload)).toEqual([{ data: 'LIKE', description: '', extension: 'lv3' }]);
    clock.advance(1000);
    await flush();
    expect(tim.sent.map((m) => m.payload)).toEqual([
      { data: 'LIKE', description: '', extension: 'lv3' },
      { data: 'LIKE', description: '19', extension: 'lv3' },
    ]);
    expect(tim.sent.map((m) => m.priority)).toEqual(['Low', 'Low']);
    // Every tap shows locally at once.
    expect(likes).toHaveLength(20);
    expect(likes.every((l) => l.count === 1 && l.isSelf)).toBe(true);
    expect(tls.stats()).toMatchObject({ likeTaps: 20, likeMessagesSent: 2, likesMerged: 18 });
    // A quiet window after a flush sends nothing more.
    clock.advance(5000);
    await flush();
    expect(tim.sent).toHaveLength(2);
  });

  it('a steady 20 taps/s sends one message per window', async () => {
    const { tls, tim, clock } = await setup();
    for (let i = 0; i < 200; i++) {
      await tls.like();
      clock.advance(50);
    }
    await flush();
    // 10 s of tapping: 1 leading message + one per 2 s window.
    expect(tim.sent.length).toBeLessThanOrEqual(6);
    const counts = tim.sent.map((m) => {
      const d = (m.payload as { description: string }).description;
      return d === '' ? 1 : Number(d);
    });
    clock.advance(2000);
    await flush();
    const total = tim.sent.reduce((n, m) => {
      const d = (m.payload as { description: string }).description;
      return n + (d === '' ? 1 : Number(d));
    }, 0);
    expect(counts[0]).toBe(1);
    expect(total).toBe(200);
  });

  it('a failed aggregated send is reported through ERROR', async () => {
    const { tls, tim } = await setup();
    const errors = collect(tls, EVENT.ERROR);
    tim.answers.sendMessage = { code: 2996, message: 'too frequent' };
    await tls.like();
    await flush();
    expect(errors.map((e) => e.code)).toEqual(['RATE_LIMITED']);
    expect(tls.stats().sendFailed).toBe(1);
  });
});

describe('incoming events', () => {
  it('MESSAGE carries {nick, avatar, message, userID} and more', async () => {
    const { tls, tim } = await setup();
    const seen = collect(tls, EVENT.MESSAGE);
    tim.receive(incoming.text('ann', 'hello', { ID: 'm1', time: 1_700_000_123 }));
    expect(seen).toEqual([
      {
        nick: 'ann-nick',
        avatar: 'https://img/ann.png',
        message: 'hello',
        userID: 'ann',
        role: 'member',
        isHost: false,
        isSelf: false,
        messageID: 'm1',
        time: 1_700_000_123_000,
      },
    ]);
  });

  it('LIKE carries count: 1 from the original component, the aggregated count from ours', async () => {
    const { tls, tim } = await setup();
    const seen = collect(tls, EVENT.LIKE);
    tim.receive(
      incoming.custom('ann', { data: 'LIKE', extension: 'lv1' }),
      incoming.custom('bob', { data: 'LIKE', description: '7' }),
    );
    expect(seen.map((l) => [l.userID, l.count, l.value])).toEqual([
      ['ann', 1, 'lv1'],
      ['bob', 7, ''],
    ]);
    expect(seen[0]).toMatchObject({ nick: 'ann-nick', avatar: 'https://img/ann.png', data: 'LIKE', description: '' });
  });

  it('SEND_GIFT, ATTENT, CANCEL_ATTENT and custom events carry the original component fields', async () => {
    const { tls, tim } = await setup();
    const gifts = collect(tls, EVENT.SEND_GIFT);
    const follows = collect(tls, EVENT.ATTENT);
    const unfollows = collect(tls, EVENT.CANCEL_ATTENT);
    const custom = collect(tls, 'eventName');
    tim.receive(
      incoming.custom('ann', { data: 'SEND_GIFT', extension: '{"name":"rose"}' }),
      incoming.custom('ann', { data: 'SEND_GIFT', extension: 'plain rose' }),
      incoming.custom('bob', { data: 'ATTENTION' }),
      incoming.custom('bob', { data: 'CANCELATTENTION' }),
      incoming.custom('cat', { data: 'eventName', extension: 'someExtension', description: 'd' }),
    );
    expect(gifts.map((g) => [g.value, g.gift])).toEqual([
      ['{"name":"rose"}', { name: 'rose' }],
      ['plain rose', undefined],
    ]);
    expect(follows[0]).toMatchObject({ userID: 'bob', nick: 'bob-nick', avatar: 'https://img/bob.png', value: '' });
    expect(unfollows[0]).toMatchObject({ userID: 'bob' });
    expect(custom[0]).toMatchObject({
      userID: 'cat',
      nick: 'cat-nick',
      data: 'eventName',
      description: 'd',
      extension: 'someExtension',
      value: 'someExtension',
    });
  });

  it('custom events named like Object.prototype members are ordinary custom events', async () => {
    const { tls, tim } = await setup();
    const names = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
    const seen = names.map((name) => collect(tls, name));
    tim.receive(...names.map((data) => incoming.custom('ann', { data, extension: '{"x":1}' })));
    expect(seen.map((s) => s.map((e) => [e.data, e.value, e.parsed]))).toEqual(
      names.map((name) => [[name, '{"x":1}', { x: 1 }]]),
    );
    await tls.sendCustomMsgAndEmitEvent('toString', 'mine');
    expect(seen[1]?.[1]).toMatchObject({ data: 'toString', value: 'mine', isSelf: true });
  });

  it('BUY_GOODS / USE_COUPON are verified only from the server account, which names the buyer', async () => {
    const { tls, tim } = await setup();
    const buys = collect(tls, EVENT.BUY_GOODS);
    const coupons = collect(tls, EVENT.USE_COUPON);
    tim.receive(
      incoming.custom('ann', { data: 'BUY_GOODS', extension: '{"goodsID":"g1"}' }),
      incoming.custom('administrator', {
        data: 'BUY_GOODS',
        extension: '{"orderID":"o1","goodsID":"g1","userID":"bob","nick":"Bob"}',
      }),
      incoming.custom('administrator', {
        data: 'USE_COUPON',
        extension: '{"couponID":"c1","userID":"cat","nick":"Cat"}',
      }),
    );
    expect(buys.map((b) => [b.userID, b.nick, b.verified, b.role])).toEqual([
      ['ann', 'ann-nick', false, 'member'],
      ['bob', 'Bob', true, 'server'],
    ]);
    expect(buys[1]?.goods).toMatchObject({ orderID: 'o1' });
    expect(coupons[0]).toMatchObject({ userID: 'cat', nick: 'Cat', verified: true, coupon: { couponID: 'c1' } });
  });

  it('group tips: JOIN_GROUP and EXIT_GROUP per member, with nick and avatar', async () => {
    const { tls, tim } = await setup();
    const joins = collect(tls, EVENT.JOIN_GROUP);
    const exits = collect(tls, EVENT.EXIT_GROUP);
    tim.receive(
      incoming.tip('ann', {
        operationType: 1,
        userIDList: ['ann', 'bob'],
        memberList: [{ userID: 'bob', nick: 'Bob', avatar: 'https://img/b.png' }],
        memberCount: 12,
      }),
      incoming.tip('cat', { operationType: 2 }),
      incoming.tip('host', { operationType: 3, userIDList: ['dan'] }),
      // A removal with a ban (op 10) is a member leaving too: viewer counts follow it.
      incoming.tip('host', { operationType: 10, userIDList: ['eve'], memberCount: 9 }),
    );
    expect(joins.map((j) => [j.userID, j.nick, j.avatar, j.memberCount])).toEqual([
      ['ann', 'ann-nick', 'https://img/ann.png', 12],
      ['bob', 'Bob', 'https://img/b.png', 12],
    ]);
    expect(exits.map((e) => [e.userID, e.memberCount])).toEqual([
      ['cat', undefined],
      ['dan', undefined],
      ['eve', 9],
    ]);
  });

  it('an op-6 tip emits ADD_GOODS, ROOM_STATUS_CHANGE and NOTIFACATION (and its NOTIFICATION alias)', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    const goods = collect(tls, EVENT.ADD_GOODS);
    const status = collect(tls, EVENT.ROOM_STATUS_CHANGE);
    const notices = collect(tls, EVENT.NOTIFACATION);
    const alias = collect(tls, EVENT.NOTIFICATION);
    tim.receive(
      incoming.tip('host', {
        operationType: 6,
        newGroupProfile: {
          groupCustomField: [
            { key: 'add_goods', value: '{"id":"g9","p":990}' },
            { key: 'room_status', value: 'paused' },
            { key: 'other', value: 'x' },
          ],
          notification: 'sale at 8pm',
        },
      }),
    );
    expect(goods).toEqual([
      expect.objectContaining({
        value: '{"id":"g9","p":990}',
        goods: { id: 'g9', p: 990 },
        userID: 'host',
        nick: 'host-nick',
        role: 'owner',
        source: 'tip',
      }),
    ]);
    expect(status).toEqual([expect.objectContaining({ value: 'paused', source: 'tip' })]);
    expect(notices).toEqual([expect.objectContaining({ notification: 'sale at 8pm' })]);
    expect(alias).toHaveLength(1);
    expect(tls.roomFields).toEqual({
      addGoods: '{"id":"g9","p":990}',
      roomStatus: 'paused',
      notification: 'sale at 8pm',
    });
  });

  it('KICKED, NETWORK_CHANGE, PROFILE_UPDATE, SDK_NOT_READY and SDK errors', async () => {
    const { tls, tim } = await setup();
    const kicked = collect(tls, EVENT.KICKED);
    const net = collect(tls, EVENT.NETWORK_CHANGE);
    const profiles = collect(tls, EVENT.PROFILE_UPDATE);
    const notReady = collect(tls, EVENT.SDK_NOT_READY);
    const errors = collect(tls, EVENT.ERROR);
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'connecting' });
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'bogus' });
    tim.fire(TIM_EVENT.PROFILE_UPDATED, [{ userID: 'viewer', nick: 'New me', avatar: 'javascript:alert(1)' }]);
    tim.fire(TIM_EVENT.SDK_NOT_READY);
    tim.fire(TIM_EVENT.ERROR, { code: 2800, message: 'network' });
    tim.fire(TIM_EVENT.KICKED_OUT, { type: 'multipleAccount' });
    expect(net).toEqual([{ state: 'connecting' }]);
    expect(profiles).toEqual([{ profiles: [{ userID: 'viewer', nick: 'New me', avatar: '' }] }]);
    expect(notReady).toEqual([{ userID: 'viewer' }]);
    expect(errors.map((e) => [e.code, e.timCode])).toEqual([['NETWORK', 2800]]);
    expect(kicked).toEqual([{ type: 'multipleAccount' }]);
    expect((await rejection(tls.sendMessage('still here?'))).code).toBe('KICKED');
  });

  it('decodes a burst of 2,000 messages in one batch', async () => {
    const { tls, tim } = await setup();
    const messages = collect(tls, EVENT.MESSAGE);
    const likes = collect(tls, EVENT.LIKE);
    const batch = [];
    for (let i = 0; i < 2000; i++) {
      batch.push(i % 2 ? incoming.text(`u${i}`, `m${i}`) : incoming.custom(`u${i}`, { data: 'LIKE' }));
    }
    tim.receive(...batch);
    expect(messages).toHaveLength(1000);
    expect(likes).toHaveLength(1000);
    expect(tls.stats()).toMatchObject({ received: 2000, dropped: 0 });
  });
});

describe('trust', () => {
  it('drops and counts a viewer claiming host-only events; accepts owner, admin and server', async () => {
    const { tls, tim } = await setup({ adminUserIDs: ['mod'] });
    await tls.joinRoom();
    const goods = collect(tls, EVENT.ADD_GOODS);
    const status = collect(tls, EVENT.ROOM_STATUS_CHANGE);
    const notices = collect(tls, EVENT.NOTIFACATION);
    const coupons = collect(tls, 'ISSUE_COUPON');
    tim.receive(
      incoming.custom('ann', { data: 'ADD_GOODS', extension: '{"id":"fake"}' }),
      incoming.custom('ann', { data: 'ROOM_STATUS_CHANGE', extension: 'ended' }),
      incoming.custom('ann', { data: 'NOTIFICATION', extension: 'free iPhones' }),
      incoming.custom('ann', { data: 'ISSUE_COUPON', extension: '{}' }),
      incoming.custom('host', { data: 'ADD_GOODS', extension: '{"id":"g1"}' }),
      incoming.custom('mod', { data: 'ROOM_STATUS_CHANGE', extension: 'paused' }),
      incoming.custom('administrator', { data: 'ISSUE_COUPON', extension: '{"couponID":"c1"}' }),
    );
    expect(goods.map((g) => [g.userID, g.role])).toEqual([['host', 'owner']]);
    expect(status.map((s) => [s.userID, s.role, s.value])).toEqual([['mod', 'admin', 'paused']]);
    expect(notices).toEqual([]);
    expect(coupons.map((c) => c.role)).toEqual(['server']);
    expect(tls.stats().droppedByReason.untrusted).toBe(4);
    // The forged value did not change what the client believes the room shows.
    expect(tls.roomFields?.addGoods).toBe('{"id":"g1","t":"Tea"}');
  });

  it('caps a trusted ADD_GOODS / ROOM_STATUS_CHANGE message at the 512-byte field size', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    const goods = collect(tls, EVENT.ADD_GOODS);
    const status = collect(tls, EVENT.ROOM_STATUS_CHANGE);
    tim.receive(
      incoming.custom('host', { data: 'ADD_GOODS', extension: 'x'.repeat(513) }),
      incoming.custom('host', { data: 'ROOM_STATUS_CHANGE', extension: '好'.repeat(171) }),
      incoming.custom('host', { data: 'ADD_GOODS', extension: 'x'.repeat(512) }),
    );
    expect(goods.map((g) => g.value.length)).toEqual([512]);
    expect(status).toEqual([]);
    expect(tls.stats().droppedByReason.oversized).toBe(2);
    const host = await setup({ userName: 'host' });
    const error = await rejection(host.tls.sendCustomMsgAndEmitEvent('ADD_GOODS', 'x'.repeat(513)));
    expect(error.code).toBe('MESSAGE_TOO_LARGE');
    expect(host.tim.count('sendMessage')).toBe(0);
  });

  it('learns admins from group tips 4 and 5', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    const status = collect(tls, EVENT.ROOM_STATUS_CHANGE);
    tim.receive(incoming.tip('host', { operationType: 4, userIDList: ['ann'] }));
    tim.receive(incoming.custom('ann', { data: 'ROOM_STATUS_CHANGE', extension: 'live' }));
    tim.receive(incoming.tip('host', { operationType: 5, userIDList: ['ann'] }));
    tim.receive(incoming.custom('ann', { data: 'ROOM_STATUS_CHANGE', extension: 'ended' }));
    expect(status.map((s) => s.value)).toEqual(['live']);
  });
});

describe('validation', () => {
  it('drops malformed messages by reason and never throws', async () => {
    const { tls, tim } = await setup();
    const all = [EVENT.MESSAGE, EVENT.LIKE, EVENT.SEND_GIFT, EVENT.JOIN_GROUP, EVENT.ADD_GOODS].map((e) =>
      collect(tls, e),
    );
    const hostile = {
      get type() {
        throw new Error('boom');
      },
    };
    tim.receive(
      null,
      42,
      hostile,
      incoming.text('ann', 'x', { to: '@TGS#other' }),
      incoming.text('ann', ''),
      incoming.text('ann', 'x'.repeat(12 * 1024 + 1)),
      incoming.text('ann', 'x', { nick: 'n'.repeat(501) }),
      incoming.custom('ann', { data: 'SEND_GIFT', extension: '{"broken":' }),
      incoming.custom('ann', { data: 'MESSAGE', extension: 'fake danmaku' }),
      incoming.custom('ann', { data: 'LIKE', description: '999999' }),
      incoming.custom('ann', { data: 'LIKE', description: 'lots' }),
      incoming.custom('ann', { data: 42 as unknown as string }),
      incoming.tip('host', { operationType: 'join' }),
      { ...incoming.text('ann', 'x'), type: 'TIMImageElem' },
    );
    tim.fire(TIM_EVENT.MESSAGE_RECEIVED, 'not an array');
    expect(all.every((list) => list.length === 0)).toBe(true);
    const s = tls.stats();
    expect(s.droppedByReason).toEqual({
      invalid: 9,
      oversized: 2,
      bad_json: 1,
      untrusted: 0,
      reserved: 1,
      other_room: 1,
      own_echo: 0,
      unsupported: 1,
    });
    expect(s.received).toBe(15);
    expect(s.dropped).toBe(15);
  });

  it('drops oversized group field values from a tip but keeps the rest', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    const goods = collect(tls, EVENT.ADD_GOODS);
    const status = collect(tls, EVENT.ROOM_STATUS_CHANGE);
    tim.receive(
      incoming.tip('host', {
        operationType: 6,
        newGroupProfile: {
          groupCustomField: [
            { key: 'add_goods', value: '好'.repeat(200) },
            { key: 'room_status', value: 'live' },
          ],
        },
      }),
    );
    expect(goods).toEqual([]);
    expect(status.map((s) => s.value)).toEqual(['live']);
    expect(tls.stats().droppedByReason.oversized).toBe(1);
    // More fields than an app can have: not from the service.
    const many = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    tim.receive(incoming.tip('host', { operationType: 6, newGroupProfile: { groupCustomField: many } }));
    expect(tls.stats().droppedByReason.invalid).toBe(1);
  });

  it('renders no unsafe avatar URL', async () => {
    const { tls, tim } = await setup();
    const seen = collect(tls, EVENT.MESSAGE);
    tim.receive(incoming.text('ann', 'x', { avatar: 'javascript:alert(1)' }));
    expect(seen[0]?.avatar).toBe('');
  });
});

describe('reconnect', () => {
  it('re-joins after a reconnect and emits what changed while away', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    const net = collect(tls, EVENT.NETWORK_CHANGE);
    const goods = collect(tls, EVENT.ADD_GOODS);
    const status = collect(tls, EVENT.ROOM_STATUS_CHANGE);
    const notices = collect(tls, EVENT.NOTIFACATION);
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'disconnected' });
    tim.group.groupCustomField = [
      { key: 'add_goods', value: '{"id":"g2"}' },
      { key: 'room_status', value: 'live' },
    ];
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'connected' });
    await vi.waitFor(() => expect(goods).toHaveLength(1));
    expect(net.map((n) => n.state)).toEqual(['disconnected', 'connected']);
    expect(tim.count('joinGroup')).toBe(2);
    expect(goods[0]).toMatchObject({ value: '{"id":"g2"}', goods: { id: 'g2' }, source: 'resync', role: 'server' });
    expect(status).toEqual([]);
    expect(notices).toEqual([]);
    expect(tls.roomFields?.addGoods).toBe('{"id":"g2"}');
  });

  it('logs in again when the server forgot the session', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    const ready = collect(tls, EVENT.SDK_READY);
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'disconnected' });
    tim.answers.joinGroup = { code: 2024, message: 'not logged in' };
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'connected' });
    await vi.waitFor(() => expect(tim.count('login')).toBe(2));
    tim.answers.joinGroup = 'ok';
    await vi.waitFor(() => expect(ready).toHaveLength(1));
    await vi.waitFor(() => expect(tim.count('joinGroup')).toBe(3));
  });

  it('a failed resync is reported through ERROR, not thrown', async () => {
    const { tls, tim } = await setup();
    await tls.joinRoom();
    const errors = collect(tls, EVENT.ERROR);
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'disconnected' });
    tim.answers.getGroupProfile = { code: 2801, message: 'timeout' };
    tim.fire(TIM_EVENT.NET_STATE_CHANGE, { state: 'connected' });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.code).toBe('NETWORK');
  });
});

describe('host helpers', () => {
  it('the owner sets room_status, add_goods and the notification through the group profile', async () => {
    const { tls, tim } = await setup({ userName: 'host' });
    await tls.joinRoom();
    await tls.setRoomStatus('paused');
    await tls.pushGoods({ id: 'g3', t: 'Cup', p: 1990 });
    await tls.setNotification('20% off');
    expect(tim.calls.filter((c) => c.method === 'updateGroupProfile').map((c) => c.args[0])).toEqual([
      { groupID: ROOM, groupCustomField: [{ key: 'room_status', value: 'paused' }] },
      { groupID: ROOM, groupCustomField: [{ key: 'add_goods', value: '{"id":"g3","t":"Cup","p":1990}' }] },
      { groupID: ROOM, notification: '20% off' },
    ]);
  });

  it('a viewer gets PERMISSION_DENIED without a request', async () => {
    const { tls, tim } = await setup();
    expect((await rejection(tls.setRoomStatus('ended'))).code).toBe('PERMISSION_DENIED');
    expect((await rejection(tls.pushGoods('g1'))).code).toBe('PERMISSION_DENIED');
    expect(tim.count('updateGroupProfile')).toBe(0);
  });

  it('an admin (per group profile selfInfo) may change the room', async () => {
    const { tls, tim } = await setup({
      userName: 'mod',
      prepare: (t) => {
        t.group.selfInfo = { role: 'Admin' };
      },
    });
    await tls.joinRoom();
    await tls.setRoomStatus('live');
    expect(tim.count('updateGroupProfile')).toBe(1);
  });

  it('refuses a goods value over the 512-byte field limit', async () => {
    const { tls, tim } = await setup({ userName: 'host' });
    await tls.joinRoom();
    expect((await rejection(tls.pushGoods({ t: 'x'.repeat(520) }))).code).toBe('MESSAGE_TOO_LARGE');
    expect(tim.count('updateGroupProfile')).toBe(0);
  });
});

describe('listeners', () => {
  it('on returns an unsubscribe function; once fires once; off removes', async () => {
    const { tls, tim } = await setup();
    const a: string[] = [];
    const unsubscribe = tls.on(EVENT.MESSAGE, (e) => a.push(`on:${e.message}`));
    const onceHandler = (e: { message: string }) => a.push(`once:${e.message}`);
    tls.once(EVENT.MESSAGE, onceHandler);
    const offed = (e: { message: string }) => a.push(`off:${e.message}`);
    tls.on(EVENT.MESSAGE, offed);
    tls.off(EVENT.MESSAGE, offed);
    tim.receive(incoming.text('ann', '1'));
    unsubscribe();
    tim.receive(incoming.text('ann', '2'));
    expect(a).toEqual(['on:1', 'once:1']);
  });

  it('a throwing or rejecting handler is counted and reported, and the others still run', async () => {
    const { tls, tim } = await setup();
    const errors = collect(tls, EVENT.ERROR);
    const seen: string[] = [];
    tls.on(EVENT.MESSAGE, () => {
      throw new Error('bad handler');
    });
    tls.on(EVENT.MESSAGE, async () => {
      throw new Error('bad async handler');
    });
    tls.on(EVENT.MESSAGE, (e) => seen.push(e.message));
    tim.receive(incoming.text('ann', 'hi'));
    await flush();
    expect(seen).toEqual(['hi']);
    expect(tls.stats().listenerErrors).toBe(2);
    expect(errors).toHaveLength(2);
  });
});

describe('destroy', () => {
  it('flushes pending likes, logs out, destroys the SDK, removes every listener; idempotent', async () => {
    const { tls, tim, clock } = await setup();
    const seen = collect(tls, EVENT.MESSAGE);
    await tls.like();
    await tls.like();
    await tls.like();
    await flush();
    const first = tls.destroy();
    const second = tls.destroy();
    expect(second).toBe(first);
    await first;
    await tls.destroy();
    expect(tim.sent.map((m) => (m.payload as { description: string }).description)).toEqual(['', '2']);
    expect(tim.count('logout')).toBe(1);
    expect(tim.count('destroy')).toBe(1);
    expect(tim.listenerCount()).toBe(0);
    tim.receive(incoming.text('ann', 'after'));
    expect(seen).toEqual([]);
    expect(clock.pending()).toBe(0);
    expect((await rejection(tls.sendMessage('x'))).code).toBe('DESTROYED');
    expect((await rejection(tls.like())).code).toBe('DESTROYED');
  });

  it('completes even when logout and destroy never answer', async () => {
    const { tls, tim, clock } = await setup({ sendTimeoutMs: 1000 });
    tim.answers.logout = 'hang';
    tim.answers.destroy = 'hang';
    let done = false;
    const destroyed = tls.destroy().then(() => {
      done = true;
    });
    await flush();
    clock.advance(1000);
    await flush();
    clock.advance(1000);
    await destroyed;
    expect(done).toBe(true);
  });

  it('destroy after a failed login does not try to log in again', async () => {
    const { tls, tim } = await setup({
      wait: false,
      prepare: (t) => {
        t.answers.login = { code: 70009, message: 'bad sig' };
      },
    });
    await rejection(tls.ready());
    await tls.destroy();
    expect(tim.count('login')).toBe(1);
  });
});
