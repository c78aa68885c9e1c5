import type { LiveServerAdmin, MessagePriority, RoomInfo } from '../module';
import type { ImGateway, RoomUpdate } from './gateway';
import { ImError } from './im-error';
import type { GroupStats } from './live-group';
import { PRIORITIES } from './rate-limiter';
import { roomInfo } from './views';

/** The admin API plus what the local server adds: counters and signing a user out. */
export interface LocalServerAdmin extends LiveServerAdmin {
  /** Counters of one room (undefined when it never went live since the server started). */
  getRoomStats(groupID: string): Promise<GroupStats | undefined>;
  /** Counters of the whole server. */
  getStats(): Promise<ReturnType<ImGateway['totals']>>;
  /** Signs a user out (KICKED_OUT `REST_API_Kick`); resolves whether they were online. */
  kickUser(userID: string): Promise<boolean>;
  updateRoom(options: { groupID: string } & RoomUpdate): Promise<RoomInfo>;
  /** Whether `userID` is the server admin or owns or administers any room. */
  isPrivileged(userID: string): Promise<boolean>;
}

function priorityOf(value: unknown, fallback: MessagePriority): MessagePriority {
  if (value === undefined) return fallback;
  if (!(PRIORITIES as readonly unknown[]).includes(value)) {
    throw new ImError(10004, `priority must be one of ${PRIORITIES.join(', ')}`);
  }
  return value as MessagePriority;
}

/** Admin operations act as the administrator account: no membership or rate limit applies. */
export function createAdmin(gateway: ImGateway, adminUserID: string): LocalServerAdmin {
  const info = (groupID: string) => roomInfo(gateway.findRoom(groupID), gateway.group(groupID));
  // Everything runs synchronously inside; async keeps thrown errors as rejections.
  return {
    async createRoom(options) {
      return { groupID: gateway.createRoom(options).groupID };
    },
    async updateRoom({ groupID, ...update }) {
      gateway.updateRoom(gateway.findRoom(groupID), update, adminUserID);
      return info(groupID);
    },
    async sendCustomMessage({ groupID, data, extension, description, priority, announcement }) {
      if (typeof data !== 'string') throw new ImError(10004, 'data must be a string');
      if (announcement) {
        return gateway.announce(gateway.findRoom(groupID), data, extension ?? '', announcement);
      }
      const messageID = gateway.postAsServer(
        gateway.findRoom(groupID),
        'custom',
        { data, extension, description },
        priorityOf(priority, 'High'),
      );
      return { messageID };
    },
    async sendTextMessage({ groupID, text, fromUserID }) {
      if (typeof text !== 'string') throw new ImError(10004, 'text must be a string');
      const messageID = gateway.postAsServer(gateway.findRoom(groupID), 'text', { text }, 'Normal', fromUserID);
      return { messageID };
    },
    async getRoom(groupID) {
      try {
        return info(groupID);
      } catch (error) {
        if (error instanceof ImError && error.code === 10010) return undefined;
        throw error;
      }
    },
    async deleteRoom({ groupID }) {
      gateway.deleteRoom(gateway.findRoom(groupID));
    },
    async listRooms() {
      return gateway.listRooms().map((room) => roomInfo(room, gateway.group(room.groupID)));
    },
    async listRoomPage({ offset, limit, newestFirst = false }) {
      const all = gateway.listRooms();
      const total = all.length;
      const start = newestFirst ? Math.max(0, total - offset - limit) : offset;
      const end = newestFirst ? Math.max(0, total - offset) : Math.min(total, offset + limit);
      const slice = all.slice(start, end);
      if (newestFirst) slice.reverse();
      return { rooms: slice.map((room) => roomInfo(room, gateway.group(room.groupID))), total };
    },
    async isPrivileged(userID) {
      if (userID === adminUserID) return true;
      return gateway.listRooms().some((room) => room.ownerID === userID || room.admins.has(userID));
    },
    async getOnlineCount(groupID) {
      return gateway.onlineCount(gateway.findRoom(groupID).groupID);
    },
    async setAdmin({ groupID, userID, admin }) {
      gateway.setAdmin(gateway.findRoom(groupID), userID, admin === true);
    },
    async kick({ groupID, userID }) {
      gateway.kickFromGroup(gateway.findRoom(groupID), userID);
    },
    async mute({ groupID, userID, seconds }) {
      gateway.mute(gateway.findRoom(groupID), userID, seconds);
    },
    async setProfile({ userID, nick, avatar }) {
      gateway.setProfile(userID, { nick, avatar });
    },
    async getProfile(userID) {
      return gateway.profile(userID);
    },
    async getRoomStats(groupID) {
      const stats = gateway.stats(gateway.findRoom(groupID).groupID);
      return stats && structuredClone(stats);
    },
    async getStats() {
      return gateway.totals();
    },
    async kickUser(userID) {
      return gateway.kickUser(userID);
    },
  };
}
