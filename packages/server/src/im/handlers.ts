import { type Clock, TIM_TYPES } from '@livesell/core';
import {
  type LocalOp,
  type LocalReplyData,
  type LocalRequest,
  MAX_MEMBER_PAGE,
  TIM_ERROR,
} from '@livesell/core/protocol';
import { type EncodedFrame, errorFrame, replyFrame } from './frames';
import { ImError } from './im-error';
import { type ConnectionLimits, checkAttributes, checkGroupID, checkUserID, fieldMap, LIMIT_CODES } from './limits';
import type { Moderation } from './moderation';
import type { RoomOps } from './room-ops';
import type { Session, Sessions } from './sessions';
import type { ImStore } from './store';
import { groupView, memberView, profileView } from './views';

/** What an op handler works with: the calling connection and the gateway's parts. */
export interface OpContext {
  readonly session: Session;
  readonly sessions: Sessions;
  readonly rooms: RoomOps;
  readonly store: ImStore;
  readonly clock: Clock;
  readonly limits: ConnectionLimits;
  readonly moderation: Moderation;
}

/** The request of op `K` (`@livesell/core/protocol`'s `LocalRequest` narrowed by its `op`). */
export type OpRequest<K extends LocalOp> = Extract<LocalRequest, { op: K }>;

/**
 * Answers one op: returns the reply's `data` (typed by `LocalReplyData[K]`) or throws an `ImError`
 * carrying Tencent IM's code. The reply frame is made by `dispatch`, never by a handler.
 */
export type OpHandler<K extends LocalOp> = (ctx: OpContext, request: OpRequest<K>) => LocalReplyData[K];

/** One handler per op of the protocol: an op without a handler, or a handler answering the wrong type, does not compile. */
export type OpHandlers = { readonly [K in LocalOp]: OpHandler<K> };

/** Ops a connection may call before it logs in. */
const PUBLIC_OPS: ReadonlySet<string> = new Set<LocalOp>(['login', 'ping']);

/** The caller's userID; ops other than `PUBLIC_OPS` are refused with 2024 before their handler runs. */
function user(ctx: OpContext): string {
  const userID = ctx.session.userID;
  if (userID === undefined) throw new ImError(TIM_ERROR.NOT_LOGGED_IN, 'not logged in');
  return userID;
}

