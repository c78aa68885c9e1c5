/**
 * `@livesell/core/moderation`: room moderation, kept out of the live-room import. For every
 * client: `moderationEvents` (TIMLiveSell `extensions`) and `moderationState()` (room store
 * `extensions`); for hosts and admins: `createModeration`. See docs/guides/moderation.md.
 */
export {
  type Audience,
  type AudienceMember,
  createModeration,
  type FilterMode,
  type Moderation,
  type ModerationOptions,
  type ModerationRules,
  type ModerationSettings,
  type ModerationSettingsPatch,
  REST_OF_SHOW_SECONDS,
} from './actions';
export { MESSAGE_DELETED_WIRE, MODERATION_EVENT, moderationEvents } from './events';
export { fetchRecentChat, type RecentChatSource } from './recent-chat';
export { type ModerationStateOptions, moderationState } from './state';
