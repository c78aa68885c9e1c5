import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TIM_TYPES, type TimMessage } from '@livesell/core';
import { createManualClock, type ManualClock } from '@livesell/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { ImEvents } from '../../src/im/events';
import { ImError } from '../../src/im/im-error';
import { MAX_ADMINS, MAX_MODERATED, Moderation, type ModerationHost } from '../../src/im/moderation';
import { MAX_LOG_ROWS, ModerationStore } from '../../src/im/moderation-store';
import type { RoomRecord } from '../../src/im/store';
import type { SqlDatabase } from '../../src/module';

// Moderation's bounds against a peer who pushes them: the Moderation class in process, on a real
// SQLite store, with a fake gateway (the IM operations it calls are recorded, not sent) and a
// manual clock. The paths over real sockets are in moderation.test.ts.

let dir: string;
let db: SqlDatabase;
let clock: ManualClock;
let events: ImEvents;
let store: ModerationStore;
let moderation: Moderation;

function newRoom(): RoomRecord {
  return {
    groupID: 'room',
    name: 'room',
    type: 'AVChatRoom',
    ownerID: 'host',
    notification: '',
    introduction: '',
    avatar: '',
    muteAllMembers: false,
    createdAt: 0,
    customFields: new Map(),
    admins: new Set(),
    attributes: new Map(),
    mutes: new Map(),
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'livesell-moderation-'));
  db = openDatabase(dir);
  clock = createManualClock(1_000_000);
  events = new ImEvents();
  store = new ModerationStore(db);
  const host: ModerationHost = {
    clock,
    adminUserID: 'administrator',
    events,
    mute: (room, userID, seconds) => {
      if (seconds > 0) room.mutes.set(userID, clock.now() + seconds * 1000);
      else room.mutes.delete(userID);
    },
    remove: () => undefined,
    isOnline: () => false,
    setAdmin: (room, userID, admin) => {
      if (admin) room.admins.add(userID);
      else room.admins.delete(userID);
    },
    broadcast: () => undefined,
    setFields: () => undefined,
    nick: (userID) => userID,
  };
  moderation = new Moderation(host, store);
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (fn: () => unknown): number | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof ImError ? error.code : -1;
  }
};

const text = (value: string) => ({ text: value });

function delivered(room: RoomRecord, ID: string, from: string): void {
  const message = { ID, type: TIM_TYPES.MSG_TEXT, from, time: clock.now() / 1000, payload: text('hi') };
  events.emit('message', { groupID: room.groupID, message: message as unknown as TimMessage, at: clock.now() });
}

