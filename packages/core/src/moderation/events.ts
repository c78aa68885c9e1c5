import type {
  AdminChangePayload,
  MemberMutedPayload,
  MemberRemovedPayload,
  MessageDeletedPayload,
  SlowModePayload,
} from '../live-sell/events';
import type { ExtensionMessageMeta, LiveSellExtension } from '../live-sell/types';
import { isCount, isObject, parseSlowMode, TIP_USERS, USER_ID_CHARS } from '../live-sell/wire';
import { MODERATION_FIELD } from '../protocol/vocabulary';

type Obj = Readonly<Record<string, unknown>>;

/**
 * The moderation events' names (typed in `LiveSellEventMap`), kept out of `EVENT` so the
 * live-room import does not carry them: `tls.on(MODERATION_EVENT.MEMBER_MUTED, …)`.
 */
export const MODERATION_EVENT = {
  /** A message was deleted for everyone (TIM's MESSAGE_REVOKED, or the server's MESSAGE_DELETED message). */
  MESSAGE_DELETED: 'MESSAGE_DELETED',
  /** A member was muted or unmuted (group tip 7). */
  MEMBER_MUTED: 'MEMBER_MUTED',
  /** A member was removed from the room (tip 3), or removed and blocked (tip 10). */
  MEMBER_REMOVED: 'MEMBER_REMOVED',
  /** An admin was appointed or dismissed (tips 4/5). */
  ADMIN_CHANGE: 'ADMIN_CHANGE',
  /** The room's slow mode changed (the `slow_mode` group field). */
  SLOW_MODE: 'SLOW_MODE',
} as const;

/** Tencent IM group tip types moderation reads (TIM.TYPES). */
const TIP = {
  KICKED_OUT: 3,
  SET_ADMIN: 4,
  CANCELED_ADMIN: 5,
  GROUP_PROFILE: 6,
  MEMBER_PROFILE: 7,
  /** AVChatRoom ban (`GRP_TIP_BAN_AVCHATROOM_MEMBER`). */
  BAN: 10,
} as const;

/** Custom-message names moderation owns: facts from group tips only, never from a member's message. */
const TIP_ONLY: ReadonlySet<string> = new Set(['MEMBER_MUTED', 'MEMBER_REMOVED', 'ADMIN_CHANGE', 'SLOW_MODE']);

/**
 * The custom message a backend sends to delete a message in an AVChatRoom (Tencent IM has no
 * recall there): `data: 'MESSAGE_DELETED'`, `extension: '{"messageID":"…"}'`, from the server
 * account (REST), the owner or an admin. From anyone else it is dropped and counted (`untrusted`).
 */
export const MESSAGE_DELETED_WIRE = 'MESSAGE_DELETED';

const isMessageID = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= 128;

/** The `muteTime` (seconds) a tip's member list gives `userID`, or `fallback`. */
function muteTimeOf(payload: Obj, userID: string, fallback: number): number {
  const list = payload.memberList;
  if (!Array.isArray(list)) return fallback;
  for (let i = 0; i < list.length && i < TIP_USERS; i++) {
    const m: unknown = list[i];
    if (isObject(m) && m.userID === userID) return isCount(m.muteTime) ? m.muteTime : fallback;
  }
  return fallback;
}

/** The userIDs a tip names (valid ones, at most TIP_USERS). */
function users(payload: Obj): string[] {
  const list = payload.userIDList;
  const out: string[] = [];
  if (!Array.isArray(list)) return out;
  for (let i = 0; i < list.length && out.length < TIP_USERS; i++) {
    const u: unknown = list[i];
    if (typeof u === 'string' && u.length > 0 && u.length <= USER_ID_CHARS) out.push(u);
  }
  return out;
}

