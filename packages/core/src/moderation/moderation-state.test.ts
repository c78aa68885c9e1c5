import { beforeEach, describe, expect, it } from 'vitest';
import { FakeLiveSell, meta } from '../../test/fake-live-sell';
import { createManualClock, type ManualClock } from '../clock';
import { EVENT, type JoinRoomResult, type MessagePayload } from '../live-sell/index';
import { toLiveSellError } from '../live-sell/tim-error';
import { timerScheduler } from '../room/commit-scheduler';
import { orderedDanmaku } from '../room/danmaku-ring';
import { formatNotice } from '../room/room-notices';
import { createRoomStore } from '../room/room-store';
import type { RoomState, RoomStoreOptions } from '../room/room-store-types';
import { MODERATION_EVENT } from './events';
import { moderationState } from './state';

// The store's moderation state against a fake emitter with TIMLiveSell's typing and a manual
// clock; the events themselves are decoded in moderation-events.test.ts.

let clock: ManualClock;
let tls: FakeLiveSell;

function setup(options: RoomStoreOptions = {}, recent?: () => Promise<readonly MessagePayload[]>) {
  const store = createRoomStore(tls, {
    clock,
    schedule: timerScheduler(50, clock),
    danmakuSlots: 5,
    extensions: [moderationState({ recentChat: recent ?? false })],
    ...options,
  });
  const commits: RoomState[] = [];
  store.subscribe((state) => commits.push(state));
  return { store, commits, state: () => store.getState() };
}

const say = (userID: string, message: string, extra = {}) =>
  tls.emit(EVENT.MESSAGE, { ...meta(userID, { time: clock.now(), ...extra }), message });
const texts = (state: RoomState) => orderedDanmaku(state.danmaku).map((r) => r.text);
const deleted = (id: string) =>
  tls.emit(MODERATION_EVENT.MESSAGE_DELETED, {
    deletedID: id,
    source: 'revoke',
    operatorID: 'host',
    messageID: id,
    time: 0,
  });
const mod = (userID: string, isSelf = userID === 'me') => ({
  userID,
  isSelf,
  operatorID: 'host',
  messageID: 'tip',
  time: clock.now(),
});

function joinResult(fields: Array<{ key: string; value: string }> = []): JoinRoomResult {
  return {
    userInfo: { userID: 'me', nick: 'Me', avatar: '' },
    groupInfo: {
      groupID: '@TGS#room',
      name: 'room',
      type: 'AVChatRoom',
      ownerID: 'host',
      notification: '',
      introduction: '',
      groupCustomField: fields,
      ownerInfo: { userID: 'host', nick: 'Host', avatar: '' },
    },
    status: 'JoinedSuccess',
  } as JoinRoomResult;
}

beforeEach(() => {
  clock = createManualClock(1_000_000);
  tls = new FakeLiveSell('me', () => clock.now());
});

describe('delete for everyone', () => {
  it('empties only the deleted row’s slot (every other slot keeps its identity) and never shows it again', () => {
    const { state } = setup();
    say('a', 'one', { messageID: 'x1' });
    say('b', 'spam', { messageID: 'x2' });
    say('c', 'three', { messageID: 'x3' });
    clock.advance(50);
    const before = state().danmaku.slots;
    deleted('x2');
    clock.advance(50);
    const after = state().danmaku.slots;
    expect(texts(state())).toEqual(['one', 'three']);
    const changed = after.map((slot, i) => slot !== before[i]);
    expect(changed.filter(Boolean)).toHaveLength(1);
    const index = changed.indexOf(true);
    expect(after[index]).toEqual({ key: before[index]!.key, seq: 0, empty: true });
    // The same message arriving late (a resend, a reconnect) stays away.
    say('b', 'spam', { messageID: 'x2' });
    clock.advance(50);
    expect(texts(state())).toEqual(['one', 'three']);
  });

  it('drops a row still pending for the next commit', () => {
    const { state, commits } = setup();
    say('a', 'keep', { messageID: 'k' });
    say('b', 'gone', { messageID: 'g' });
    deleted('g');
    clock.advance(50);
    expect(commits).toHaveLength(1);
    expect(texts(state())).toEqual(['keep']);
  });

  it('deleting a message merged into another’s row takes one off that row’s count, in place', () => {
    const { state } = setup();
    say('a', 'first', { messageID: 'f' });
    say('b', '666', { messageID: 's1' });
    clock.advance(50);
    say('c', '666', { messageID: 's2' });
    say('d', '666', { messageID: 's3' });
    clock.advance(50);
    const merged = orderedDanmaku(state().danmaku).find((r) => r.text === '666');
    expect(merged?.count).toBe(3);
    const before = state().danmaku.slots;
    deleted('s3');
    clock.advance(50);
    const rows = orderedDanmaku(state().danmaku);
    expect(rows.map((r) => [r.text, r.count])).toEqual([
      ['first', 1],
      ['666', 2],
    ]);
    expect(state().danmaku.slots.filter((slot, i) => slot !== before[i])).toHaveLength(1);
    // The row's own message deleted: the row goes.
    deleted('s1');
    clock.advance(50);
    expect(texts(state())).toEqual(['first']);
  });

  it('a deletion of an unknown message changes nothing', () => {
    const { state, commits } = setup();
    say('a', 'one', { messageID: 'x1' });
    clock.advance(50);
    const ring = state().danmaku;
    deleted('nope');
    clock.advance(50);
    expect(state().danmaku).toBe(ring);
    expect(commits.length).toBeLessThanOrEqual(2);
  });
});

