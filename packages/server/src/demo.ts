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

/** An inline avatar (IM caps avatars at 500 bytes), so the demo shows the host's face with no network. */
const HOST_AVATAR =
  "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><circle cx='32' cy='32' r='32' fill='%23ff4d6d'/><text x='32' y='43' font-size='30' text-anchor='middle' fill='white' font-family='sans-serif'>L</text></svg>";

/**
 * Makes the demo room ready: the room (owned by the demo host), the host's profile and the demo goods.
 * Idempotent: run it on every start.
 */
export async function seedDemo(live: LiveServer, options: DemoSeedOptions = {}): Promise<DemoSeed> {
  const roomID = options.roomID ?? 'demo-room';
  const ownerID = options.ownerID ?? 'host';
  if (!(await live.admin.getRoom(roomID))) {
    await live.admin.createRoom({ ownerID, groupID: roomID, name: options.name ?? 'Spring picks' });
  }
  await live.admin.setProfile({ userID: ownerID, nick: options.ownerNick ?? 'Lina · LiveSell', avatar: HOST_AVATAR });
  const res = await fetch(`${live.httpUrl}/v4/merchant/rooms/${encodeURIComponent(roomID)}/demo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ownerID}:${live.userSig(ownerID)}` },
  });
  if (!res.ok) throw new Error(`seeding the demo goods failed: HTTP ${res.status} ${await res.text()}`);
  return { roomID, ownerID };
}
