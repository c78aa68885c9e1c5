import type { SenderRole } from './events';
import { eventForWireName } from './wire';

export interface RoomTrust {
  /** The room owner, once the group profile or a tip named them. */
  ownerID: string;
  roleOf(userID: string): SenderRole;
  setAdmin(userID: string, admin: boolean): void;
  /** Whether a custom message `data` needs the owner, an admin or the server: by its wire or its event name. */
  isHostOnly(data: string): boolean;
}

/**
 * Who may speak for the room. The owner comes from the group profile, admins from options and
 * from group tips 4/5, the server from its admin account(s). Everyone else is a viewer.
 */
export function roomTrust(
  serverUserIDs: readonly string[],
  adminUserIDs: readonly string[],
  hostOnlyEvents: readonly string[],
): RoomTrust {
  const servers = new Set(serverUserIDs);
  const admins = new Set(adminUserIDs);
  const hostOnly = new Set(hostOnlyEvents);
  const trust: RoomTrust = {
    ownerID: '',
    roleOf(userID) {
      if (userID !== '' && userID === trust.ownerID) return 'owner';
      if (servers.has(userID)) return 'server';
      if (admins.has(userID)) return 'admin';
      return 'member';
    },
    setAdmin(userID, admin) {
      if (admin) admins.add(userID);
      else admins.delete(userID);
    },
    isHostOnly: (data) => hostOnly.has(data) || hostOnly.has(eventForWireName(data)),
  };
  return trust;
}
