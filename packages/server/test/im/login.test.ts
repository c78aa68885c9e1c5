import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genUserSig, type LiveServer } from '../../src/index';
import { client, loggedIn, record, startServer, until } from './helpers';

let server: LiveServer;
const secretKey = 'login-test-secret';

beforeAll(async () => {
  server = await startServer({ sdkAppID: 1400123456, secretKey });
});
afterAll(() => server.close());

describe('login', () => {
  it('accepts a valid UserSig, emits SDK_READY and connected', async () => {
    const { tim } = client(server);
    const ready = record(tim, 'sdkStateReady');
    const net = record<{ state: string }>(tim, 'netStateChange');
    await expect(tim.login({ userID: 'alice', userSig: server.userSig('alice') })).resolves.toEqual({
      code: 0,
      data: { repeatLogin: false },
    });
    await until(() => ready.length === 1, 2000, 'SDK_READY');
    expect(net.map((n) => n.state)).toEqual(['connecting', 'connected']);
    expect(await tim.login({ userID: 'alice', userSig: server.userSig('alice') })).toEqual({
      code: 0,
      data: { repeatLogin: true },
    });
    expect((await tim.getMyProfile()).data).toMatchObject({ userID: 'alice' });
    await tim.destroy();
  });

  it.each([
    [
      'a sig signed with another key',
      () => genUserSig({ sdkAppID: 1400123456, secretKey: 'x', userID: 'bob', expire: 60 }),
      70009,
    ],
    [
      'an expired sig',
      () => genUserSig({ sdkAppID: 1400123456, secretKey, userID: 'bob', expire: 10, now: Date.now() - 60_000 }),
      70001,
    ],
    ['a sig of another app', () => genUserSig({ sdkAppID: 1400000001, secretKey, userID: 'bob', expire: 60 }), 70014],
    ['a sig of another user', () => genUserSig({ sdkAppID: 1400123456, secretKey, userID: 'eve', expire: 60 }), 70013],
    ['garbage', () => 'not-a-user-sig', 70003],
  ])('refuses %s with its code', async (_name, makeSig, code) => {
    const { tim } = client(server);
    const ready = record(tim, 'sdkStateReady');
    await expect(tim.login({ userID: 'bob', userSig: makeSig() })).rejects.toMatchObject({ code });
    expect(ready).toEqual([]);
    await expect(tim.joinGroup({ groupID: 'x' })).rejects.toMatchObject({ code: 2024 });
    await tim.destroy();
  });

  it('refuses a client created for another SDKAppID', async () => {
    const { TIM } = client(server);
    const tim = TIM.create({ SDKAppID: 1400999999 });
    await expect(tim.login({ userID: 'bob', userSig: server.userSig('bob') })).rejects.toMatchObject({ code: 70014 });
    await tim.destroy();
  });

  it('a second login of the same user kicks the first (multipleAccount)', async () => {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const first = await loggedIn(server, 'carol');
    await first.tim.joinGroup({ groupID });
    const kicked = record<{ type: string }>(first.tim, 'kickedOut');
    const second = await loggedIn(server, 'carol');
    await until(() => kicked.length === 1, 2000, 'KICKED_OUT');
    expect(kicked[0]).toEqual({ type: 'multipleAccount' });
    await expect(first.tim.getMyProfile()).rejects.toMatchObject({ code: 2024 });
    await second.tim.joinGroup({ groupID });
    expect(await server.admin.getOnlineCount(groupID)).toBe(1);
    await first.tim.destroy();
    await second.tim.destroy();
  });
});
