import { type Clock, TIM_ERROR, TIM_TYPES, type TimMessage } from '@livesell/core';
import {
  FILTER_MODES,
  MAX_FILTER_WORD_CHARS,
  MAX_FILTER_WORDS,
  MAX_SLOW_MODE_SECONDS,
  MODERATION_FIELD,
} from '@livesell/core/protocol';
import type { ImEvents } from './events';
import { type EncodedFrame, pushFrame } from './frames';
import { ImError } from './im-error';
import { checkUserID } from './limits';
import {
  DEFAULT_SETTINGS,
  type FilterMode,
  type ModerationAction,
  type ModerationLogEntry,
  type ModerationSettings,
  type ModerationStore,
} from './moderation-store';
import type { RoomRecord } from './store';
import { roleOf } from './views';

/** Chat messages a newcomer is shown (`getMessageList`). */
export const RECENT_CHAT = 20;
/** Message IDs remembered per room to know who sent what (a member may revoke only their own). */
const KNOWN_MESSAGES = 500;
/** TIM's longest mute (about 136 years in seconds); "the rest of the show" is a long duration. */
const MAX_MUTE_SECONDS = 4_294_967_295;
/** `deleteGroupMember` takes at most 20 userIDs per call, as Tencent IM. */
const MAX_REMOVE = 20;
/** A member may revoke their own message within 2 minutes, as Tencent IM (owner/admins: any time). */
const OWN_REVOKE_MS = 120_000;
/** Slow-mode timestamps kept before the oldest are swept (per room). */
const SLOW_MODE_ENTRIES = 10_000;
/** Mutes and blocks kept per room (expired ones are pruned first), as any list a peer can grow. */
export const MAX_MODERATED = 10_000;
/** Admins per room. */
export const MAX_ADMINS = 100;

// A URL with a scheme, `www.`, or a bare domain with a common top-level domain. Every repeat is
// bounded (a scheme is ≤ 32 characters, a DNS label ≤ 63): unbounded runs made a 12 KB message of
// letters cost a quarter of a second to test, and one viewer could keep the process busy.
const LINK =
  /(?:[a-z][a-z0-9+.-]{0,31}:\/\/|www\.)\S|[a-z0-9-]{1,63}\.(?:com|cn|net|org|io|top|xyz|shop|cc|me|info|biz|co|vip|club|site|online|link|ly|tk)\b/i;

/** What the moderation needs of the gateway: the IM operations it already has, acting as `operatorID`. */
export interface ModerationHost {
  clock: Clock;
  /** The server's administrator account: always allowed, like the REST API. */
  adminUserID: string;
  events: ImEvents;
  mute(room: RoomRecord, userID: string, seconds: number, operatorID: string): void;
  /** Takes an online member out of the room (tip 3, or tip 10 with the ban's duration). */
  remove(room: RoomRecord, userID: string, operatorID: string, banSeconds: number): void;
  isOnline(groupID: string, userID: string): boolean;
  setAdmin(room: RoomRecord, userID: string, admin: boolean, operatorID: string): void;
  /** Sends a frame to every member online in the room. */
  broadcast(groupID: string, frame: EncodedFrame): void;
  /** Writes group custom fields as `operatorID` (members get the op-6 tip). */
  setFields(room: RoomRecord, fields: Record<string, string>, operatorID: string): void;
  nick(userID: string): string;
}

/** What a send may do after moderation: go to everyone, or only back to its sender. */
export type SendVerdict = 'deliver' | 'sender-only';

export interface ModerationView extends ModerationSettings {
  muted: Array<{ userID: string; nick: string; until: number }>;
  blocked: Array<{ userID: string; nick: string; until: number }>;
  admins: string[];
}

export type SettingsPatch = Partial<ModerationSettings>;

interface RoomChat {
  recent: TimMessage[];
  /** messageID → sender and time, insertion-ordered (oldest first), at most KNOWN_MESSAGES. */
  known: Map<string, { from: string; at: number }>;
  /** userID → last accepted send (server ms), for slow mode. */
  lastSend: Map<string, number>;
}

const denied = (what: string) => new ImError(TIM_ERROR.PERMISSION_DENIED, what);
const invalid = (what: string) => new ImError(TIM_ERROR.INVALID_PARAMETERS, what);