describe('moderation under a hostile peer', () => {
  it('the link filter stays linear: twenty 12 KB messages of letters are checked in well under a second', () => {
    const room = newRoom();
    moderation.updateSettings(room, 'host', { noLinks: true });
    const long = 'a'.repeat(12_000);
    const started = performance.now();
    for (let i = 0; i < 20; i++) {
      clock.advance(1000);
      expect(moderation.checkSend(room, `v${i}`, `m${i}`, TIM_TYPES.MSG_TEXT, text(long))).toBe('deliver');
    }
    // The unbounded pattern took ≈ 250 ms per message here; bounded, a few ms.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(code(() => moderation.checkSend(room, 'v', 'link', TIM_TYPES.MSG_TEXT, text(`${long} shop.com`)))).toBe(
      80001,
    );
  });

  it('another sender’s message ID is refused, so nobody can revoke someone else’s message as their own', () => {
    const room = newRoom();
    delivered(room, 'victim-1', 'victim');
    expect(code(() => moderation.checkSend(room, 'attacker', 'victim-1', TIM_TYPES.MSG_TEXT, text('x')))).toBe(10004);
    // Even the owner does not reuse it (an ID names one message); the sender may resend their own.
    expect(code(() => moderation.checkSend(room, 'host', 'victim-1', TIM_TYPES.MSG_TEXT, text('x')))).toBe(10004);
    expect(moderation.checkSend(room, 'victim', 'victim-1', TIM_TYPES.MSG_TEXT, text('hi'))).toBe('deliver');
    // The attacker's revoke of that ID is refused (not theirs); the owner's names the sender.
    expect(code(() => moderation.revoke(room, 'attacker', 'victim-1'))).toBe(10007);
    const deletions: Array<{ messageID: string; from?: string }> = [];
    events.on('messageDeleted', (e) => deletions.push(e));
    moderation.revoke(room, 'host', 'victim-1');
    expect(deletions).toEqual([expect.objectContaining({ messageID: 'victim-1', from: 'victim' })]);
  });

  it('slow mode remembers at most 10,000 senders and forgets the one who sent longest ago, not everyone', () => {
    const room = newRoom();
    moderation.updateSettings(room, 'host', { slowModeSeconds: 60 });
    for (let i = 0; i <= 10_000; i++) moderation.checkSend(room, `v${i}`, `m${i}`, TIM_TYPES.MSG_TEXT, text('hi'));
    // v0 (the oldest) made room for v10000; everyone else still waits out their 60 s.
    expect(moderation.checkSend(room, 'v0', 'again0', TIM_TYPES.MSG_TEXT, text('hi'))).toBe('deliver');
    expect(code(() => moderation.checkSend(room, 'v2', 'again2', TIM_TYPES.MSG_TEXT, text('hi')))).toBe(10101);
    expect(code(() => moderation.checkSend(room, 'v10000', 'again', TIM_TYPES.MSG_TEXT, text('hi')))).toBe(10101);
  });

  it('mutes, blocks and admins per room are capped (10004); expired mutes and blocks make room again', () => {
    const room = newRoom();
    for (let i = 0; i < MAX_MODERATED; i++) room.mutes.set(`m${i}`, clock.now() + 60_000);
    expect(code(() => moderation.setMuteTime(room, 'host', 'one-more', 60))).toBe(10004);
    // Changing an existing mute is not a new entry.
    expect(moderation.setMuteTime(room, 'host', 'm1', 600)).toBe(clock.now() + 600_000);
    clock.advance(61_000);
    expect(moderation.setMuteTime(room, 'host', 'one-more', 60)).toBeGreaterThan(clock.now());
    expect(room.mutes.size).toBe(2);

    db.transaction(() => {
      for (let i = 0; i < MAX_MODERATED; i++) store.setBlock(room.groupID, `b${i}`, clock.now() + 60_000);
    })();
    expect(code(() => moderation.removeMembers(room, 'host', ['one-more'], 60, ''))).toBe(10004);
    clock.advance(61_000);
    expect(moderation.removeMembers(room, 'host', ['one-more'], 60, '')).toEqual(['one-more']);

    for (let i = 0; i < MAX_ADMINS; i++) moderation.setRole(room, 'host', `a${i}`, TIM_TYPES.GRP_MBR_ROLE_ADMIN);
    expect(code(() => moderation.setRole(room, 'host', 'extra', TIM_TYPES.GRP_MBR_ROLE_ADMIN))).toBe(10004);
    moderation.setRole(room, 'host', 'a0', TIM_TYPES.GRP_MBR_ROLE_MEMBER);
    expect(moderation.setRole(room, 'host', 'extra', TIM_TYPES.GRP_MBR_ROLE_ADMIN)).toBe(TIM_TYPES.GRP_MBR_ROLE_ADMIN);
  });

  it('the moderation log keeps the newest 10,000 entries of a room however many filtered sends come', () => {
    const room = newRoom();
    moderation.updateSettings(room, 'host', { words: ['spam'], filterMode: 'sender-only' });
    db.transaction(() => {
      for (let i = 0; i < MAX_LOG_ROWS + 2_000; i++) {
        moderation.checkSend(room, `v${i % 50}`, `m${i}`, TIM_TYPES.MSG_TEXT, text('spam'));
      }
    })();
    const row = db.prepare('SELECT COUNT(*) AS n FROM moderation_log WHERE group_id = ?').get(room.groupID) as {
      n: number;
    };
    expect(row.n).toBeGreaterThan(MAX_LOG_ROWS - 1);
    expect(row.n).toBeLessThanOrEqual(MAX_LOG_ROWS + 100);
    // The newest are kept.
    expect(store.entries(room.groupID, 1)[0]?.target).toBe(`v${(MAX_LOG_ROWS + 1_999) % 50}`);
  });
});