/**
 * Moderation events for `TIMLiveSell` (pass it in `extensions`): MESSAGE_DELETED (TIM's
 * MESSAGE_REVOKED, or the server's MESSAGE_DELETED custom message), MEMBER_MUTED (tip 7),
 * MEMBER_REMOVED (tip 3 `kicked`, tip 10 `blocked`), ADMIN_CHANGE (tips 4/5), SLOW_MODE (the
 * `slow_mode` group field). Tips come from the IM service and are trusted; a member's custom
 * message claiming any of these is dropped and counted.
 */
export const moderationEvents: LiveSellExtension = (host) => {
  const member = (userID: string, operatorID: string, meta: ExtensionMessageMeta) => ({
    userID,
    isSelf: userID === host.userID,
    operatorID,
    messageID: meta.messageID,
    time: meta.time,
  });
  const revoked = host.events.MESSAGE_REVOKED;
  if (revoked) {
    host.listen(revoked, (list) => {
      for (const m of Array.isArray(list) ? list : []) {
        if (
          !isObject(m) ||
          !isMessageID(m.ID) ||
          (m.to !== host.roomID && m.conversationID !== `GROUP${host.roomID}`)
        ) {
          host.drop('invalid');
          continue;
        }
        const e: MessageDeletedPayload = {
          deletedID: m.ID,
          source: 'revoke',
          operatorID: typeof m.revoker === 'string' ? m.revoker : '',
          messageID: m.ID,
          time: host.clock.now(),
        };
        host.emit('MESSAGE_DELETED', e);
      }
    });
  }
  return {
    custom(event, parsed, meta) {
      if (TIP_ONLY.has(event)) {
        host.drop('reserved');
        return true;
      }
      if (event !== MESSAGE_DELETED_WIRE) return false;
      if (meta.role === 'member') host.drop('untrusted');
      else if (!isMessageID(parsed?.messageID)) host.drop('invalid');
      else {
        const e: MessageDeletedPayload = {
          deletedID: parsed.messageID,
          source: 'message',
          operatorID: meta.userID,
          messageID: meta.messageID,
          time: meta.time,
        };
        host.emit('MESSAGE_DELETED', e);
      }
      return true;
    },
    tip(op, payload, operatorID, meta) {
      if (op === TIP.KICKED_OUT || op === TIP.BAN) {
        const banned = op === TIP.BAN;
        for (const u of users(payload)) {
          const e: MemberRemovedPayload = Object.assign(member(u, operatorID, meta), {
            reason: banned ? ('blocked' as const) : ('kicked' as const),
            duration: banned ? muteTimeOf(payload, u, 0) : 0,
          });
          host.emit('MEMBER_REMOVED', e);
        }
      } else if (op === TIP.SET_ADMIN || op === TIP.CANCELED_ADMIN) {
        for (const u of users(payload)) {
          const e: AdminChangePayload = Object.assign(member(u, operatorID, meta), { admin: op === TIP.SET_ADMIN });
          host.emit('ADMIN_CHANGE', e);
        }
      } else if (op === TIP.MEMBER_PROFILE) {
        for (const u of users(payload)) {
          const muteTime = muteTimeOf(payload, u, -1);
          if (muteTime < 0) continue;
          const e: MemberMutedPayload = Object.assign(member(u, operatorID, meta), {
            muteTime,
            until: muteTime > 0 ? host.clock.now() + muteTime * 1000 : null,
          });
          host.emit('MEMBER_MUTED', e);
        }
      } else if (op === TIP.GROUP_PROFILE) {
        const group = payload.newGroupProfile;
        const fields = isObject(group) && Array.isArray(group.groupCustomField) ? group.groupCustomField : [];
        for (const f of fields) {
          if (!isObject(f) || f.key !== MODERATION_FIELD.SLOW_MODE) continue;
          const seconds = parseSlowMode(f.value);
          if (seconds === undefined) host.drop('invalid');
          else {
            const e: SlowModePayload = { seconds, source: 'tip', time: meta.time };
            host.emit('SLOW_MODE', e);
          }
        }
      }
    },
  };
};
