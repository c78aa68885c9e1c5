import { LiveSellError } from '../errors';
import type { MessagePayload } from '../live-sell/events';
import type { TIMLiveSellApi } from '../live-sell/types';
import { fieldMap, isObject, parseSlowMode } from '../live-sell/wire';
import { MODERATION_FIELD } from '../protocol/vocabulary';
import {
  createDanmakuRing,
  type DanmakuRing,
  type NewDanmakuRow,
  orderedDanmaku,
  removeDanmaku,
  replaceDanmaku,
  writeDanmaku,
} from '../room/danmaku-ring';
import { addNotice, type NoticeKind } from '../room/room-notices';
import type { RoomStoreExtension } from '../room/room-store-types';
import { fetchRecentChat } from './recent-chat';

export interface ModerationStateOptions {
  /**
   * Recent chat shown to a newcomer on `join()`, before the live rows and marked `earlier`: by
   * default the last 20 messages through `fetchRecentChat`; a function of your own, or `false`.
   */
  recentChat?: false | (() => Promise<readonly MessagePayload[]>);
  /** Danmaku text longer than this is cut (as the store's `maxTextLength`). Default 200. */
  maxTextLength?: number;
  /**
   * Tell the room when someone else is muted or removed, as a `notices` entry of kind `muted` /
   * `removed` ("Ann got muted"). Default false: a moderated viewer is not shamed in front of the
   * room; only they see what happened to them.
   */
  notices?: boolean;
}

/** The refusal details the server sends with 10017/10101 (the LiveSellError's `details`). */
function refusal(error: unknown): Record<string, unknown> | undefined {
  return error instanceof LiveSellError ? error.details : undefined;
}

/**
 * Moderation state for `createRoomStore(liveSell, { extensions: [moderationState()] })`, fed by
 * `moderationEvents` on the `TIMLiveSell`:
 * - a deleted message's row is emptied in place (only its slot changes) and never shown again;
 * - `myRole`, `mutedUntil`, `slowModeSeconds`, `nextSendAt` and `removed` follow the tips and this
 *   user's refused sends (10017 with the mute's end, 10101 with when to send again);
 * - `join()` shows the recent chat before the live rows, marked `earlier`, each message once.
 */
