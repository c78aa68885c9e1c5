/**
 * Moderation events of TIMLiveSell (with `extensions: [moderationEvents]`) against the fake TIM
 * (Tencent's service is unreachable here) and a manual clock; the server package runs the same
 * events over real sockets.
 */
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { EVENT, type LiveSellPayload, TIMLiveSell } from '../live-sell/index';
import { createFakeTIM, incoming } from '../live-sell/testing/fake-tim';
import { TIM_EVENT } from '../tim/types';
import { MODERATION_EVENT, moderationEvents } from './events';

const ROOM = '@TGS#room';

async function setup(extensions = [moderationEvents]) {
  const clock = createManualClock(1_000_000);
  const TIM = createFakeTIM((tim) => {
    tim.group = { ...tim.group, ownerID: 'host' };
  });
  const tls = new TIMLiveSell({
    SDKAppID: 1400000001,
    roomID: ROOM,
    userSig: 'sig',
    userName: 'me',
    TIM,
    clock,
    adminUserIDs: ['helper'],
    extensions,
  });
  await tls.ready();
  await tls.joinRoom();
  return { tls, tim: TIM.last, clock };
}

function collect<K extends string>(tls: TIMLiveSell, event: K): Array<LiveSellPayload<K>> {
  const seen: Array<LiveSellPayload<K>> = [];
  tls.on(event, (e) => {
    seen.push(e);
  });
  return seen;
}

describe('moderation events from group tips', () => {
  it('tip 7 → MEMBER_MUTED with seconds and the local end time; 0 unmutes', async () => {
    const { tls, tim } = await setup();
    const muted = collect(tls, MODERATION_EVENT.MEMBER_MUTED);
    tim.receive(
      incoming.tip('helper', {
        operationType: 7,
        userIDList: ['me'],
        memberList: [{ userID: 'me', muteTime: 600 }],
      }),
      incoming.tip('host', { operationType: 7, userIDList: ['bob'], memberList: [{ userID: 'bob', muteTime: 0 }] }),
      // A profile tip without a mute time is not a mute.
      incoming.tip('host', { operationType: 7, userIDList: ['bob'], memberList: [{ userID: 'bob', nick: 'B' }] }),
    );
    expect(muted).toEqual([
      expect.objectContaining({ userID: 'me', isSelf: true, operatorID: 'helper', muteTime: 600, until: 1_600_000 }),
      expect.objectContaining({ userID: 'bob', isSelf: false, operatorID: 'host', muteTime: 0, until: null }),
    ]);
  });

  it('tip 3 → MEMBER_REMOVED kicked, tip 10 → blocked with the ban’s seconds; both also EXIT_GROUP', async () => {
    const { tls, tim } = await setup();
    const removed = collect(tls, MODERATION_EVENT.MEMBER_REMOVED);
    const exits = collect(tls, EVENT.EXIT_GROUP);
    tim.receive(
      incoming.tip('host', { operationType: 3, userIDList: ['bob'] }),
      incoming.tip('host', {
        operationType: 10,
        userIDList: ['me'],
        memberList: [{ userID: 'me', muteTime: 3600 }],
      }),
    );
    expect(removed).toEqual([
      expect.objectContaining({ userID: 'bob', isSelf: false, reason: 'kicked', duration: 0 }),
      expect.objectContaining({ userID: 'me', isSelf: true, reason: 'blocked', duration: 3600, operatorID: 'host' }),
    ]);
    expect(exits.map((e) => e.userID)).toEqual(['bob', 'me']);
  });

  it('tips 4/5 → ADMIN_CHANGE, and the new admin is trusted for host-only events', async () => {
    const { tls, tim } = await setup();
    const changes = collect(tls, MODERATION_EVENT.ADMIN_CHANGE);
    const goods = collect(tls, EVENT.ADD_GOODS);
    tim.receive(incoming.tip('host', { operationType: 4, userIDList: ['ann'] }));
    tim.receive(incoming.custom('ann', { data: 'ADD_GOODS', extension: '{"id":"g1"}' }));
    tim.receive(incoming.tip('host', { operationType: 5, userIDList: ['ann'] }));
    expect(changes).toEqual([
      expect.objectContaining({ userID: 'ann', admin: true, operatorID: 'host' }),
      expect.objectContaining({ userID: 'ann', admin: false }),
    ]);
    expect(goods).toHaveLength(1);
  });

  it('the slow_mode field (tip 6) → SLOW_MODE; a malformed value is dropped and counted', async () => {
    const { tls, tim } = await setup();
    const slow = collect(tls, MODERATION_EVENT.SLOW_MODE);
    const before = tls.stats().droppedByReason.invalid;
    tim.receive(
      incoming.tip('host', {
        operationType: 6,
        newGroupProfile: { groupCustomField: [{ key: 'slow_mode', value: '5' }] },
      }),
      incoming.tip('host', {
        operationType: 6,
        newGroupProfile: { groupCustomField: [{ key: 'slow_mode', value: '9999' }] },
      }),
    );
    expect(slow).toEqual([expect.objectContaining({ seconds: 5, source: 'tip' })]);
    expect(tls.stats().droppedByReason.invalid).toBe(before + 1);
  });
});

