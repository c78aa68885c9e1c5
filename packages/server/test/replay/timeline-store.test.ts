/** The timeline's bounds, on the real SQLite file the server uses. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db';
import { decodeCursor, encodeCursor, TimelineStore } from '../../src/replay/timeline';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'livesell-tls-'));
  dirs.push(dir);
  return openDatabase(dir);
}

describe('timeline storage bounds', () => {
  it('keeps at most maxEventsPerRoom events per room, but always status and explain changes', () => {
    const db = open();
    const store = new TimelineStore(db, { maxEventsPerRoom: 5 });
    for (let i = 0; i < 8; i++) store.add({ roomID: 'a', at: 1000 + i, type: 'chat', data: { text: `m${i}` } });
    expect(store.add({ roomID: 'a', at: 2000, type: 'status', data: { status: 'ended', phase: 'ended' } })).toBe(true);
    expect(store.add({ roomID: 'a', at: 2001, type: 'explain', data: { goodsID: 'g1', title: 'Mug' } })).toBe(true);
    expect(store.add({ roomID: 'b', at: 1000, type: 'chat', data: { text: 'other room' } })).toBe(true);
    const { events } = store.query('a', { from: 0, to: 10_000, limit: 100 });
    expect(events.map((e) => e.type)).toEqual(['chat', 'chat', 'chat', 'chat', 'chat', 'status', 'explain']);
    expect(store.stats('a')).toEqual({ events: 7, dropped: 3 });
    expect(store.chapters('a')).toEqual([{ at: 2001, goodsID: 'g1', title: 'Mug' }]);
    db.close();
  });

  it('drops an event whose data is larger than maxDataBytes, and keeps counts across a reopen', () => {
    const db = open();
    const store = new TimelineStore(db, { maxDataBytes: 100 });
    expect(store.add({ roomID: 'a', at: 1, type: 'chat', data: { text: '字'.repeat(40) } })).toBe(false);
    expect(store.add({ roomID: 'a', at: 2, type: 'chat', data: { text: 'short' } })).toBe(true);
    store.flush();
    const again = new TimelineStore(db, { maxDataBytes: 100 });
    expect(again.stats('a')).toEqual({ events: 1, dropped: 1 });
    // New events continue the sequence (ids stay unique).
    again.add({ roomID: 'a', at: 2, type: 'like', data: { count: 1 } });
    const { events } = again.query('a', { from: 0, to: 10, limit: 10 });
    expect(events.map((e) => e.id)).toEqual(['chat-1', 'like-2']);
    db.close();
  });

  it('a deletion that names the sender removes only their message with that ID', () => {
    const db = open();
    const store = new TimelineStore(db);
    store.add({ roomID: 'a', at: 1, type: 'chat', messageID: 'same', userID: 'victim', data: { text: 'mine' } });
    store.add({ roomID: 'a', at: 2, type: 'chat', messageID: 'same', userID: 'copycat', data: { text: 'copy' } });
    expect(store.deleteMessage('a', 'same', 'copycat')).toBe(true);
    expect(store.query('a', { from: 0, to: 10, limit: 10 }).events.map((e) => e.userID)).toEqual(['victim']);
    // Without a sender (the server no longer knows it): every copy of the ID goes.
    expect(store.deleteMessage('a', 'same')).toBe(true);
    expect(store.query('a', { from: 0, to: 10, limit: 10 }).events).toEqual([]);
    db.close();
  });

  it('cursors round-trip and refuse garbage', () => {
    expect(decodeCursor(encodeCursor({ at: 1_796_457_249_492, seq: 123_456 }))).toEqual({
      at: 1_796_457_249_492,
      seq: 123_456,
    });
    for (const bad of ['', 'x', '1.', '.1', '1.2.3', 'AB.1', `${'z'.repeat(13)}.1`]) {
      expect(decodeCursor(bad), bad).toBeUndefined();
    }
  });
});
