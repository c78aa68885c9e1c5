import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIM_EVENT, TIM_TYPES, type TimMessage } from '@livesell/core';
import type { LocalTimInstance } from '@livesell/core/local';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImEventMap } from '../../src/im/events';
import type { LiveServer, LiveServerOptions } from '../../src/index';
import { client, record, sleep, startServer, tipsOf, until } from './helpers';

let server: LiveServer;
let dataDir: string | undefined;
const cleanups: Array<() => Promise<unknown>> = [];
let deleted: Array<ImEventMap['messageDeleted']> = [];

async function start(options: LiveServerOptions = {}): Promise<LiveServer> {
  deleted = [];
  server = await startServer({
    // Many sends from one user in the recent-chat test; the per-user rate is not under test here.
    im: { userMessagesPerSecond: 200, userMessageBurst: 200 },
    modules: [
      {
        name: 'deletions',
        factory: async (ctx) => {
          ctx.im.on('messageDeleted', (e) => deleted.push(e));
          return { name: 'deletions' };
        },
      },
    ],
    ...options,
  });
  return server;
}

afterEach(async () => {
  for (const c of cleanups.splice(0)) await c().catch(() => undefined);
  await server?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function user(userID: string, groupID?: string): Promise<LocalTimInstance> {
  const { TIM } = client(server);
  const tim = TIM.create({ SDKAppID: server.sdkAppID });
  await tim.login({ userID, userSig: server.userSig(userID) });
  cleanups.push(() => tim.destroy());
  if (groupID) await tim.joinGroup({ groupID });
  return tim;
}

const say = (tim: LocalTimInstance, groupID: string, text: string) =>
  tim.sendMessage(tim.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text } }));

const texts = (batches: TimMessage[][]) =>
  batches
    .flat()
    .filter((m) => m.type === TIM_TYPES.MSG_TEXT)
    .map((m) => (m.payload as { text: string }).text);