describe('recent chat on join', () => {
  it('shows earlier messages before live ones that arrived during the fetch, marked earlier, each once', async () => {
    let release: (list: MessagePayload[]) => void = () => undefined;
    const recent = () => new Promise<MessagePayload[]>((r) => (release = r));
    const { store, state } = setup({}, recent);
    tls.joinResult = joinResult();
    const joining = store.actions.join();
    await Promise.resolve();
    // Live messages while the history is on its way; one of them is also in the history.
    say('a', 'live 1', { messageID: 'L1' });
    say('b', 'dup', { messageID: 'D' });
    clock.advance(50);
    await Promise.resolve();
    release([
      { ...meta('x', { messageID: 'E1', time: 1 }), message: 'earlier 1' },
      { ...meta('y', { messageID: 'E2', time: 2 }), message: 'earlier 2' },
      { ...meta('b', { messageID: 'D', time: 3 }), message: 'dup' },
    ]);
    await joining;
    clock.advance(50);
    const rows = orderedDanmaku(state().danmaku);
    expect(rows.map((r) => r.text)).toEqual(['earlier 1', 'earlier 2', 'live 1', 'dup']);
    expect(rows.map((r) => r.earlier === true)).toEqual([true, true, false, false]);
    // A live message after the join is not earlier, and the history is not repeated.
    say('a', 'after', { messageID: 'A' });
    say('x', 'earlier 1', { messageID: 'E1' });
    clock.advance(50);
    expect(texts(state())).toEqual(['earlier 1', 'earlier 2', 'live 1', 'dup', 'after']);
    expect(orderedDanmaku(state().danmaku)[4]!.earlier).toBeUndefined();
  });

  it('a failing history read leaves the room as it is', async () => {
    const { store, state } = setup({}, () => Promise.reject(new Error('no history')));
    tls.joinResult = joinResult();
    await expect(store.actions.join()).resolves.toBeDefined();
    clock.advance(50);
    expect(texts(state())).toEqual([]);
  });
});

