import { afterEach, describe, expect, it } from 'vitest';
import type { ImEventMap } from '../../src/im/events';
import { ImEvents } from '../../src/im/events';

describe('ImEvents', () => {
  const logs: string[] = [];
  afterEach(() => {
    logs.length = 0;
  });

  it('delivers each event to its listeners until they are removed', () => {
    const events = new ImEvents((m) => logs.push(m));
    const seen: ImEventMap['memberJoined'][] = [];
    const off = events.on('memberJoined', (e) => seen.push(e));
    expect(events.has('memberJoined')).toBe(true);
    events.emit('memberJoined', { groupID: 'g', userID: 'u', at: 1 });
    off();
    events.emit('memberJoined', { groupID: 'g', userID: 'v', at: 2 });
    expect(seen.map((e) => e.userID)).toEqual(['u']);
    expect(events.has('memberJoined')).toBe(false);
  });

  it('logs a throwing listener and still calls the others', () => {
    const events = new ImEvents((m) => logs.push(m));
    const seen: string[] = [];
    events.on('memberLeft', () => {
      throw new Error('boom');
    });
    events.on('memberLeft', (e) => seen.push(e.reason));
    events.emit('memberLeft', { groupID: 'g', userID: 'u', at: 1, reason: 'kicked' });
    expect(seen).toEqual(['kicked']);
    expect(logs.join('\n')).toContain('memberLeft listener failed');
  });
});

describe('ctx.im over real sockets', () => {
  it('tells modules of rooms, members, delivered messages and field changes', async () => {
    const { loggedIn, startServer, until } = await import('./helpers');
    const seen: string[] = [];
    const server = await startServer({
      modules: [
        {
          name: 'listener',
          factory: async (ctx) => {
            ctx.im.on('roomCreated', (e) => seen.push(`created ${e.groupID} ${e.ownerID}`));
            ctx.im.on('memberJoined', (e) => seen.push(`joined ${e.userID}`));
            ctx.im.on('memberLeft', (e) => seen.push(`left ${e.userID} ${e.reason}`));
            ctx.im.on('roomUpdated', (e) => seen.push(`updated ${JSON.stringify(e.customFields)} by ${e.operatorID}`));
            ctx.im.on('message', (e) => {
              if (e.message.type === 'TIMTextElem') seen.push(`text ${(e.message.payload as { text: string }).text}`);
            });
            return { name: 'listener' };
          },
        },
      ],
    });
    try {
      const { groupID } = await server.admin.createRoom({ ownerID: 'host', groupID: 'ev1' });
      const { tim: host } = await loggedIn(server, 'host');
      await host.joinGroup({ groupID });
      const { tim: viewer } = await loggedIn(server, 'v1');
      await viewer.joinGroup({ groupID });
      await viewer.sendMessage(
        viewer.createTextMessage({ to: groupID, conversationType: 'GROUP', payload: { text: 'hi' } }),
      );
      await host.updateGroupProfile({ groupID, groupCustomField: [{ key: 'room_status', value: 'live' }] });
      await viewer.quitGroup(groupID);
      await until(() => seen.includes('left v1 quit'), 3000, 'quit event');
      expect(seen).toEqual([
        'created ev1 host',
        'joined host',
        'joined v1',
        'text hi',
        'updated {"room_status":"live"} by host',
        'left v1 quit',
      ]);
      await host.destroy();
      await viewer.destroy();
    } finally {
      await server.close();
    }
  });
});