async function http(method: string, path: string, userID: string, body?: unknown) {
  const response = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${userID}:${server.userSig(userID)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A room with its owner `host`, viewers `a` and `b` joined, and what `b` receives. */
async function room() {
  const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
  const host = await user('host', groupID);
  const a = await user('a', groupID);
  const b = await user('b', groupID);
  const seenByB = record<TimMessage[]>(b, TIM_EVENT.MESSAGE_RECEIVED);
  return { groupID, host, a, b, seenByB };
}

describe('moderation: mute (setGroupMemberMuteTime)', () => {
  it('the owner mutes a viewer: sends refused with 10017 and the end time, nobody sees them, unmute lifts it', async () => {
    await start();
    const { groupID, host, a, b, seenByB } = await room();
    const before = Date.now();
    const muted = await host.setGroupMemberMuteTime({ groupID, userID: 'a', muteTime: 600 });
    expect(muted.data.member.muteUntil).toBeGreaterThanOrEqual(before + 600_000);

    const refusal = await say(a, groupID, 'spam').catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 10017 });
    const muteUntil = (refusal as { data: { muteUntil: number } }).data.muteUntil;
    expect(muteUntil).toBe(muted.data.member.muteUntil);

    // Members learn it from tip 7 with the seconds, as from Tencent IM.
    await until(() => tipsOf(seenByB, TIM_TYPES.GRP_TIP_MBR_PROFILE_UPDATED).length > 0);
    const tip = tipsOf(seenByB, TIM_TYPES.GRP_TIP_MBR_PROFILE_UPDATED)[0]!;
    expect(tip).toMatchObject({ operatorID: 'host', memberList: [{ userID: 'a', muteTime: 600 }] });

    await host.setGroupMemberMuteTime({ groupID, userID: 'a', muteTime: 0 });
    await say(a, groupID, 'back');
    await until(() => texts(seenByB).includes('back'));
    expect(texts(seenByB)).not.toContain('spam');
    void b;
  });

  it('a viewer cannot moderate (10007); an admin cannot mute the owner or another admin', async () => {
    await start();
    const { groupID, host, a, b } = await room();
    await expect(b.setGroupMemberMuteTime({ groupID, userID: 'a', muteTime: 60 })).rejects.toMatchObject({
      code: 10007,
    });
    await expect(b.deleteGroupMember({ groupID, userIDList: ['a'] })).rejects.toMatchObject({ code: 10007 });
    await expect(b.setGroupMemberRole({ groupID, userID: 'b', role: 'Admin' })).rejects.toMatchObject({ code: 10007 });
    await expect(http('GET', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'b')).resolves.toMatchObject({
      status: 403,
      body: { error: { code: 10007 } },
    });

    // All or nothing: one userID not in the room refuses the whole kick (at most 20 per call).
    await expect(host.deleteGroupMember({ groupID, userIDList: ['a', 'ghost'] })).rejects.toMatchObject({ code: 2101 });
    await expect(say(a, groupID, 'still in')).resolves.toMatchObject({ code: 0 });
    const many = Array.from({ length: 21 }, (_, i) => `u${i}`);
    await expect(host.deleteGroupMember({ groupID, userIDList: many })).rejects.toMatchObject({ code: 10004 });
    await host.setGroupMemberRole({ groupID, userID: 'b', role: TIM_TYPES.GRP_MBR_ROLE_ADMIN });
    // Only the owner appoints admins.
    await expect(b.setGroupMemberRole({ groupID, userID: 'a', role: 'Admin' })).rejects.toMatchObject({ code: 10007 });
    await expect(b.setGroupMemberMuteTime({ groupID, userID: 'host', muteTime: 60 })).rejects.toMatchObject({
      code: 10007,
    });
    // The admin moderates viewers.
    await b.setGroupMemberMuteTime({ groupID, userID: 'a', muteTime: 60 });
    await expect(say(a, groupID, 'x')).rejects.toMatchObject({ code: 10017 });
    await expect(b.setGroupMemberMuteTime({ groupID, userID: 'a', muteTime: -1 })).rejects.toMatchObject({
      code: 10004,
    });
    // Dismissed: a viewer again.
    await host.setGroupMemberRole({ groupID, userID: 'b', role: TIM_TYPES.GRP_MBR_ROLE_MEMBER });
    await expect(b.setGroupMemberMuteTime({ groupID, userID: 'a', muteTime: 0 })).rejects.toMatchObject({
      code: 10007,
    });
  });
});

describe('moderation: remove and block (deleteGroupMember)', () => {
  it('a kick takes the viewer out (tip 3) and lets them back; a ban (duration) keeps them out across a restart until unblocked', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'livesell-mod-'));
    await start({ dataDir });
    const { groupID, host, a, seenByB } = await room();
    const seenByA = record<TimMessage[]>(a, TIM_EVENT.MESSAGE_RECEIVED);

    await host.deleteGroupMember({ groupID, userIDList: ['a'], reason: 'spam' });
    await until(() => tipsOf(seenByA, TIM_TYPES.GRP_TIP_MBR_KICKED_OUT).length > 0);
    // The count the tip carries is the room after the removal (host and b), as viewer counts read it.
    await until(() => tipsOf(seenByB, TIM_TYPES.GRP_TIP_MBR_KICKED_OUT).length > 0);
    expect(tipsOf(seenByB, TIM_TYPES.GRP_TIP_MBR_KICKED_OUT)[0]).toMatchObject({ userIDList: ['a'], memberCount: 2 });
    await expect(say(a, groupID, 'still here?')).rejects.toMatchObject({ code: 2101 });
    await a.joinGroup({ groupID });

    await host.deleteGroupMember({ groupID, userIDList: ['a'], duration: 3600 });
    await until(() => tipsOf(seenByA, TIM_TYPES.GRP_TIP_BAN_AVCHATROOM_MEMBER).length > 0);
    expect(tipsOf(seenByB, TIM_TYPES.GRP_TIP_BAN_AVCHATROOM_MEMBER)[0]).toMatchObject({
      operatorID: 'host',
      userIDList: ['a'],
      memberList: [{ userID: 'a', muteTime: 3600 }],
      memberCount: 2,
    });
    const refused = await a.joinGroup({ groupID }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 10007 });
    expect((refused as { data: { blockedUntil: number } }).data.blockedUntil).toBeGreaterThan(Date.now() + 3500_000);

    // The block is in SQLite: a restarted server still refuses, and lists it.
    for (const c of cleanups.splice(0)) await c().catch(() => undefined);
    await server.close();
    await start({ dataDir });
    const a2 = await user('a');
    await expect(a2.joinGroup({ groupID })).rejects.toMatchObject({ code: 10007 });
    const view = await http('GET', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'host');
    expect(view.status).toBe(200);
    expect(view.body.blocked).toMatchObject([{ userID: 'a' }]);

    await expect(http('DELETE', `/v4/rooms/${encodeURIComponent(groupID)}/blocks/a`, 'a')).resolves.toMatchObject({
      status: 403,
    });
    await expect(http('DELETE', `/v4/rooms/${encodeURIComponent(groupID)}/blocks/a`, 'host')).resolves.toMatchObject({
      status: 200,
    });
    await expect(a2.joinGroup({ groupID })).resolves.toMatchObject({ code: 0 });
    const log = await http('GET', `/v4/rooms/${encodeURIComponent(groupID)}/moderation/log`, 'host');
    expect((log.body.entries as Array<{ action: string }>).map((e) => e.action)).toEqual(['kick', 'block', 'unblock']);
  });
});

