import { type LiveSellError, TIMLiveSell } from '../index';
import type { RoomState } from '../room/room-store-types';
import type { TimModule } from '../tim/types';
import { createModeration, MODERATION_EVENT, moderationEvents, moderationState } from './index';

declare const TIM: TimModule;
const tls = new TIMLiveSell({
  SDKAppID: 1400000803,
  roomID: '@TGS#E',
  userSig: 'sig',
  userName: 'host',
  TIM,
  extensions: [moderationEvents],
});

// Typed payloads of the moderation events.
tls.on(MODERATION_EVENT.MESSAGE_DELETED, ({ deletedID, source, operatorID }) => [
  deletedID,
  source === 'revoke',
  operatorID,
]);
tls.on(MODERATION_EVENT.MEMBER_MUTED, ({ userID, isSelf, muteTime, until }) => [
  userID,
  isSelf,
  muteTime.toFixed(),
  until ?? 0,
]);
tls.on(MODERATION_EVENT.MEMBER_REMOVED, ({ reason, duration, isSelf }) => [reason === 'blocked', duration, isSelf]);
tls.on(MODERATION_EVENT.ADMIN_CHANGE, ({ userID, admin }) => [userID, admin === true]);
tls.on(MODERATION_EVENT.SLOW_MODE, ({ seconds, source }) => [seconds.toFixed(), source]);

// @ts-expect-error MEMBER_REMOVED's reason is 'kicked' | 'blocked'
tls.on(MODERATION_EVENT.MEMBER_REMOVED, ({ reason }) => reason === 'banned');
// @ts-expect-error MESSAGE_DELETED names the deleted message `deletedID`
tls.on(MODERATION_EVENT.MESSAGE_DELETED, (e) => e.id);
// @ts-expect-error SLOW_MODE carries `seconds`
tls.on(MODERATION_EVENT.SLOW_MODE, (e) => e.slowModeSeconds);

const extension = moderationState({ recentChat: false });
const moderation = createModeration(tls, {
  merchant: { baseUrl: 'http://127.0.0.1:1', credentials: { userID: 'host', userSig: 's' } },
});
async function host(): Promise<unknown[]> {
  await moderation.mute('u', 60);
  await moderation.remove('u', { block: true });
  const { members, total } = await moderation.audience({ count: 100 });
  const settings = await moderation.updateSettings({ slowModeSeconds: 5, filterMode: 'sender-only' });
  // @ts-expect-error filterMode is 'refuse' | 'sender-only'
  await moderation.updateSettings({ filterMode: 'hide' });
  return [members[0]?.role, total, settings.words, extension];
}

declare const state: RoomState;
const myState: [RoomState['myRole'], number | null, number, number | null, 'kicked' | 'blocked' | undefined] = [
  state.myRole,
  state.mutedUntil,
  state.slowModeSeconds,
  state.nextSendAt,
  state.removed?.reason,
];
declare const error: LiveSellError;
const codes = [error.code === 'SLOW_MODE', error.code === 'FILTERED', error.code === 'MUTED'];

export { codes, host, myState };
