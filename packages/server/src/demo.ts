import type { LiveServer } from './start';

export interface DemoSeedOptions {
  roomID?: string;
  ownerID?: string;
  ownerNick?: string;
  name?: string;
}

export interface DemoSeed {
  roomID: string;
  ownerID: string;
}

/**
 * Makes the demo room ready: the room (owned by the demo host), the host's profile and the demo goods.
 * Idempotent: run it on every start.
 */
export async function seedDemo(live: LiveServer, options: DemoSeedOptions = {}): Promise<DemoSeed> {
  const roomID = options.roomID ?? 'demo-room';
  const ownerID = options.ownerID ?? 'host';
  if (!(await live.admin.getRoom(roomID))) {
    await live.admin.createRoom({ ownerID, groupID: roomID, name: options.name ?? 'Spring picks — live now' });
  }
  await live.admin.setProfile({ userID: ownerID, nick: options.ownerNick ?? 'Lina · LiveSell' });
  const res = await fetch(`${live.httpUrl}/v4/merchant/rooms/${encodeURIComponent(roomID)}/demo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerID}:${live.userSig(ownerID)}` },
  });
  if (!res.ok) throw new Error(`seeding the demo goods failed: HTTP ${res.status} ${await res.text()}`);
  return { roomID, ownerID };
}
