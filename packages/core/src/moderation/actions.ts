import { LiveSellError } from '../errors';
import { toLiveSellError } from '../live-sell/tim-error';
import type { TIMLiveSellApi } from '../live-sell/types';
import { isObject, safeAvatar } from '../live-sell/wire';
import { type FilterMode, type ModerationRules, REST_OF_SHOW_SECONDS } from '../protocol/moderation';
import { fetchMerchantRequest, type MerchantClientOptions } from '../room/merchant-client';
import { TIM_TYPES, type TimMessage, type TimResponse } from '../tim/types';

export type { FilterMode, ModerationRules };
export { REST_OF_SHOW_SECONDS };

/** A room's moderation settings, as `GET /v4/rooms/:id/moderation` returns them: the rules and who is muted, blocked, admin. */
export interface ModerationSettings extends ModerationRules {
  /** `until`: server time, ms. */
  muted: Array<{ userID: string; nick: string; until: number }>;
  blocked: Array<{ userID: string; nick: string; until: number }>;
  admins: string[];
}

export type ModerationSettingsPatch = Partial<ModerationRules>;

export interface AudienceMember {
  userID: string;
  nick: string;
  avatar: string;
  role: 'owner' | 'admin' | 'member';
  /** Muted until (ms), or 0. */
  muteUntil: number;
  /** When they joined (ms), or 0. */
  joinTime: number;
}

export interface Audience {
  /** The latest viewers (most recent first), at most `count`. */
  members: AudienceMember[];
  /** Everyone online in the room. */
  total: number;
}

export interface ModerationOptions {
  /**
   * The HTTP API holding the room's settings, blocks and log (the local server's `httpUrl`, or
   * your backend): needed by `settings`, `updateSettings` and `unblock`.
   */
  merchant?: Pick<MerchantClientOptions, 'baseUrl' | 'credentials' | 'request'>;
}

export interface Moderation {
  /** Mutes a member for `seconds` (`REST_OF_SHOW_SECONDS` for the rest of the show). Owner/admin. */
  mute(userID: string, seconds: number): Promise<void>;
  unmute(userID: string): Promise<void>;
  /**
   * Removes a member from the room; `block: true` (the rest of the show) or seconds also keeps
   * them out that long. Their client gets MEMBER_REMOVED with reason `kicked` or `blocked`.
   */
  remove(userID: string, options?: { block?: boolean | number; reason?: string }): Promise<void>;
  /** Lets a blocked member back in (HTTP). */
  unblock(userID: string): Promise<void>;
  /** Deletes a message for everyone (TIM `revokeMessage`): every client drops its row. */
  deleteMessage(messageID: string): Promise<void>;
  /** Appoints or dismisses a room admin. Owner only. */
  setAdmin(userID: string, admin: boolean): Promise<void>;
  settings(): Promise<ModerationSettings>;
  updateSettings(patch: ModerationSettingsPatch): Promise<ModerationSettings>;
  /** The latest viewers (≤ 100) and the total online. */
  audience(options?: { count?: number }): Promise<Audience>;
}

const ROLE: Readonly<Record<string, AudienceMember['role']>> = { Owner: 'owner', Admin: 'admin' };

const fetchRequest = fetchMerchantRequest('pass `merchant.request` (e.g. over Taro.request)');

/** HTTP statuses and IM codes of the moderation API → the kit's codes. */
function httpCode(status: number, code: unknown): LiveSellError['code'] {
  if (status === 401) return 'USERSIG_INVALID';
  if (status === 403 || code === 10007) return 'PERMISSION_DENIED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 400) return 'INVALID_ARGUMENT';
  return 'REMOTE';
}

/**
 * Host actions for a room's owner and admins (`@livesell/core/moderation`, not the live-room
 * import): Tencent TIM's own calls on `liveSell.tim` — `setGroupMemberMuteTime`,
 * `deleteGroupMember`, `setGroupMemberRole`, `revokeMessage`, `getGroupMemberList` — and the
 * settings API over HTTP. Every call rejects with a `LiveSellError` (PERMISSION_DENIED for a
 * viewer: code 10007). See docs/guides/moderation.md for the mapping onto Tencent IM.
 */
