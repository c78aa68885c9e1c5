import type { TimGroup, TimGroupMember, TimMessage, TimProfile } from '@livesell/core';
import type { RoomInfo } from '../module';
import type { LiveGroup } from './live-group';
import type { ProfileRecord, RoomRecord } from './store';

/** How rooms, profiles and messages look on the wire, shaped like the real SDK's objects. */

export function roleOf(room: RoomRecord, userID: string): 'Owner' | 'Admin' | 'Member' {
  if (room.ownerID === userID) return 'Owner';
  return room.admins.has(userID) ? 'Admin' : 'Member';
}

export function groupView(
  room: RoomRecord,
  group: LiveGroup | undefined,
  viewer?: string,
  fieldFilter?: readonly string[],
): TimGroup {
  const fields = [...room.customFields]
    .filter(([key]) => !fieldFilter || fieldFilter.includes(key))
    .map(([key, value]) => ({ key, value }));
  const view: TimGroup = {
    groupID: room.groupID,
    name: room.name,
    type: room.type,
    ownerID: room.ownerID,
    notification: room.notification,
    introduction: room.introduction,
    avatar: room.avatar,
    memberCount: group?.members.size ?? 0,
    muteAllMembers: room.muteAllMembers,
    createTime: Math.floor(room.createdAt / 1000),
    groupCustomField: fields,
  };
  if (viewer !== undefined && group?.members.has(viewer)) {
    view.selfInfo = { role: roleOf(room, viewer), userID: viewer };
  }
  return view;
}

export function roomInfo(room: RoomRecord, group: LiveGroup | undefined): RoomInfo {
  return {
    groupID: room.groupID,
    name: room.name,
    ownerID: room.ownerID,
    notification: room.notification,
    introduction: room.introduction,
    customFields: Object.fromEntries(room.customFields),
    admins: [...room.admins],
    createdAt: room.createdAt,
    memberCount: group?.members.size ?? 0,
  };
}

export function profileView(profile: ProfileRecord): TimProfile {
  return {
    userID: profile.userID,
    nick: profile.nick,
    avatar: profile.avatar,
    selfSignature: profile.selfSignature,
  };
}

export function memberView(
  room: RoomRecord,
  profile: ProfileRecord,
  joinedAt: number,
  muteUntil: number | undefined,
): TimGroupMember {
  return {
    userID: profile.userID,
    nick: profile.nick,
    avatar: profile.avatar,
    role: roleOf(room, profile.userID),
    nameCard: '',
    joinTime: Math.floor(joinedAt / 1000),
    muteUntil: muteUntil ? Math.floor(muteUntil / 1000) : 0,
  };
}

export interface MessageInit {
  ID: string;
  type: string;
  groupID: string;
  from: ProfileRecord;
  payload: unknown;
  priority: string;
  now: number;
  cloudCustomData?: string;
}

export function messageView(init: MessageInit): TimMessage {
  return {
    ID: init.ID,
    type: init.type,
    payload: init.payload,
    conversationID: `GROUP${init.groupID}`,
    conversationType: 'GROUP',
    to: init.groupID,
    from: init.from.userID,
    flow: 'in',
    time: Math.floor(init.now / 1000),
    status: 'success',
    priority: init.priority,
    nick: init.from.nick,
    avatar: init.from.avatar,
    nameCard: '',
    cloudCustomData: init.cloudCustomData ?? '',
    isRevoked: false,
  };
}
