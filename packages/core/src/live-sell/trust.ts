import type { SenderRole } from './events';

/**
 * Who may speak for the room. The owner comes from the group profile, admins from options and
 * from group tips 4/5, the server from its admin account(s). Everyone else is a viewer.
 */
export class RoomTrust {
  ownerID = '';
  private readonly servers: Set<string>;
  private readonly admins: Set<string>;
  private readonly hostOnly: Set<string>;

  constructor(serverUserIDs: readonly string[], adminUserIDs: readonly string[], hostOnlyEvents: readonly string[]) {
    this.servers = new Set(serverUserIDs);
    this.admins = new Set(adminUserIDs);
    this.hostOnly = new Set(hostOnlyEvents);
  }

  roleOf(userID: string): SenderRole {
    if (userID !== '' && userID === this.ownerID) return 'owner';
    if (this.servers.has(userID)) return 'server';
    if (this.admins.has(userID)) return 'admin';
    return 'member';
  }

  setAdmin(userID: string, admin: boolean): void {
    if (admin) this.admins.add(userID);
    else this.admins.delete(userID);
  }

  isHostOnly(event: string): boolean {
    return this.hostOnly.has(event);
  }
}