export function moderationState(options: ModerationStateOptions = {}): RoomStoreExtension {
  const maxText = options.maxTextLength ?? 200;
  return (ctx) => {
    const { liveSell, read, set } = ctx;
    let noticeSeq = 0;
    /** An opted-in notice about someone else; the nick comes from their latest row, if any. */
    const tell = (kind: NoticeKind, userID: string) => {
      if (!options.notices) return;
      let nick = '';
      let avatar = '';
      for (const row of orderedDanmaku(read('danmaku'))) {
        if (row.userID === userID) {
          nick = row.nick;
          avatar = row.avatar;
        }
      }
      const now = ctx.clock.now();
      const next = addNotice(
        read('notices'),
        kind,
        { userID, nick, avatar },
        now,
        3000,
        20,
        () => `mod-${++noticeSeq}`,
      );
      set('notices', next.notices);
    };
    const rowOf = (m: MessagePayload): NewDanmakuRow => ({
      id: m.messageID,
      userID: m.userID,
      nick: m.nick,
      avatar: m.avatar,
      text: m.message.trim().slice(0, maxText),
      role: m.role,
      isHost: m.isHost,
      isSelf: m.isSelf,
      count: 1,
      time: m.time,
    });

    /** Recent chat: before the live rows (which keep their order), each message once. */
    function putEarlier(list: readonly MessagePayload[]): void {
      const rows: NewDanmakuRow[] = [];
      for (const m of list) if (m.message.trim() && ctx.seen(m.messageID)) rows.push(rowOf(m));
      if (!rows.length) return;
      const live = orderedDanmaku(read('danmaku'));
      const earlier = writeDanmaku(createDanmakuRing(read('danmaku').slots.length), rows);
      const marked: DanmakuRing = {
        slots: earlier.slots.map((s) => (s.empty ? s : Object.assign({}, s, { earlier: true }))),
        newestSeq: earlier.newestSeq,
      };
      set('danmaku', writeDanmaku(marked, live));
    }

    /**
     * The text of the latest messages by ID (bounded): a message merged into another's row ("666 ×5")
     * has no row of its own, so its deletion takes one off the count of the row it joined.
     */
    const textOf = new Map<string, string>();
    const MERGED_MEMORY = 500;
    function dropMerged(ring: DanmakuRing, id: string): DanmakuRing {
      const text = textOf.get(id);
      if (text === undefined) return ring;
      const rows = orderedDanmaku(ring);
      for (let i = rows.length - 1; i >= 0; i--) {
        const row = rows[i]!;
        if (row.text === text && row.count > 1)
          return replaceDanmaku(ring, Object.assign({}, row, { count: row.count - 1 }));
      }
      return ring;
    }

    return {
      attach: () => [
        liveSell.on('MESSAGE', (m) => {
          if (!m) return;
          textOf.set(m.messageID, m.message.trim().slice(0, maxText));
          if (textOf.size > MERGED_MEMORY) textOf.delete(textOf.keys().next().value as string);
        }),
        liveSell.on('MESSAGE_DELETED', (p) => {
          if (!p) return;
          ctx.seen(p.deletedID);
          ctx.unpend(p.deletedID);
          const ring = read('danmaku');
          let next = removeDanmaku(ring, p.deletedID);
          if (next === ring) next = dropMerged(ring, p.deletedID);
          textOf.delete(p.deletedID);
          if (next !== ring) set('danmaku', next);
        }),
        liveSell.on('MEMBER_MUTED', (p) => {
          if (p?.isSelf) set('mutedUntil', p.until);
          else if (p && p.muteTime > 0) tell('muted', p.userID);
        }),
        liveSell.on('MEMBER_REMOVED', (p) => {
          if (p?.isSelf) set('removed', { reason: p.reason });
          else if (p) tell('removed', p.userID);
        }),
        liveSell.on('ADMIN_CHANGE', (p) => {
          if (p?.isSelf) set('myRole', p.admin ? 'admin' : 'member');
        }),
        liveSell.on('SLOW_MODE', (p) => {
          if (!p) return;
          set('slowModeSeconds', p.seconds);
          if (!p.seconds) set('nextSendAt', null);
        }),
      ],
      joined(result) {
        const role = liveSell.role;
        set('myRole', role === 'member' || role === 'admin' ? role : 'owner');
        set('removed', null);
        const client = liveSell as unknown as Partial<TIMLiveSellApi>;
        const putSlowMode = (group: unknown) => {
          const slow = isObject(group) ? parseSlowMode(fieldMap(group)[MODERATION_FIELD.SLOW_MODE]) : undefined;
          if (slow !== undefined) set('slowModeSeconds', slow);
        };
        putSlowMode(result.groupInfo);
        // The live-room join reads only its own fields: slow mode is read here, once.
        const slowMode =
          client.tim && client.roomID
            ? client.tim
                .getGroupProfile({ groupID: client.roomID, groupCustomFieldFilter: [MODERATION_FIELD.SLOW_MODE] })
                .then(
                  (r) => putSlowMode(r?.data?.group),
                  () => undefined,
                )
            : undefined;
        const recent =
          options.recentChat === false
            ? undefined
            : (options.recentChat ??
              (() =>
                fetchRecentChat(liveSell as unknown as TIMLiveSellApi, {
                  ownerID: result.groupInfo.ownerID,
                })));
        // Recent chat is a nicety: a failure leaves the live room as it is.
        return Promise.all([slowMode, recent ? recent().then(putEarlier, () => undefined) : undefined]);
      },
      sent(error) {
        if (error) {
          // The server's times, kept on this client's clock as the tips and own sends are.
          const d = refusal(error);
          const offset = read('serverTimeOffset');
          if (d && typeof d.muteUntil === 'number') set('mutedUntil', d.muteUntil - offset);
          if (d && typeof d.nextSendAt === 'number') set('nextSendAt', d.nextSendAt - offset);
          return;
        }
        if (read('mutedUntil') !== null) set('mutedUntil', null);
        const slow = read('slowModeSeconds');
        if (slow && read('myRole') === 'member') set('nextSendAt', ctx.clock.now() + slow * 1000);
      },
    };
  };
}