/**
 * Room moderation on the local server, the way a Tencent IM backend does it (see
 * docs/guides/moderation.md): who may act (owner and admins; only the owner appoints admins),
 * mutes, removals and blocks, deleting a message for everyone, the word list and link policy
 * checked before broadcast (`Group.CallbackBeforeSendMsg` in production), slow mode, the last
 * chat messages for newcomers, and a log of every action.
 */
export class Moderation {
  private readonly chats = new Map<string, RoomChat>();

  constructor(
    private readonly host: ModerationHost,
    private readonly store: ModerationStore,
  ) {
    host.events.on('message', ({ groupID, message }) => this.remember(groupID, message));
    // A deleted room takes its word list, blocks, log and recent chat with it.
    host.events.on('roomDeleted', ({ groupID }) => {
      this.chats.delete(groupID);
      this.store.deleteRoom(groupID);
    });
  }

  // ---- who may act --------------------------------------------------------------------------

  private level(room: RoomRecord, userID: string): 'owner' | 'admin' | 'member' {
    if (userID === this.host.adminUserID) return 'owner';
    const role = roleOf(room, userID);
    return role === 'Owner' ? 'owner' : role === 'Admin' ? 'admin' : 'member';
  }

  /** Throws 10007 unless `operatorID` is the owner, an admin (unless `ownerOnly`) or the server. */
  authorize(room: RoomRecord, operatorID: string, ownerOnly = false): 'owner' | 'admin' {
    const level = this.level(room, operatorID);
    if (level === 'member' || (ownerOnly && level !== 'owner')) {
      throw denied(ownerOnly ? 'only the group owner may do this' : 'only the group owner or an admin may moderate');
    }
    return level;
  }

  /** Admins act on members only; the owner on anyone but themself. */
  private checkTarget(room: RoomRecord, operatorID: string, userID: string): void {
    const target = this.level(room, userID);
    if (userID === operatorID) throw invalid('you cannot moderate yourself');
    if (target === 'owner') throw denied('the group owner cannot be moderated');
    if (target === 'admin' && this.level(room, operatorID) !== 'owner') {
      throw denied('only the group owner may moderate an admin');
    }
  }

  private record(room: RoomRecord, operatorID: string, action: ModerationAction, target: string, detail = {}): void {
    this.store.log({
      groupID: room.groupID,
      at: this.host.clock.now(),
      operatorID,
      action,
      target,
      detail: JSON.stringify(detail),
    });
  }

  // ---- the IM operations ----------------------------------------------------------------------

  /** `setGroupMemberMuteTime`: seconds (0 lifts the mute). Resolves with when the mute ends (ms, 0 = none). */
  setMuteTime(room: RoomRecord, operatorID: string, userID: unknown, muteTime: unknown): number {
    this.authorize(room, operatorID);
    const target = checkUserID(userID);
    if (typeof muteTime !== 'number' || !Number.isInteger(muteTime) || muteTime < 0 || muteTime > MAX_MUTE_SECONDS) {
      throw invalid(`muteTime must be an integer from 0 to ${MAX_MUTE_SECONDS} (seconds)`);
    }
    this.checkTarget(room, operatorID, target);
    if (muteTime > 0 && !room.mutes.has(target)) {
      const now = this.host.clock.now();
      for (const [userID, until] of room.mutes) if (until <= now) room.mutes.delete(userID);
      if (room.mutes.size >= MAX_MODERATED) throw invalid(`a room keeps at most ${MAX_MODERATED} mutes`);
    }
    this.host.mute(room, target, muteTime, operatorID);
    this.record(room, operatorID, muteTime > 0 ? 'mute' : 'unmute', target, { seconds: muteTime });
    return room.mutes.get(target) ?? 0;
  }

