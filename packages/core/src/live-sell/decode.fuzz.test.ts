/**
 * Property-based fuzzing of incoming messages: whatever the room sends (any shape, any types,
 * hostile strings, broken JSON, huge values), the client never throws, counts every message, and
 * never lets a viewer's message become a host-only event. Runs against the fake TIM test double.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { TIM_TYPES } from '../tim/types';
import { EVENT, TIMLiveSell } from './index';
import { createFakeTIM } from './testing/fake-tim';

const ROOM = '@TGS#room';
const users = fc.constantFrom('host', 'administrator', 'ann', 'bob', 'viewer', '', 'x'.repeat(200));
const wireNames = fc.constantFrom(
  'LIKE',
  'SEND_GIFT',
  'BUY_GOODS',
  'USE_COUPON',
  'ATTENTION',
  'CANCELATTENTION',
  'ADD_GOODS',
  'ROOM_STATUS_CHANGE',
  'NOTIFACATION',
  'NOTIFICATION',
  'ISSUE_COUPON',
  'MESSAGE',
  'ERROR',
  '__proto__',
  'constructor',
  'eventName',
);
const strings = fc.oneof(
  { arbitrary: fc.string(), weight: 3 },
  { arbitrary: fc.constantFrom('', '{', '{"a":', '[1,2', '{"id":"g1"}', 'null', '7', '999999', '0'), weight: 3 },
  { arbitrary: fc.json(), weight: 2 },
  { arbitrary: fc.string({ minLength: 12_000, maxLength: 13_000 }), weight: 1 },
);
const junk = fc.anything({ maxDepth: 2 });
/** Mostly well-typed values, sometimes anything: deep paths get reached, not only the first type check. */
const mostly = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: junk, weight: 1 });

const customPayload = fc.record(
  {
    data: mostly(fc.oneof(wireNames, fc.string())),
    description: mostly(strings),
    extension: mostly(strings),
  },
  { requiredKeys: [] },
);
const tipPayload = fc.record(
  {
    operationType: mostly(fc.integer({ min: 0, max: 12 })),
    operatorID: mostly(users),
    userIDList: fc.oneof(fc.array(mostly(users), { maxLength: 5 }), junk),
    memberList: fc.oneof(
      fc.array(fc.record({ userID: users, nick: strings, avatar: strings }), { maxLength: 3 }),
      junk,
    ),
    memberCount: mostly(fc.integer()),
    newGroupProfile: fc.oneof(
      fc.record(
        {
          groupCustomField: fc.oneof(
            fc.array(
              fc.record({
                key: fc.oneof(fc.constantFrom('add_goods', 'room_status'), fc.string()),
                value: mostly(strings),
              }),
              { maxLength: 3 },
            ),
            junk,
          ),
          notification: mostly(strings),
          ownerID: mostly(users),
        },
        { requiredKeys: [] },
      ),
      junk,
    ),
  },
  { requiredKeys: [] },
);
const typed = fc.oneof(
  {
    arbitrary: fc.record({ type: fc.constant(TIM_TYPES.MSG_TEXT), payload: fc.record({ text: mostly(strings) }) }),
    weight: 3,
  },
  { arbitrary: fc.record({ type: fc.constant(TIM_TYPES.MSG_CUSTOM), payload: customPayload }), weight: 4 },
  { arbitrary: fc.record({ type: fc.constant(TIM_TYPES.MSG_GRP_TIP), payload: tipPayload }), weight: 3 },
  // Mismatched or foreign type/payload pairs.
  { arbitrary: fc.record({ type: mostly(fc.string()), payload: junk }), weight: 1 },
);
const envelope = fc.record(
  {
    ID: mostly(fc.string()),
    to: fc.oneof(
      { arbitrary: fc.constant(ROOM), weight: 8 },
      { arbitrary: fc.string(), weight: 1 },
      { arbitrary: junk, weight: 1 },
    ),
    from: mostly(users),
    nick: mostly(strings),
    avatar: mostly(strings),
    time: mostly(fc.oneof(fc.integer(), fc.double())),
  },
  { requiredKeys: ['to', 'from'] },
);
const message = fc.oneof(
  { arbitrary: fc.tuple(envelope, typed).map(([e, t]) => ({ ...e, ...t })), weight: 6 },
  { arbitrary: junk, weight: 1 },
);

