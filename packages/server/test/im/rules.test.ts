import type { TimGroupTipPayload, TimMessage } from '@livesell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../src/index';
import { client, loggedIn, record, startServer, tipsOf, until } from './helpers';

let server: LiveServer;
const cleanups: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  await server.close();
});

async function user(userID: string, unlimitedAVChatRoom = false) {
  const { TIM } = client(server);
  const tim = TIM.create({ SDKAppID: server.sdkAppID, unlimitedAVChatRoom });
  await tim.login({ userID, userSig: server.userSig(userID) });
  cleanups.push(() => tim.destroy());
  return tim;
}

describe('AVChatRoom rules', () => {
  it('group custom fields: at most 10 keys, key 1-16 bytes of [A-Za-z0-9_], value at most 512 bytes', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await user('host');
    await host.joinGroup({ groupID });
    const set = (key: string, value: string) =>
      host.updateGroupProfile({ groupID, groupCustomField: [{ key, value }] });

    await expect(set('k'.repeat(16), 'v'.repeat(512))).resolves.toMatchObject({ code: 0 });
    await expect(set('k'.repeat(17), 'v')).rejects.toMatchObject({ code: 10004 });
    await expect(set('bad-key', 'v')).rejects.toMatchObject({ code: 10004 });
    await expect(set('', 'v')).rejects.toMatchObject({ code: 10004 });
    await expect(set('big', 'v'.repeat(513))).rejects.toMatchObject({ code: 10004 });
    // 512 bytes, not characters: 171 three-byte characters are 513 bytes.
    await expect(set('cjk', '货'.repeat(171))).rejects.toMatchObject({ code: 10004 });
    for (let i = 1; i < 10; i++) await set(`f${i}`, 'x');
    await expect(set('f10', 'x')).rejects.toMatchObject({ code: 10004, message: expect.stringContaining('10') });
    // Changing an existing key is fine at the limit.
    await expect(set('f1', 'y')).resolves.toMatchObject({ code: 0 });
    await expect(server.admin.updateRoom({ groupID, customFields: { f11: 'x' } })).rejects.toMatchObject({
      code: 10004,
    });
    const { data } = await host.getGroupProfile({ groupID });
    expect(data.group.groupCustomField).toHaveLength(10);
  });

  it('member custom fields are refused with 2687, as AVChatRooms keep none', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const viewer = await user('v');
    await viewer.joinGroup({ groupID });
    await expect(
      viewer.setGroupMemberCustomField({ groupID, memberCustomField: [{ key: 'level', value: '1' }] }),
    ).rejects.toMatchObject({ code: 2687 });
  });

  it('text and custom messages over 12 KB are refused with 80002; 12 KB exactly passes', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const viewer = await user('v');
    await viewer.joinGroup({ groupID });
    const text = (t: string) =>
      viewer.sendMessage(viewer.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text: t } }));
    await expect(text('a'.repeat(12 * 1024))).resolves.toMatchObject({ code: 0 });
    const tooBig = viewer.createTextMessage({
      to: groupID,
      conversationType: 'GROUP',
      payload: { text: 'a'.repeat(12 * 1024 + 1) },
    });
    await expect(viewer.sendMessage(tooBig)).rejects.toMatchObject({ code: 80002, data: { message: tooBig } });
    expect(tooBig.status).toBe('fail');
    const custom = viewer.createCustomMessage({
      to: groupID,
      conversationType: 'GROUP',
      payload: { data: 'GIFT', description: '', extension: 'x'.repeat(12 * 1024) },
    });
    await expect(viewer.sendMessage(custom)).rejects.toMatchObject({ code: 80002 });
    await expect(
      server.admin.sendCustomMessage({ groupID, data: 'X', extension: 'x'.repeat(12 * 1024) }),
    ).rejects.toMatchObject({ code: 80002 });
  });

  it('sending without joining fails with 2101; getGroupProfile of a missing group with 10010', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const viewer = await user('v');
    const msg = viewer.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text: 'hi' } });
    await expect(viewer.sendMessage(msg)).rejects.toMatchObject({ code: 2101 });
    await expect(viewer.getGroupProfile({ groupID: 'nope' })).rejects.toMatchObject({ code: 10010 });
    await expect(viewer.joinGroup({ groupID: 'nope' })).rejects.toMatchObject({ code: 10010 });
  });

  it('one live room at a time: joining a second quits the first, unless unlimitedAVChatRoom', async () => {
    const a = (await server.admin.createRoom({ ownerID: 'host', groupID: 'a' })).groupID;
    const b = (await server.admin.createRoom({ ownerID: 'host', groupID: 'b' })).groupID;
    const host = await user('host', true);
    await host.joinGroup({ groupID: a });
    await host.joinGroup({ groupID: b });
    const inbox = record<TimMessage[]>(host, 'onMessageReceived');
    const viewer = await user('v');
    await viewer.joinGroup({ groupID: a });
    await viewer.joinGroup({ groupID: b });
    await until(() => tipsOf(inbox, 2).length === 1, 3000, 'quit tip from the first room');
    expect(inbox.flat().find((m) => (m.payload as TimGroupTipPayload).operationType === 2)?.to).toBe(a);
    expect(await server.admin.getOnlineCount(a)).toBe(1);
    expect(await server.admin.getOnlineCount(b)).toBe(2);
    expect((await viewer.getGroupOnlineMemberCount(b)).data.memberCount).toBe(2);
    const msg = viewer.createTextMessage({ to: a, conversationType: 'GROUP', payload: { text: 'x' } });
    await expect(viewer.sendMessage(msg)).rejects.toMatchObject({ code: 2101 });
  });

  it('group attributes: join first, 16 keys, 4 KB values, 16 KB in all; members hear about changes', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await user('host');
    const viewer = await user('v');
    await expect(host.setGroupAttributes({ groupID, groupAttributes: { a: '1' } })).rejects.toMatchObject({
      code: 10007,
    });
    await host.joinGroup({ groupID });
    await viewer.joinGroup({ groupID });
    const updates = record<{ groupID: string; groupAttributes: Record<string, string> }>(
      viewer,
      'groupAttributesUpdated',
    );
    await host.setGroupAttributes({ groupID, groupAttributes: { pinned: 'g1' } });
    await until(() => updates.length === 1, 3000, 'GROUP_ATTRIBUTES_UPDATED');
    expect(updates[0]).toMatchObject({ groupID, groupAttributes: { pinned: 'g1' }, updatedKeyList: ['pinned'] });
    expect((await viewer.getGroupAttributes({ groupID, keyList: ['pinned'] })).data.groupAttributes).toEqual({
      pinned: 'g1',
    });
    await expect(
      host.setGroupAttributes({ groupID, groupAttributes: { ['k'.repeat(33)]: 'x' } }),
    ).rejects.toMatchObject({ code: 10004 });
    await expect(
      host.setGroupAttributes({ groupID, groupAttributes: { big: 'x'.repeat(4097) } }),
    ).rejects.toMatchObject({ code: 10004 });
    // Keys and values count toward the 16 KB: 8 + 4 × 4002 = 16016 bytes fit, 400 more do not.
    const four = Object.fromEntries([1, 2, 3, 4].map((i) => [`s${i}`, 'x'.repeat(4000)]));
    await host.setGroupAttributes({ groupID, groupAttributes: four });
    await expect(host.setGroupAttributes({ groupID, groupAttributes: { s5: 'x'.repeat(400) } })).rejects.toMatchObject({
      code: 10004,
    });
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${i}`, '1']));
    await expect(host.setGroupAttributes({ groupID, groupAttributes: many })).rejects.toMatchObject({ code: 10004 });
  });

  it('profiles: updateMyProfile emits PROFILE_UPDATED and sets the nick/avatar on messages', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await user('host');
    const viewer = await user('v');
    const updated = record<Array<{ userID: string; nick: string }>>(viewer, 'onProfileUpdated');
    await viewer.updateMyProfile({ nick: 'Vivi', avatar: 'https://x/a.png' });
    await until(() => updated.length === 1, 3000, 'PROFILE_UPDATED');
    expect(updated[0]).toEqual([expect.objectContaining({ userID: 'v', nick: 'Vivi', avatar: 'https://x/a.png' })]);
    expect((await host.getUserProfile({ userIDList: ['v', 'nobody'] })).data).toEqual([
      expect.objectContaining({ userID: 'v', nick: 'Vivi' }),
      expect.objectContaining({ userID: 'nobody', nick: '' }),
    ]);
    await host.joinGroup({ groupID });
    await viewer.joinGroup({ groupID });
    const inbox = record<TimMessage[]>(host, 'onMessageReceived');
    const msg = viewer.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text: 'hey' } });
    expect(msg.nick).toBe('Vivi');
    await viewer.sendMessage(msg);
    await until(() => inbox.flat().some((m) => m.ID === msg.ID), 3000, 'message');
    expect(inbox.flat().find((m) => m.ID === msg.ID)).toMatchObject({ nick: 'Vivi', avatar: 'https://x/a.png' });
    await expect(viewer.updateMyProfile({ nick: 'n'.repeat(501) })).rejects.toMatchObject({ code: 10004 });
  });

  it('mute (10017 for the muted sender, tip op 7), kick (tip op 3), admins (op 4) and the member list', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await user('host');
    const viewer = await user('v');
    const other = await user('w');
    await host.joinGroup({ groupID });
    await viewer.joinGroup({ groupID });
    await other.joinGroup({ groupID });
    const hostInbox = record<TimMessage[]>(host, 'onMessageReceived');
    const viewerInbox = record<TimMessage[]>(viewer, 'onMessageReceived');
    const say = (tim: typeof viewer) =>
      tim.sendMessage(tim.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text: 'x' } }));

    await server.admin.mute({ groupID, userID: 'v', seconds: 60 });
    await expect(say(viewer)).rejects.toMatchObject({ code: 10017 });
    await expect(say(other)).resolves.toMatchObject({ code: 0 });
    await until(() => tipsOf(hostInbox, 7).length === 1, 3000, 'mute tip');
    expect(tipsOf(hostInbox, 7)[0]).toMatchObject({ userIDList: ['v'], memberList: [{ userID: 'v', muteTime: 60 }] });
    await server.admin.mute({ groupID, userID: 'v', seconds: 0 });
    await expect(say(viewer)).resolves.toMatchObject({ code: 0 });

    await server.admin.setAdmin({ groupID, userID: 'w', admin: true });
    await until(() => tipsOf(hostInbox, 4).length === 1, 3000, 'admin tip');
    const members = (await host.getGroupMemberList({ groupID, count: 100 })).data.memberList;
    expect(Object.fromEntries(members.map((m) => [m.userID, m.role]))).toEqual({
      host: 'Owner',
      v: 'Member',
      w: 'Admin',
    });
    await expect(other.updateGroupProfile({ groupID, notification: 'by admin' })).resolves.toMatchObject({ code: 0 });

    await server.admin.kick({ groupID, userID: 'v' });
    await until(() => tipsOf(viewerInbox, 3).length === 1 && tipsOf(hostInbox, 3).length === 1, 3000, 'kick tips');
    expect(tipsOf(hostInbox, 3)[0]).toMatchObject({ operatorID: 'administrator', userIDList: ['v'] });
    await expect(say(viewer)).rejects.toMatchObject({ code: 2101 });
    expect(await server.admin.getOnlineCount(groupID)).toBe(2);
  });

  it('the admin can sign a user out (KICKED_OUT REST_API_Kick)', async () => {
    const viewer = await user('v');
    const kicked = record<{ type: string }>(viewer, 'kickedOut');
    expect(await server.admin.kickUser('v')).toBe(true);
    await until(() => kicked.length === 1, 3000, 'KICKED_OUT');
    expect(kicked[0]).toEqual({ type: 'REST_API_Kick' });
    expect(await server.admin.kickUser('v')).toBe(false);
  });

  it('createGroup makes a live room owned by the caller; duplicate IDs are refused with 10021', async () => {
    const host = await user('host');
    const { data } = await host.createGroup({ name: 'Mine', type: 'AVChatRoom', groupID: 'mine' });
    expect(data.group).toMatchObject({ groupID: 'mine', ownerID: 'host', type: 'AVChatRoom', name: 'Mine' });
    await expect(host.createGroup({ name: 'Again', type: 'AVChatRoom', groupID: 'mine' })).rejects.toMatchObject({
      code: 10021,
    });
    await expect(host.createGroup({ name: 'Work', type: 'Private' })).rejects.toMatchObject({ code: 10004 });
    expect((await host.createGroup({ name: 'Auto', type: 'AVChatRoom' })).data.group.groupID).toMatch(/^@TGS#a/);
  });

  it('delivers bursts as arrays in one MESSAGE_RECEIVED', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await user('host');
    await host.joinGroup({ groupID });
    const batches = record<TimMessage[]>(host, 'onMessageReceived');
    await Promise.all(Array.from({ length: 10 }, (_, i) => server.admin.sendCustomMessage({ groupID, data: `E${i}` })));
    await until(() => batches.flat().length === 10, 3000, '10 messages');
    expect(batches.length).toBeLessThan(10);
    expect(batches.flat().map((m) => (m.payload as { data: string }).data)).toEqual(
      Array.from({ length: 10 }, (_, i) => `E${i}`),
    );
  });

  it('a login whose UserSig expires is kicked with userSigExpired', async () => {
    const viewer = client(server).tim;
    cleanups.push(() => viewer.destroy());
    const kicked = record<{ type: string }>(viewer, 'kickedOut');
    await viewer.login({ userID: 'short', userSig: server.userSig('short', 1) });
    await until(() => kicked.length === 1, 4000, 'expiry kick');
    expect(kicked[0]).toEqual({ type: 'userSigExpired' });
  });
});

describe('loggedIn helper', () => {
  it('rejects calls before login with 2024', async () => {
    const { tim } = client(server);
    await expect(tim.getGroupProfile({ groupID: 'x' })).rejects.toMatchObject({ code: 2024 });
    const other = await loggedIn(server, 'z');
    await other.tim.destroy();
    await expect(other.tim.getMyProfile()).rejects.toMatchObject({ code: 2999 });
  });
});