export function createModeration(
  liveSell: Pick<TIMLiveSellApi, 'tim' | 'roomID' | 'ready'>,
  options: ModerationOptions = {},
): Moderation {
  const { tim, roomID: groupID } = liveSell;

  async function im<T>(context: string, call: (() => Promise<TimResponse<T>>) | undefined): Promise<T> {
    if (!call) throw new LiveSellError('NOT_SUPPORTED', `${context}: this IM SDK has no such call`, { fatal: true });
    await liveSell.ready();
    try {
      return (await call()).data;
    } catch (error) {
      throw toLiveSellError(error, 'SEND_FAILED', context);
    }
  }

  async function http<T>(method: string, path: string, body?: object): Promise<T> {
    const merchant = options.merchant;
    if (!merchant) throw new LiveSellError('NOT_SUPPORTED', `${path}: pass options.merchant (the HTTP API)`);
    const creds = typeof merchant.credentials === 'function' ? await merchant.credentials() : merchant.credentials;
    const headers: Record<string, string> = {};
    if (creds) headers.Authorization = `Bearer ${creds.userID}:${creds.userSig}`;
    if (body) headers['Content-Type'] = 'application/json';
    const url = `${merchant.baseUrl.replace(/\/+$/, '')}/v4/rooms/${encodeURIComponent(groupID)}${path}`;
    let response: { status: number; body: unknown };
    try {
      response = await (merchant.request ?? fetchRequest)({
        url,
        method,
        headers,
        body: body && JSON.stringify(body),
      });
    } catch (error) {
      if (error instanceof LiveSellError) throw error;
      throw new LiveSellError('NETWORK', `moderation ${method} ${path}: ${String(error)}`, { cause: error });
    }
    const json = response.body;
    if (response.status >= 200 && response.status < 300 && isObject(json)) return json as T;
    const error = isObject(json) && isObject(json.error) ? json.error : {};
    throw new LiveSellError(
      httpCode(response.status, error.code),
      typeof error.message === 'string' ? error.message : `moderation ${method} ${path}: HTTP ${response.status}`,
      { fatal: response.status < 500, details: { status: response.status, code: error.code } },
    );
  }

  const mute = (userID: string, muteTime: number) =>
    im('mute', tim.setGroupMemberMuteTime && (() => tim.setGroupMemberMuteTime!({ groupID, userID, muteTime })));

  return {
    async mute(userID, seconds) {
      if (!Number.isInteger(seconds) || seconds <= 0) {
        throw new LiveSellError('INVALID_ARGUMENT', 'mute: seconds must be a positive integer', { fatal: true });
      }
      await mute(userID, seconds);
    },
    async unmute(userID) {
      await mute(userID, 0);
    },
    async remove(userID, o = {}) {
      const block = o.block === true ? REST_OF_SHOW_SECONDS : typeof o.block === 'number' ? o.block : 0;
      await im(
        'remove',
        tim.deleteGroupMember &&
          (() =>
            tim.deleteGroupMember!({
              groupID,
              userIDList: [userID],
              reason: o.reason,
              duration: block > 0 ? Math.floor(block) : undefined,
            })),
      );
    },
    async unblock(userID) {
      await http('DELETE', `/blocks/${encodeURIComponent(userID)}`);
    },
    async deleteMessage(messageID) {
      // TIM revokes a message object; the ID and the group are what identify it.
      const message = {
        ID: messageID,
        to: groupID,
        conversationID: `GROUP${groupID}`,
        conversationType: TIM_TYPES.CONV_GROUP,
      } as TimMessage;
      await im('deleteMessage', tim.revokeMessage && (() => tim.revokeMessage!(message)));
    },
    async setAdmin(userID, admin) {
      const role = admin ? TIM_TYPES.GRP_MBR_ROLE_ADMIN : TIM_TYPES.GRP_MBR_ROLE_MEMBER;
      await im('setAdmin', tim.setGroupMemberRole && (() => tim.setGroupMemberRole!({ groupID, userID, role })));
    },
    settings: () => http<ModerationSettings>('GET', '/moderation'),
    updateSettings: (patch) => http<ModerationSettings>('PUT', '/moderation', patch),
    async audience(o = {}) {
      const count = Math.min(100, Math.max(1, Math.floor(o.count ?? 100)));
      const [list, online] = await Promise.all([
        im('audience', () => tim.getGroupMemberList({ groupID, count, offset: 0 })),
        im('audience', () => tim.getGroupOnlineMemberCount(groupID)),
      ]);
      const members: AudienceMember[] = [];
      for (const m of Array.isArray(list?.memberList) ? list.memberList : []) {
        if (!isObject(m) || typeof m.userID !== 'string') continue;
        const muteUntil = typeof m.muteUntil === 'number' && m.muteUntil > 0 ? m.muteUntil * 1000 : 0;
        members.push({
          userID: m.userID,
          nick: typeof m.nick === 'string' ? m.nick.slice(0, 500) : '',
          avatar: safeAvatar(m.avatar),
          role: ROLE[String(m.role)] ?? 'member',
          muteUntil,
          joinTime: typeof m.joinTime === 'number' ? m.joinTime * 1000 : 0,
        });
      }
      // Latest first: the most recent joiners are who a host looks for.
      members.sort((a, b) => b.joinTime - a.joinTime);
      return { members, total: typeof online?.memberCount === 'number' ? online.memberCount : members.length };
    },
  };
}