export const OP_HANDLERS: OpHandlers = {
  ping: (ctx) => ({ time: Math.floor(ctx.clock.now() / 1000) }),

  login: (ctx, r) => ctx.sessions.login(ctx.session, r),

  logout: (ctx) => {
    ctx.sessions.logout(ctx.session);
    return {};
  },

  joinGroup: (ctx, r) => ctx.rooms.join(ctx.session, user(ctx), checkGroupID(r.groupID)),

  quitGroup: (ctx, r) => ctx.rooms.quit(ctx.session, user(ctx), checkGroupID(r.groupID)),

  sendMessage: (ctx, r) => ({ message: ctx.rooms.send(ctx.session, user(ctx), r.message) }),

  getGroupProfile: (ctx, r) => {
    const userID = user(ctx);
    const room = ctx.rooms.room(r.groupID);
    const filter = Array.isArray(r.groupCustomFieldFilter) ? r.groupCustomFieldFilter : undefined;
    return { group: groupView(room, ctx.rooms.groups.get(room.groupID), userID, filter) };
  },

  updateGroupProfile: (ctx, r) => {
    const userID = user(ctx);
    const { op: _op, id: _id, groupID, groupCustomField, ...patch } = r;
    const room = ctx.rooms.room(groupID);
    ctx.rooms.updateRoom(room, { ...patch, customFields: groupCustomField }, userID);
    return { group: groupView(room, ctx.rooms.groups.get(room.groupID), userID) };
  },

  getMyProfile: (ctx) => profileView(ctx.store.profile(user(ctx))),

  updateMyProfile: (ctx, r) => ctx.rooms.updateProfile(user(ctx), r),

  getUserProfile: (ctx, r) => {
    user(ctx);
    if (!Array.isArray(r.userIDList)) {
      throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'userIDList must be an array of userIDs');
    }
    const ids = [...new Set(r.userIDList)];
    if (ids.length > ctx.limits.profileBatch) {
      throw new ImError(
        LIMIT_CODES.TOO_MANY_ACCOUNTS,
        `userIDList holds ${ids.length} userIDs; at most ${ctx.limits.profileBatch} per request`,
      );
    }
    return ids.map((id) => profileView(ctx.store.profile(checkUserID(id))));
  },

  getGroupOnlineMemberCount: (ctx, r) => {
    user(ctx);
    return { memberCount: ctx.rooms.groups.get(ctx.rooms.room(r.groupID).groupID)?.members.size ?? 0 };
  },

  getGroupAttributes: (ctx, r) => {
    user(ctx);
    const room = ctx.rooms.joinedRoom(ctx.session, r.groupID);
    const keys = Array.isArray(r.keyList) && r.keyList.length > 0 ? r.keyList : [...room.attributes.keys()];
    const out: Record<string, string> = {};
    for (const key of keys) {
      const value = room.attributes.get(key);
      if (value !== undefined) out[key] = value;
    }
    return { groupAttributes: out };
  },

  setGroupAttributes: (ctx, r) => {
    user(ctx);
    const room = ctx.rooms.joinedRoom(ctx.session, r.groupID);
    const changes = fieldMap(r.groupAttributes, 'groupAttributes');
    checkAttributes(changes, room.attributes);
    ctx.store.setAttributes(room, changes);
    ctx.rooms.pushAttributes(room, [...changes.keys()], []);
    return { groupAttributes: Object.fromEntries(changes) };
  },

  deleteGroupAttributes: (ctx, r) => {
    user(ctx);
    const room = ctx.rooms.joinedRoom(ctx.session, r.groupID);
    if (!Array.isArray(r.keyList) || r.keyList.some((k) => typeof k !== 'string')) {
      throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'keyList must be an array of strings');
    }
    const keys = r.keyList.length > 0 ? r.keyList : [...room.attributes.keys()];
    ctx.store.setAttributes(room, new Map(), keys);
    ctx.rooms.pushAttributes(room, [], keys);
    return { keyList: keys };
  },

  getGroupMemberList: (ctx, r) => {
    user(ctx);
    const room = ctx.rooms.room(r.groupID);
    const group = ctx.rooms.groups.get(room.groupID);
    const offset = Math.max(0, Number(r.offset) || 0);
    const count = Math.min(MAX_MEMBER_PAGE, Math.max(1, Number(r.count) || 15));
    // Latest joiners first, as Tencent IM lists an AVChatRoom's members (the audience list).
    const members = group ? [...group.members.values()].reverse().slice(offset, offset + count) : [];
    const now = ctx.clock.now();
    return {
      memberList: members.map((m) => {
        const until = room.mutes.get(m.userID);
        return memberView(room, ctx.store.profile(m.userID), m.joinedAt, until && until > now ? until : undefined);
      }),
    };
  },

  createGroup: (ctx, r) => {
    const userID = user(ctx);
    if (r.type !== TIM_TYPES.GRP_AVCHATROOM) {
      throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'the local server only hosts live rooms (type AVChatRoom)');
    }
    const room = ctx.rooms.createRoom({
      ownerID: userID,
      name: r.name,
      groupID: r.groupID,
      introduction: r.introduction,
      notification: r.notification,
      avatar: r.avatar,
    });
    return { group: groupView(room, undefined, userID) };
  },

  setGroupMemberCustomField: (ctx) => {
    user(ctx);
    throw new ImError(TIM_ERROR.NOT_SUPPORTED_IN_AVCHATROOM, 'member custom fields are not supported in AVChatRoom');
  },

  // Moderation: the logic and its checks are in `moderation.ts`.
  setGroupMemberMuteTime: (ctx, r) => {
    const room = ctx.rooms.room(r.groupID);
    const muteUntil = ctx.moderation.setMuteTime(room, user(ctx), r.userID, r.muteTime);
    return { group: { groupID: room.groupID }, member: { userID: r.userID, muteUntil } };
  },

  deleteGroupMember: (ctx, r) => {
    const room = ctx.rooms.room(r.groupID);
    const userIDList = ctx.moderation.removeMembers(room, user(ctx), r.userIDList, r.duration, r.reason);
    return { group: { groupID: room.groupID }, userIDList };
  },

  setGroupMemberRole: (ctx, r) => {
    const room = ctx.rooms.room(r.groupID);
    const role = ctx.moderation.setRole(room, user(ctx), r.userID, r.role);
    return { group: { groupID: room.groupID }, member: { userID: r.userID, role } };
  },

  revokeMessage: (ctx, r) => ({
    messageID: ctx.moderation.revoke(ctx.rooms.joinedRoom(ctx.session, r.groupID), user(ctx), r.messageID),
  }),

  getMessageList: (ctx, r) => ({
    messageList: ctx.moderation.history(ctx.rooms.joinedRoom(ctx.session, r.groupID), r.count),
    isCompleted: true,
  }),
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Runs a request's handler and makes its reply frame: `{id, code: 0, data}`, or `{id, code,
 * message}` for an `ImError` (anything else is logged and answered with 2100).
 */
export function dispatch(ctx: OpContext, request: LocalRequest, log: (message: string) => void): EncodedFrame {
  try {
    return replyFrame(request.id, request.op, run(ctx, request));
  } catch (error) {
    if (!(error instanceof ImError)) log(`im: ${request.op} failed: ${(error as Error).stack ?? String(error)}`);
    const code = error instanceof ImError ? error.code : TIM_ERROR.SEND_FAILED;
    const message = error instanceof Error ? error.message : String(error);
    return errorFrame(request.id, code, message, error instanceof ImError ? error.data : undefined);
  }
}

function run<K extends LocalOp>(ctx: OpContext, request: OpRequest<K>): LocalReplyData[K] {
  const op: string = request.op;
  if (!PUBLIC_OPS.has(op)) user(ctx);
  if (!hasOwn.call(OP_HANDLERS, op)) {
    throw new ImError(TIM_ERROR.INVALID_PARAMETERS, `unknown op "${String((request as { op: unknown }).op)}"`);
  }
  const handler = OP_HANDLERS[request.op as K] as OpHandler<K>;
  return handler(ctx, request);
}