describe('my moderation state', () => {
  it('follows tips about me (muted, admin, removed) and ignores those about others', () => {
    const { state } = setup();
    tls.emit(MODERATION_EVENT.MEMBER_MUTED, { ...mod('other'), muteTime: 60, until: clock.now() + 60_000 });
    tls.emit(MODERATION_EVENT.MEMBER_MUTED, { ...mod('me'), muteTime: 600, until: clock.now() + 600_000 });
    clock.advance(50);
    expect(state().mutedUntil).toBe(1_000_000 + 600_000);
    tls.emit(MODERATION_EVENT.MEMBER_MUTED, { ...mod('me'), muteTime: 0, until: null });
    tls.emit(MODERATION_EVENT.ADMIN_CHANGE, { ...mod('me'), admin: true });
    clock.advance(50);
    expect(state()).toMatchObject({ mutedUntil: null, myRole: 'admin', removed: null });
    tls.emit(MODERATION_EVENT.MEMBER_REMOVED, { ...mod('other'), reason: 'kicked', duration: 0 });
    clock.advance(50);
    expect(state().removed).toBeNull();
    tls.emit(MODERATION_EVENT.MEMBER_REMOVED, { ...mod('me'), reason: 'blocked', duration: 3600 });
    clock.advance(50);
    expect(state().removed).toEqual({ reason: 'blocked' });
  });

  it('no notice about someone else being muted or removed by default; an opted-in room names them', () => {
    const quiet = setup();
    say('ann', 'buy cheap watches here', { nick: 'Ann' });
    tls.emit(MODERATION_EVENT.MEMBER_MUTED, { ...mod('ann'), muteTime: 60, until: clock.now() + 60_000 });
    tls.emit(MODERATION_EVENT.MEMBER_REMOVED, { ...mod('bob'), reason: 'kicked', duration: 0 });
    clock.advance(50);
    expect(quiet.state().notices).toEqual([]);

    tls = new FakeLiveSell('me', () => clock.now());
    const told = setup({ extensions: [moderationState({ recentChat: false, notices: true })] });
    say('ann', 'buy cheap watches here', { nick: 'Ann' });
    clock.advance(50);
    tls.emit(MODERATION_EVENT.MEMBER_MUTED, { ...mod('ann'), muteTime: 60, until: clock.now() + 60_000 });
    tls.emit(MODERATION_EVENT.MEMBER_MUTED, { ...mod('ann'), muteTime: 0, until: null });
    tls.emit(MODERATION_EVENT.MEMBER_REMOVED, { ...mod('bob'), reason: 'kicked', duration: 0 });
    tls.emit(MODERATION_EVENT.MEMBER_MUTED, { ...mod('me'), muteTime: 60, until: clock.now() + 60_000 });
    clock.advance(50);
    const notices = told.state().notices;
    expect(notices.map((n) => [n.kind, n.users.map((u) => u.nick || u.userID)])).toEqual([
      ['muted', ['Ann']],
      ['removed', ['bob']],
    ]);
    expect(formatNotice(notices[0]!)).toBe('Ann got muted');
  });

  it('slow mode: from the room field on join and the tip; my send sets nextSendAt for a member only', async () => {
    const { store, state } = setup();
    tls.joinResult = joinResult([{ key: 'slow_mode', value: '5' }]);
    await store.actions.join();
    clock.advance(50);
    expect(state()).toMatchObject({ slowModeSeconds: 5, myRole: 'member', nextSendAt: null });
    await store.actions.sendMessage('hi');
    clock.advance(50);
    expect(state().nextSendAt).toBe(1_000_050 + 5000);
    tls.emit(MODERATION_EVENT.SLOW_MODE, { seconds: 0, source: 'tip', time: 0 });
    clock.advance(50);
    expect(state()).toMatchObject({ slowModeSeconds: 0, nextSendAt: null });
  });

  it('a refused send records the server’s mute end (10017) or when to send again (10101)', async () => {
    const { store, state } = setup();
    const refuse = (timCode: number, data: Record<string, unknown>) => {
      // The SDK's rejection as TIMLiveSell wraps it (its `data` becomes the error's `details`).
      tls.sendMessage = async () => {
        throw toLiveSellError({ code: timCode, message: 'refused', data }, 'SEND_FAILED', 'sendMessage');
      };
    };
    refuse(10017, { muteUntil: 2_000_000 });
    await expect(store.actions.sendMessage('x')).rejects.toMatchObject({ code: 'MUTED' });
    refuse(10101, { nextSendAt: 1_004_000, slowModeSeconds: 5 });
    await expect(store.actions.sendMessage('x')).rejects.toMatchObject({ code: 'SLOW_MODE' });
    clock.advance(50);
    expect(state()).toMatchObject({ mutedUntil: 2_000_000, nextSendAt: 1_004_000 });
  });

  it('keeps a refusal’s server times on this client’s clock, as the tips and own sends are', async () => {
    const { store, state } = setup();
    // The server is 30 s ahead of this phone.
    store.actions.syncServerTime(clock.now() + 30_000);
    tls.sendMessage = async () => {
      throw toLiveSellError(
        { code: 10017, message: 'muted', data: { muteUntil: clock.now() + 30_000 + 60_000 } },
        'SEND_FAILED',
        'sendMessage',
      );
    };
    await expect(store.actions.sendMessage('x')).rejects.toMatchObject({ code: 'MUTED' });
    clock.advance(50);
    expect(state().mutedUntil).toBe(clock.now() - 50 + 60_000);
  });
});