  /** `deleteGroupMember`: removes online members; `duration` (s) > 0 also blocks re-entry that long. */
  removeMembers(
    room: RoomRecord,
    operatorID: string,
    userIDList: unknown,
    duration: unknown,
    reason: unknown,
  ): string[] {
    this.authorize(room, operatorID);
    if (!Array.isArray(userIDList) || userIDList.length === 0 || userIDList.length > MAX_REMOVE) {
      throw invalid(`userIDList must hold 1-${MAX_REMOVE} userIDs`);
    }
    const seconds = duration === undefined ? 0 : duration;
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || seconds > MAX_MUTE_SECONDS) {
      throw invalid('duration must be a non-negative integer (seconds)');
    }
    const why = typeof reason === 'string' ? reason.slice(0, 200) : '';
    const users = [...new Set(userIDList.map((u) => checkUserID(u)))];
    for (const userID of users) {
      this.checkTarget(room, operatorID, userID);
      // All or nothing: a kick (no block) of someone not in the room refuses the whole call.
      if (seconds === 0 && !this.host.isOnline(room.groupID, userID)) {
        throw new ImError(TIM_ERROR.NOT_IN_AVCHATROOM, `${userID} is not in group ${room.groupID}`);
      }
    }
    const now = this.host.clock.now();
    if (seconds > 0 && this.store.blockCount(room.groupID, now) + users.length > MAX_MODERATED) {
      throw invalid(`a room keeps at most ${MAX_MODERATED} blocks`);
    }
    for (const userID of users) {
      if (seconds > 0) this.store.setBlock(room.groupID, userID, now + seconds * 1000);
      if (this.host.isOnline(room.groupID, userID)) this.host.remove(room, userID, operatorID, seconds);
      this.record(room, operatorID, seconds > 0 ? 'block' : 'kick', userID, { seconds, reason: why });
    }
    return users;
  }

  /** Lifts a block (the host console's undo; Tencent: `unban_group_member`). */
  unblock(room: RoomRecord, operatorID: string, userID: unknown): void {
    this.authorize(room, operatorID);
    const target = checkUserID(userID);
    this.store.setBlock(room.groupID, target, 0);
    this.record(room, operatorID, 'unblock', target);
  }

  /** `setGroupMemberRole`: owner only. */
  setRole(room: RoomRecord, operatorID: string, userID: unknown, role: unknown): string {
    this.authorize(room, operatorID, true);
    const target = checkUserID(userID);
    if (role !== TIM_TYPES.GRP_MBR_ROLE_ADMIN && role !== TIM_TYPES.GRP_MBR_ROLE_MEMBER) {
      throw invalid(`role must be ${TIM_TYPES.GRP_MBR_ROLE_ADMIN} or ${TIM_TYPES.GRP_MBR_ROLE_MEMBER}`);
    }
    if (target === room.ownerID) throw invalid('the owner is not an admin');
    const admin = role === TIM_TYPES.GRP_MBR_ROLE_ADMIN;
    if (admin && !room.admins.has(target) && room.admins.size >= MAX_ADMINS) {
      throw invalid(`a room has at most ${MAX_ADMINS} admins`);
    }
    this.host.setAdmin(room, target, admin, operatorID);
    this.record(room, operatorID, admin ? 'admin' : 'unadmin', target);
    return role;
  }

  /**
   * `revokeMessage`: the owner, an admin or the server delete any message; a member only their own
   * within 2 minutes. Everyone online gets the `revoked` push; the replay and recent chat drop it.
   */
  revoke(room: RoomRecord, operatorID: string, messageID: unknown): string {
    if (typeof messageID !== 'string' || messageID === '' || messageID.length > 128) {
      throw invalid('messageID must be a message ID');
    }
    const chat = this.chats.get(room.groupID);
    const known = chat?.known.get(messageID);
    const now = this.host.clock.now();
    if (this.level(room, operatorID) === 'member') {
      if (!known) throw new ImError(TIM_ERROR.REVOKE_NOT_FOUND, 'the message to revoke does not exist');
      if (known.from !== operatorID) throw denied('only the group owner or an admin may delete others’ messages');
      if (now - known.at > OWN_REVOKE_MS) throw new ImError(10031, 'messages can be revoked within 2 minutes');
    }
    if (chat) {
      chat.known.delete(messageID);
      const index = chat.recent.findIndex((m) => m.ID === messageID);
      if (index >= 0) chat.recent.splice(index, 1);
    }
    this.host.events.emit('messageDeleted', {
      groupID: room.groupID,
      messageID,
      operatorID,
      at: now,
      ...(known ? { from: known.from } : {}),
    });
    this.host.broadcast(
      room.groupID,
      pushFrame({ push: 'revoked', data: { groupID: room.groupID, messageID, revoker: operatorID } }),
    );
    this.record(room, operatorID, 'delete', messageID, known ? { from: known.from } : {});
    return messageID;
  }

  /** `getMessageList`: the last chat messages (≤ 20), oldest first; deleted and filtered ones never. */
  history(room: RoomRecord, count: unknown): TimMessage[] {
    const n = Math.min(RECENT_CHAT, Math.max(1, Number.isInteger(count) ? (count as number) : RECENT_CHAT));
    const recent = this.chats.get(room.groupID)?.recent ?? [];
    return recent.slice(Math.max(0, recent.length - n)).map((m) => ({ ...m }));
  }

  // ---- hooks on the gateway's paths ---------------------------------------------------------

  /** Refuses a blocked member's `joinGroup` (10007 with `blockedUntil`). */
  checkJoin(room: RoomRecord, userID: string): void {
    const until = this.store.blockedUntil(room.groupID, userID, this.host.clock.now());
    if (until > 0) {
      throw new ImError(TIM_ERROR.PERMISSION_DENIED, 'you were removed from this room and cannot join it now', {
        blockedUntil: until,
      });
    }
  }

  /**
   * Before broadcast (production: `Group.CallbackBeforeSendMsg`): slow mode (10101), then the word
   * list and link policy (80001, or delivered to the sender only). Owner, admins and the server
   * are exempt. A send that passes counts for slow mode.
   */
  checkSend(room: RoomRecord, userID: string, ID: string, type: unknown, payload: Record<string, string>): SendVerdict {
    // The sender picks a message's ID (as with Tencent IM): another sender's ID is refused, or a
    // viewer could resend someone's ID and then revoke "their own" message, deleting the other's.
    const known = this.chats.get(room.groupID)?.known.get(ID);
    if (known && known.from !== userID) throw invalid('message.ID is already used in this group');
    if (this.level(room, userID) !== 'member') return 'deliver';
    const settings = this.store.settings(room.groupID);
    const now = this.host.clock.now();
    const chat = this.chat(room.groupID);
    if (settings.slowModeSeconds > 0) {
      const last = chat.lastSend.get(userID);
      const nextSendAt = last === undefined ? 0 : last + settings.slowModeSeconds * 1000;
      if (nextSendAt > now) {
        const left = Math.ceil((nextSendAt - now) / 1000);
        throw new ImError(TIM_ERROR.SLOW_MODE, `slow mode: you can send again in ${left} s`, {
          nextSendAt,
          slowModeSeconds: settings.slowModeSeconds,
        });
      }
    }
    let verdict: SendVerdict = 'deliver';
    const text = type === TIM_TYPES.MSG_TEXT ? (payload.text ?? '') : '';
    const rule = text ? this.filterRule(settings, text) : undefined;
    if (rule) {
      this.record(room, this.host.adminUserID, 'filtered', userID, { rule, mode: settings.filterMode });
      if (settings.filterMode === 'refuse') {
        throw new ImError(TIM_ERROR.FILTERED, 'the message contains filtered content', { rule });
      }
      verdict = 'sender-only';
    }
    if (settings.slowModeSeconds > 0) {
      // Delete, then set: the map stays in order of last send, so at capacity the one forgotten
      // is the sender whose wait ended longest ago (never the whole room's waits at once).
      chat.lastSend.delete(userID);
      if (chat.lastSend.size >= SLOW_MODE_ENTRIES) {
        const oldest = chat.lastSend.keys().next();
        if (!oldest.done) chat.lastSend.delete(oldest.value);
      }
      chat.lastSend.set(userID, now);
    }
    return verdict;
  }

  /** Which rule a text breaks: 'link' or 'word', or undefined. */
  private filterRule(settings: Readonly<ModerationSettings>, text: string): 'link' | 'word' | undefined {
    if (settings.noLinks && LINK.test(text)) return 'link';
    if (settings.words.length === 0) return undefined;
    const lower = text.toLowerCase();
    for (const word of settings.words) if (lower.includes(word)) return 'word';
    return undefined;
  }

  private chat(groupID: string): RoomChat {
    let chat = this.chats.get(groupID);
    if (!chat) {
      chat = { recent: [], known: new Map(), lastSend: new Map() };
      this.chats.set(groupID, chat);
    }
    return chat;
  }

  /** Every delivered member message is remembered (sender, for revoking); text joins the recent chat. */
  private remember(groupID: string, message: TimMessage): void {
    if (message.type === TIM_TYPES.MSG_GRP_TIP) return;
    const chat = this.chat(groupID);
    chat.known.set(message.ID, { from: message.from, at: message.time * 1000 });
    if (chat.known.size > KNOWN_MESSAGES) {
      const oldest = chat.known.keys().next();
      if (!oldest.done) chat.known.delete(oldest.value);
    }
    if (message.type !== TIM_TYPES.MSG_TEXT) return;
    chat.recent.push(message);
    if (chat.recent.length > RECENT_CHAT) chat.recent.shift();
  }

  // ---- settings (HTTP) ---------------------------------------------------------------------

  view(room: RoomRecord): ModerationView {
    const now = this.host.clock.now();
    const s = this.store.settings(room.groupID);
    const muted: ModerationView['muted'] = [];
    for (const [userID, until] of room.mutes) {
      if (until > now) muted.push({ userID, nick: this.host.nick(userID), until });
    }
    return {
      words: s.words.slice(),
      noLinks: s.noLinks,
      filterMode: s.filterMode,
      slowModeSeconds: s.slowModeSeconds,
      muted: muted.sort((a, b) => a.until - b.until),
      blocked: this.store.blocks(room.groupID, now).map((b) => ({ ...b, nick: this.host.nick(b.userID) })),
      admins: [...room.admins],
    };
  }

  updateSettings(room: RoomRecord, operatorID: string, patch: unknown): ModerationView {
    this.authorize(room, operatorID);
    if (!patch || typeof patch !== 'object' || Array.isArray(patch)) throw invalid('settings must be an object');
    const p = patch as Record<string, unknown>;
    const current = this.store.settings(room.groupID);
    const next: ModerationSettings = { ...DEFAULT_SETTINGS, ...current, words: current.words.slice() };
    if (p.words !== undefined) next.words = checkWords(p.words);
    if (p.noLinks !== undefined) {
      if (typeof p.noLinks !== 'boolean') throw invalid('noLinks must be a boolean');
      next.noLinks = p.noLinks;
    }
    if (p.filterMode !== undefined) {
      if (FILTER_MODES.indexOf(p.filterMode as FilterMode) < 0) {
        throw invalid('filterMode must be "refuse" or "sender-only"');
      }
      next.filterMode = p.filterMode as FilterMode;
    }
    if (p.slowModeSeconds !== undefined) {
      const s = p.slowModeSeconds;
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > MAX_SLOW_MODE_SECONDS) {
        throw invalid(`slowModeSeconds must be an integer from 0 to ${MAX_SLOW_MODE_SECONDS}`);
      }
      next.slowModeSeconds = s;
    }
    this.store.setSettings(room.groupID, next);
    const changed: Record<string, unknown> = {};
    for (const key of ['noLinks', 'filterMode', 'slowModeSeconds'] as const) {
      if (p[key] !== undefined) changed[key] = next[key];
    }
    if (p.words !== undefined) changed.words = next.words.length;
    this.record(room, operatorID, 'settings', '', changed);
    if (next.slowModeSeconds !== current.slowModeSeconds) {
      if (next.slowModeSeconds === 0) this.chats.get(room.groupID)?.lastSend.clear();
      // Clients learn slow mode from the group custom field (and its op-6 tip).
      this.host.setFields(room, { [MODERATION_FIELD.SLOW_MODE]: String(next.slowModeSeconds) }, operatorID);
    }
    return this.view(room);
  }

  log(room: RoomRecord, limit?: number): ModerationLogEntry[] {
    return this.store.entries(room.groupID, limit);
  }
}

function checkWords(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid('words must be an array of strings');
  const words = new Set<string>();
  for (const w of value) {
    if (typeof w !== 'string') throw invalid('words must be an array of strings');
    const word = w.trim().toLowerCase();
    if (word === '') continue;
    if (word.length > MAX_FILTER_WORD_CHARS) throw invalid(`a word is at most ${MAX_FILTER_WORD_CHARS} characters`);
    words.add(word);
  }
  if (words.size > MAX_FILTER_WORDS) throw invalid(`a room has at most ${MAX_FILTER_WORDS} words`);
  return [...words];
}
