import { TIM_TYPES, type TimMessage } from '@livesell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../src/index';
import { loggedIn, record, startServer, tipsOf, until } from './helpers';

let server: LiveServer;
const cleanups: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await server.close();
});

async function user(userID: string) {
  const { tim } = await loggedIn(server, userID);
  cleanups.push(() => tim.destroy());
  return tim;
}

describe('live room over real sockets', () => {
  it('join, messages both ways, quit: with tips and SDK-shaped messages', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host', name: 'Spring sale', groupID: 'room1' });
    expect(groupID).toBe('room1');
    const host = await user('host');
    await host.updateMyProfile({ nick: 'Host Ann', avatar: 'https://a.example/ann.png' });
    const hostJoin = await host.joinGroup({ groupID, type: TIM_TYPES.GRP_AVCHATROOM });
    expect(hostJoin).toMatchObject({ code: 0, data: { status: 'JoinedSuccess', group: { groupID, ownerID: 'host' } } });
    const hostInbox = record<TimMessage[]>(host, 'onMessageReceived');

    const viewer = await user('viewer1');
    await viewer.updateMyProfile({ nick: 'Vic' });
    const joined = await viewer.joinGroup({ groupID });
    expect(joined.data.status).toBe('JoinedSuccess');
    expect(joined.data.group?.name).toBe('Spring sale');
    expect(await viewer.joinGroup({ groupID })).toEqual({ code: 0, data: { status: 'AlreadyInGroup' } });
    const viewerInbox = record<TimMessage[]>(viewer, 'onMessageReceived');

    await until(() => tipsOf(hostInbox, 1).length === 1, 3000, 'join tip');
    expect(tipsOf(hostInbox, 1)[0]).toMatchObject({
      operationType: 1,
      operatorID: 'viewer1',
      userIDList: ['viewer1'],
      memberList: [{ userID: 'viewer1', nick: 'Vic' }],
      memberCount: 2,
    });

    const text = viewer.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text: 'hello <b>' } });
    expect(text.status).toBe('unSend');
    const sent = await viewer.sendMessage(text);
    expect(sent.code).toBe(0);
    expect(sent.data.message).toMatchObject({ status: 'success', flow: 'out', from: 'viewer1', nick: 'Vic' });

    const custom = host.createCustomMessage({
      to: groupID,
      conversationType: 'GROUP',
      priority: 'High',
      payload: { data: 'ADD_GOODS', description: '', extension: '{"id":1}' },
    });
    await host.sendMessage(custom);

    await until(() => hostInbox.flat().some((m) => m.type === 'TIMTextElem'), 3000, 'text at host');
    const got = hostInbox.flat().find((m) => m.type === 'TIMTextElem') as TimMessage;
    expect(got).toMatchObject({
      ID: text.ID,
      payload: { text: 'hello <b>' },
      conversationID: `GROUP${groupID}`,
      conversationType: 'GROUP',
      to: groupID,
      from: 'viewer1',
      flow: 'in',
      status: 'success',
      priority: 'Normal',
      nick: 'Vic',
      avatar: '',
      nameCard: '',
      cloudCustomData: '',
      isRevoked: false,
    });
    expect(Math.abs(got.time - Date.now() / 1000)).toBeLessThan(5);
    await until(() => viewerInbox.flat().some((m) => m.type === 'TIMCustomElem'), 3000, 'custom at viewer');
    expect(viewerInbox.flat().find((m) => m.type === 'TIMCustomElem')).toMatchObject({
      from: 'host',
      nick: 'Host Ann',
      avatar: 'https://a.example/ann.png',
      priority: 'High',
      payload: { data: 'ADD_GOODS', description: '', extension: '{"id":1}' },
    });
    // Senders do not get their own messages back.
    expect(hostInbox.flat().some((m) => m.from === 'host' && m.type !== 'TIMGroupTipElem')).toBe(false);
    expect(viewerInbox.flat().some((m) => m.ID === text.ID)).toBe(false);

    expect(await viewer.quitGroup(groupID)).toEqual({ code: 0, data: { groupID } });
    await until(() => tipsOf(hostInbox, 2).length === 1, 3000, 'quit tip');
    expect(tipsOf(hostInbox, 2)[0]).toMatchObject({ operatorID: 'viewer1', userIDList: ['viewer1'], memberCount: 1 });
    await expect(host.quitGroup(groupID)).rejects.toMatchObject({ code: 10009 });
  });

  it('owner profile updates reach members as op-6 tips with only the changed fields; members may not update', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await user('host');
    const viewer = await user('v');
    await host.joinGroup({ groupID });
    await viewer.joinGroup({ groupID });
    const inbox = record<TimMessage[]>(viewer, 'onMessageReceived');

    const updated = await host.updateGroupProfile({
      groupID,
      notification: 'Free shipping today',
      groupCustomField: [{ key: 'room_status', value: 'live' }],
    });
    expect(updated.data.group).toMatchObject({
      notification: 'Free shipping today',
      groupCustomField: [{ key: 'room_status', value: 'live' }],
    });
    await until(() => tipsOf(inbox, 6).length === 1, 3000, 'profile tip');
    expect(tipsOf(inbox, 6)[0]).toMatchObject({
      operatorID: 'host',
      newGroupProfile: {
        notification: 'Free shipping today',
        groupCustomField: [{ key: 'room_status', value: 'live' }],
      },
    });
    expect(tipsOf(inbox, 6)[0]?.newGroupProfile).not.toHaveProperty('introduction');

    await expect(
      viewer.updateGroupProfile({ groupID, groupCustomField: [{ key: 'room_status', value: 'hacked' }] }),
    ).rejects.toMatchObject({ code: 10007 });

    await server.admin.updateRoom({ groupID, customFields: { add_goods: '{"goodsID":"g1"}' }, introduction: 'hi' });
    await until(() => tipsOf(inbox, 6).length === 2, 3000, 'admin profile tip');
    expect(tipsOf(inbox, 6)[1]).toMatchObject({
      operatorID: 'administrator',
      newGroupProfile: { introduction: 'hi', groupCustomField: [{ key: 'add_goods', value: '{"goodsID":"g1"}' }] },
    });
    const profile = await viewer.getGroupProfile({ groupID });
    expect(profile.data.group.groupCustomField).toEqual([
      { key: 'room_status', value: 'live' },
      { key: 'add_goods', value: '{"goodsID":"g1"}' },
    ]);
    const filtered = await viewer.getGroupProfile({ groupID, groupCustomFieldFilter: ['add_goods'] });
    expect(filtered.data.group.groupCustomField).toEqual([{ key: 'add_goods', value: '{"goodsID":"g1"}' }]);

    const { messageID } = await server.admin.sendCustomMessage({ groupID, data: 'BUY_GOODS', extension: '{"n":1}' });
    await until(() => inbox.flat().some((m) => m.ID === messageID), 3000, 'server message');
    expect(inbox.flat().find((m) => m.ID === messageID)).toMatchObject({
      from: 'administrator',
      type: 'TIMCustomElem',
      priority: 'High',
      payload: { data: 'BUY_GOODS', description: '', extension: '{"n":1}' },
    });
  });
});