describe('moderation: delete for everyone (revokeMessage) and recent chat (getMessageList)', () => {
  it('the owner deletes a viewer’s message: everyone gets MESSAGE_REVOKED, ctx.im hears messageDeleted, a newcomer never sees it', async () => {
    await start();
    const { groupID, host, a, b, seenByB } = await room();
    const revokedAtB = record<Array<{ ID: string; isRevoked: boolean; revoker: string }>>(b, TIM_EVENT.MESSAGE_REVOKED);
    const sent = await say(b, groupID, 'buy cheaper elsewhere');
    await say(a, groupID, 'hello');
    await until(() => texts(seenByB).includes('hello'));

    // A viewer may not delete someone else's message.
    await expect(a.revokeMessage(sent.data.message)).rejects.toMatchObject({ code: 10007 });
    await host.revokeMessage({ ...sent.data.message });
    await until(() => revokedAtB.length > 0);
    expect(revokedAtB[0]).toEqual([
      expect.objectContaining({ ID: sent.data.message.ID, isRevoked: true, revoker: 'host' }),
    ]);
    expect(deleted).toEqual([
      expect.objectContaining({ groupID, messageID: sent.data.message.ID, operatorID: 'host' }),
    ]);

    const late = await user('late', groupID);
    const history = await late.getMessageList({ conversationID: `GROUP${groupID}`, count: 20 });
    expect(history.data.messageList.map((m) => (m.payload as { text: string }).text)).toEqual(['hello']);
  });

  it('recent chat holds the last 20 text messages per room, oldest first, without filtered ones', async () => {
    await start();
    const { groupID, host, a } = await room();
    await http('PUT', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'host', { words: ['badword'] });
    // Paced under the room's 40 msgs/s (the limiter would drop some otherwise: not under test here).
    for (let i = 1; i <= 25; i++) {
      await say(a, groupID, `m${i}`);
      await sleep(30);
    }
    await expect(say(a, groupID, 'a BadWord here')).rejects.toMatchObject({ code: 80001 });
    const other = await server.admin.createRoom({ ownerID: 'host2' });
    const c = await user('c', other.groupID);
    await say(c, other.groupID, 'elsewhere');

    const late = await user('late', groupID);
    await expect(late.getMessageList({ conversationID: `GROUP${other.groupID}` })).rejects.toMatchObject({
      code: 10007,
    });
    const { data } = await late.getMessageList({ conversationID: `GROUP${groupID}`, count: 50 });
    const list = data.messageList.map((m) => (m.payload as { text: string }).text);
    expect(list).toHaveLength(20);
    expect(list[0]).toBe('m6');
    expect(list[19]).toBe('m25');
    void host;
  });
});

