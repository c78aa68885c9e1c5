import { createRoomStore, orderedDanmaku, type RoomStore, type TIMLiveSell } from '@livesell/core';
import { createModeration, MODERATION_EVENT, moderationEvents, moderationState } from '@livesell/core/moderation';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../src/index';
import { createMerchantModule } from '../../src/merchant';
import { createReplayModule } from '../../src/replay/index';
import { collect, Harness, sleep, until } from '../live-sell/harness';

// TIMLiveSell + the room store with the moderation extensions, over real sockets to the local
// server: what a host, an admin and viewers see of each action.

const harness = new Harness();
afterEach(() => harness.cleanup());

async function member(server: LiveServer, groupID: string, userID: string) {
  const tls = await harness.client(server, groupID, userID, { extensions: [moderationEvents] });
  // Commits run on a short timer (this is Node: no animation frames).
  const store = createRoomStore(tls, {
    schedule: (commit) => {
      const t = setTimeout(commit, 5);
      return () => clearTimeout(t);
    },
    extensions: [moderationState()],
  });
  harness.extra.push(async () => store.destroy());
  const off = store.subscribe(() => undefined);
  harness.extra.push(async () => off());
  await store.actions.join();
  return { tls, store };
}

const texts = (store: RoomStore) => orderedDanmaku(store.getState().danmaku).map((r) => r.text);

function moderationOf(server: LiveServer, tls: TIMLiveSell, userID: string) {
  return createModeration(tls, {
    merchant: { baseUrl: server.httpUrl, credentials: { userID, userSig: server.userSig(userID) } },
  });
}

describe('moderation seen from the clients', () => {
  it('an admin mutes a viewer: the viewer’s store shows the mute and their sends are refused; others never see them', async () => {
    const server = await harness.start();
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await member(server, groupID, 'host');
    const admin = await member(server, groupID, 'admin');
    const a = await member(server, groupID, 'a');
    const b = await member(server, groupID, 'b');
    await moderationOf(server, host.tls, 'host').setAdmin('admin', true);
    await until(() => admin.store.getState().myRole === 'admin', 3000, 'admin role');

    await moderationOf(server, admin.tls, 'admin').mute('a', 600);
    await until(() => a.store.getState().mutedUntil !== null, 3000, 'muted state');
    expect(a.store.getState().mutedUntil).toBeGreaterThan(Date.now() + 590_000);
    await expect(a.store.actions.sendMessage('let me talk')).rejects.toMatchObject({ code: 'MUTED', timCode: 10017 });
    await b.store.actions.sendMessage('b speaks');
    await until(() => texts(host.store).includes('b speaks'));
    expect(texts(host.store)).not.toContain('let me talk');
    // A viewer cannot moderate.
    await expect(moderationOf(server, b.tls, 'b').mute('a', 60)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      timCode: 10007,
    });
    await expect(moderationOf(server, b.tls, 'b').settings()).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('the host deletes a message: it goes from every client in place, and a newcomer’s recent chat lacks it', async () => {
    const server = await harness.start();
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await member(server, groupID, 'host');
    const a = await member(server, groupID, 'a');
    const b = await member(server, groupID, 'b');
    const deleted = collect(a.tls, MODERATION_EVENT.MESSAGE_DELETED);
    await a.store.actions.sendMessage('hello all');
    const spam = await b.store.actions.sendMessage('cheap copies at example.com');
    await until(() => texts(a.store).length === 2 && texts(host.store).length === 2, 3000, 'two rows');

    await moderationOf(server, host.tls, 'host').deleteMessage(spam.messageID);
    await until(() => deleted.length === 1);
    await until(() => texts(a.store).length === 1 && texts(b.store).length === 1 && texts(host.store).length === 1);
    expect(texts(a.store)).toEqual(['hello all']);

    const late = await member(server, groupID, 'late');
    await until(() => texts(late.store).length > 0);
    expect(orderedDanmaku(late.store.getState().danmaku).map((r) => [r.text, r.earlier])).toEqual([
      ['hello all', true],
    ]);
  });

  it('removing with a block takes the viewer out with reason blocked and keeps them out; slow mode reaches the input state', async () => {
    const server = await harness.start();
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await member(server, groupID, 'host');
    const a = await member(server, groupID, 'a');
    const b = await member(server, groupID, 'b');
    const mod = moderationOf(server, host.tls, 'host');

    await mod.updateSettings({ slowModeSeconds: 30 });
    await until(() => b.store.getState().slowModeSeconds === 30, 3000, 'slow mode');
    await b.store.actions.sendMessage('first');
    await until(() => b.store.getState().nextSendAt !== null);
    await expect(b.store.actions.sendMessage('second')).rejects.toMatchObject({ code: 'SLOW_MODE', timCode: 10101 });

    await mod.remove('a', { block: true });
    await until(() => a.store.getState().removed !== null, 3000, 'removed');
    expect(a.store.getState().removed).toEqual({ reason: 'blocked' });
    await expect(a.tls.joinRoom()).rejects.toMatchObject({ code: 'PERMISSION_DENIED', timCode: 10007 });
    expect((await mod.settings()).blocked.map((x) => x.userID)).toEqual(['a']);
    const audience = await mod.audience({ count: 100 });
    expect(audience.total).toBe(2);
    // The latest joiners first.
    expect(audience.members.map((m) => [m.userID, m.role])).toEqual([
      ['b', 'member'],
      ['host', 'owner'],
    ]);
    await mod.unblock('a');
    await expect(a.tls.joinRoom()).resolves.toBeDefined();
  });
});

describe('moderation and the rest of the server', () => {
  it('a deleted message leaves the replay timeline; deleting the room drops its moderation data', async () => {
    const server = await harness.start({
      modules: [
        { name: 'merchant', factory: createMerchantModule() },
        { name: 'replay', factory: createReplayModule({ flushMs: 20 }) },
      ],
    });
    const groupID = 'modroom';
    await server.admin.createRoom({ ownerID: 'host', groupID });
    const host = await member(server, groupID, 'host');
    const a = await member(server, groupID, 'a');
    await a.store.actions.sendMessage('keep me');
    const gone = await a.store.actions.sendMessage('delete me');
    const chat = async () => {
      const res = await fetch(`${server.httpUrl}/v4/merchant/rooms/${groupID}/timeline?types=chat`);
      return ((await res.json()) as { events: Array<{ id: string }> }).events.map((e) => e.id);
    };
    await until(() => texts(host.store).length === 2);
    await sleep(60);
    expect(await chat()).toContain(gone.messageID);

    const mod = moderationOf(server, host.tls, 'host');
    await mod.deleteMessage(gone.messageID);
    await mod.updateSettings({ words: ['spam'] });
    await mod.remove('a', { block: 60 });
    await sleep(60);
    const ids = await chat();
    expect(ids).not.toContain(gone.messageID);
    expect(ids).toHaveLength(1);

    await server.admin.deleteRoom({ groupID });
    await server.admin.createRoom({ ownerID: 'host', groupID });
    expect(await mod.settings()).toMatchObject({ words: [], blocked: [] });
  });
});