describe('deleting a message', () => {
  it('TIM’s MESSAGE_REVOKED → MESSAGE_DELETED for this room only', async () => {
    const { tls, tim } = await setup();
    const deleted = collect(tls, MODERATION_EVENT.MESSAGE_DELETED);
    tim.fire(TIM_EVENT.MESSAGE_REVOKED, [
      { ID: 'm1', to: ROOM, conversationID: `GROUP${ROOM}`, isRevoked: true, revoker: 'helper' },
      { ID: 'm2', to: '@TGS#other', conversationID: 'GROUP@TGS#other', isRevoked: true },
      { ID: 42 },
    ]);
    expect(deleted).toEqual([
      { deletedID: 'm1', source: 'revoke', operatorID: 'helper', messageID: 'm1', time: 1_000_000 },
    ]);
    expect(tls.stats().droppedByReason.invalid).toBeGreaterThanOrEqual(2);
  });

  it('a MESSAGE_DELETED custom message counts from the server, the owner or an admin; a viewer’s forgery is dropped and counted', async () => {
    const { tls, tim } = await setup();
    const deleted = collect(tls, MODERATION_EVENT.MESSAGE_DELETED);
    const forged = collect(tls, 'MEMBER_MUTED');
    const untrusted = tls.stats().droppedByReason.untrusted;
    const reserved = tls.stats().droppedByReason.reserved;
    tim.receive(
      incoming.custom('mallory', { data: 'MESSAGE_DELETED', extension: '{"messageID":"m1"}' }),
      incoming.custom('mallory', { data: 'MEMBER_MUTED', extension: '{"userID":"me"}' }),
      incoming.custom('administrator', { data: 'MESSAGE_DELETED', extension: '{"messageID":"m2"}' }, { ID: 's1' }),
      incoming.custom('helper', { data: 'MESSAGE_DELETED', extension: '{"messageID":"m3"}' }),
      incoming.custom('host', { data: 'MESSAGE_DELETED', extension: '{"nothing":1}' }),
    );
    expect(deleted.map((d) => [d.deletedID, d.source, d.operatorID])).toEqual([
      ['m2', 'message', 'administrator'],
      ['m3', 'message', 'helper'],
    ]);
    expect(deleted[0]!.messageID).toBe('s1');
    expect(forged).toEqual([]);
    expect(tls.stats().droppedByReason.untrusted).toBe(untrusted + 1);
    expect(tls.stats().droppedByReason.reserved).toBe(reserved + 1);
  });

  it('without the extension, nothing of it is decoded', async () => {
    const { tls, tim } = await setup([]);
    const muted = collect(tls, MODERATION_EVENT.MEMBER_MUTED);
    tim.receive(
      incoming.tip('host', { operationType: 7, userIDList: ['me'], memberList: [{ userID: 'me', muteTime: 60 }] }),
    );
    expect(muted).toEqual([]);
  });
});