describe('moderation: word list, links and slow mode', () => {
  it('refuse mode answers 80001; sender-only mode resolves for the sender and nobody else sees it; settings persist', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'livesell-mod-'));
    await start({ dataDir });
    const { groupID, a, seenByB } = await room();
    const put = await http('PUT', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'host', {
      words: ['Cheaper', ' rival ', 'cheaper'],
      noLinks: true,
    });
    expect(put.body).toMatchObject({ words: ['cheaper', 'rival'], noLinks: true, filterMode: 'refuse' });
    await expect(
      http('PUT', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'a', { noLinks: false }),
    ).resolves.toMatchObject({
      status: 403,
    });
    await expect(
      http('PUT', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'host', { slowModeSeconds: 301 }),
    ).resolves.toMatchObject({ status: 400 });

    await expect(say(a, groupID, 'rival shop is CHEAPER')).rejects.toMatchObject({ code: 80001 });
    await expect(say(a, groupID, 'see https://x.example')).rejects.toMatchObject({ code: 80001 });
    await expect(say(a, groupID, 'go to shop.com now')).rejects.toMatchObject({ code: 80001 });

    await http('PUT', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'host', { filterMode: 'sender-only' });
    const quiet = await say(a, groupID, 'rival is better');
    expect(quiet.data.message.status).toBe('success');
    await say(a, groupID, 'fine message');
    await until(() => texts(seenByB).includes('fine message'));
    expect(texts(seenByB)).toEqual(['fine message']);

    for (const c of cleanups.splice(0)) await c().catch(() => undefined);
    await server.close();
    await start({ dataDir });
    await expect(http('GET', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'host')).resolves.toMatchObject({
      status: 200,
      body: { words: ['cheaper', 'rival'], noLinks: true, filterMode: 'sender-only', slowModeSeconds: 0 },
    });
    const log = await http('GET', `/v4/rooms/${encodeURIComponent(groupID)}/moderation/log`, 'host');
    expect((log.body.entries as Array<{ action: string }>).filter((e) => e.action === 'filtered')).toHaveLength(4);
  });

  it('slow mode refuses a viewer’s second message with 10101 and when to retry; owner and admins are exempt; clients get the field', async () => {
    await start();
    const { groupID, host, a, b, seenByB } = await room();
    await host.setGroupMemberRole({ groupID, userID: 'b', role: 'Admin' });
    await http('PUT', `/v4/rooms/${encodeURIComponent(groupID)}/moderation`, 'host', { slowModeSeconds: 1 });
    await until(() =>
      tipsOf(seenByB, TIM_TYPES.GRP_TIP_GRP_PROFILE_UPDATED).some((t) =>
        t.newGroupProfile?.groupCustomField?.some((f) => f.key === 'slow_mode' && f.value === '1'),
      ),
    );
    const { data } = await a.getGroupProfile({ groupID });
    expect(data.group.groupCustomField).toContainEqual({ key: 'slow_mode', value: '1' });

    const t0 = Date.now();
    await say(a, groupID, 'one');
    const refusal = await say(a, groupID, 'two').catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: 10101, data: { slowModeSeconds: 1 } });
    const nextSendAt = (refusal as { data: { nextSendAt: number } }).data.nextSendAt;
    expect(nextSendAt).toBeGreaterThanOrEqual(t0 + 1000);
    expect(nextSendAt).toBeLessThanOrEqual(Date.now() + 1000);
    await say(host, groupID, 'h1');
    await say(host, groupID, 'h2');
    await say(b, groupID, 'b1');
    await say(b, groupID, 'b2');
    await sleep(Math.max(0, nextSendAt - Date.now() + 20));
    await say(a, groupID, 'three');
    await until(() => texts(seenByB).includes('three'));
    expect(texts(seenByB).filter((t) => t !== 'b1' && t !== 'b2')).toEqual(['one', 'h1', 'h2', 'three']);
  });
});
