import { systemClock } from '../clock';
import type { MessagePayload } from '../live-sell/events';
import type { TIMLiveSellApi } from '../live-sell/types';
import { isObject, MESSAGE_BYTES, messageTime, PROFILE_CHARS, safeAvatar, tooLarge } from '../live-sell/wire';
import { TIM_TYPES } from '../tim/types';

/** What `fetchRecentChat` needs of a `TIMLiveSell`. */
export type RecentChatSource = Pick<TIMLiveSellApi, 'tim' | 'roomID' | 'userID' | 'ready'>;

/**
 * The room's last chat messages (≤ 20, oldest first) for a newcomer, through TIM's
 * `getMessageList` (the local server keeps them without deleted or filtered ones; for Tencent IM
 * see docs/guides/moderation.md). Untrusted: each message is validated like a live one; revoked,
 * foreign or malformed ones are left out. `[]` when the SDK has no `getMessageList`.
 * `ownerID` marks the host's messages (other senders show as members).
 */
export async function fetchRecentChat(
  liveSell: RecentChatSource,
  options: { count?: number; ownerID?: string } = {},
): Promise<MessagePayload[]> {
  const { tim, roomID, userID } = liveSell;
  if (!tim.getMessageList) return [];
  await liveSell.ready();
  const count = Math.min(20, Math.max(1, Math.floor(options.count ?? 20)));
  const response: unknown = await tim.getMessageList({ conversationID: `GROUP${roomID}`, count });
  const data = isObject(response) ? response.data : undefined;
  const list = isObject(data) ? data.messageList : undefined;
  const out: MessagePayload[] = [];
  for (const m of Array.isArray(list) ? list : []) {
    if (!isObject(m) || m.isRevoked || m.to !== roomID || m.type !== TIM_TYPES.MSG_TEXT) continue;
    const text = isObject(m.payload) ? m.payload.text : undefined;
    const { from, nick, ID } = m;
    if (typeof from !== 'string' || from === '' || from.length > 128 || typeof ID !== 'string' || ID === '') continue;
    if (typeof text !== 'string' || !text.trim() || tooLarge(text, MESSAGE_BYTES)) continue;
    const role = from === options.ownerID ? 'owner' : 'member';
    out.push({
      userID: from,
      nick: typeof nick === 'string' && nick.length <= PROFILE_CHARS ? nick : '',
      avatar: safeAvatar(m.avatar),
      role,
      isHost: role === 'owner',
      isSelf: from === userID,
      messageID: ID,
      time: messageTime(m.time, systemClock),
      message: text,
    });
  }
  return out;
}