async function client() {
  const TIM = createFakeTIM();
  const tls = new TIMLiveSell({
    SDKAppID: 1,
    roomID: ROOM,
    userSig: 's',
    userName: 'viewer',
    TIM,
    clock: createManualClock(),
  });
  await tls.ready();
  await tls.joinRoom();
  return { tls, tim: TIM.last };
}

describe('incoming payload fuzzing', () => {
  it('never throws, counts every message, and keeps host-only events to trusted senders', async () => {
    const { tls, tim } = await client();
    const hostOnly: Array<{ event: string; role: string; source: string }> = [];
    let thrown = 0;
    for (const name of Object.values(EVENT)) {
      tls.on(name, (e: unknown) => {
        if (name === EVENT.ADD_GOODS || name === EVENT.ROOM_STATUS_CHANGE || name === EVENT.NOTIFACATION) {
          const { role, source } = e as { role: string; source: string };
          hostOnly.push({ event: name, role, source });
        }
      });
    }
    tls.on('ISSUE_COUPON', (e) => hostOnly.push({ event: 'ISSUE_COUPON', role: e.role, source: 'message' }));
    tls.on(EVENT.ERROR, () => {
      thrown++;
    });
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 30 }), async (batch) => {
        const before = tls.stats();
        expect(() => tim.receive(...batch)).not.toThrow();
        const after = tls.stats();
        expect(after.received - before.received).toBe(batch.length);
        // A message is dropped once, except a profile tip: each bad field (≤ 10) and the notification count apart.
        expect(after.dropped - before.dropped).toBeLessThanOrEqual(batch.length * 11);
      }),
      { numRuns: 400 },
    );
    // No handler threw on a payload it was given: every emitted payload had the typed shape.
    expect(thrown).toBe(0);
    expect(hostOnly.filter((h) => h.source === 'message' && h.role === 'member')).toEqual([]);
    expect(tls.stats().received).toBeGreaterThan(1000);
    // The generators reach the emitting paths, not only the drops.
    expect(tls.stats().emitted).toBeGreaterThan(200);
  });

  it('every emitted payload has the documented field types', async () => {
    const { tls, tim } = await client();
    const bad: unknown[] = [];
    const isStr = (v: unknown) => typeof v === 'string';
    for (const name of [EVENT.MESSAGE, EVENT.LIKE, EVENT.SEND_GIFT, EVENT.ATTENT, EVENT.BUY_GOODS, EVENT.USE_COUPON]) {
      tls.on(name, (e: unknown) => {
        const p = e as Record<string, unknown>;
        if (![p.nick, p.avatar, p.userID, p.messageID].every(isStr) || typeof p.time !== 'number') bad.push(p);
        if (
          name === EVENT.LIKE &&
          !(Number.isInteger(p.count) && (p.count as number) >= 1 && (p.count as number) <= 200)
        ) {
          bad.push(p);
        }
        if (name !== EVENT.MESSAGE && ![p.value, p.data, p.description, p.extension].every(isStr)) bad.push(p);
        if (
          typeof p.avatar === 'string' &&
          p.avatar !== '' &&
          !/^(https?:|\/\/|cloud:|wxfile:|data:image\/)/i.test(p.avatar)
        ) {
          bad.push(p);
        }
      });
    }
    for (const name of [EVENT.JOIN_GROUP, EVENT.EXIT_GROUP]) {
      tls.on(name, (e) => {
        if (![e.nick, e.avatar, e.userID].every(isStr) || e.userID === '') bad.push(e);
      });
    }
    tls.on(EVENT.ADD_GOODS, (e) => {
      if (!isStr(e.value) || e.value.length > 512) bad.push(e);
    });
    tls.on(EVENT.NOTIFACATION, (e) => {
      if (!isStr(e.notification)) bad.push(e);
    });
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 30 }), async (batch) => {
        tim.receive(...batch);
      }),
      { numRuns: 400 },
    );
    expect(bad).toEqual([]);
  });
});
