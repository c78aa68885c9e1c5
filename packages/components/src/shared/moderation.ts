import type { RemovedReason, RoomState } from '@livesell/core';
import type { Moderation } from '@livesell/core/moderation';
import { REST_OF_SHOW_SECONDS } from '@livesell/core/protocol';

export { isForTheShow, REST_OF_SHOW_SECONDS } from '@livesell/core/protocol';

/** This user's place in the room (the store's `myRole`). */
export type MyRole = RoomState['myRole'];

/**
 * What the moderation components call: `createModeration(liveSell, { merchant })` from
 * `@livesell/core/moderation` (tests pass a double of the same type).
 */
export type ModerationClient = Moderation;

export const selectMyRole = (s: RoomState): MyRole => s.myRole;
export const selectMutedUntil = (s: RoomState): number | null => s.mutedUntil;
export const selectSlowMode = (s: RoomState): number => s.slowModeSeconds;
export const selectNextSendAt = (s: RoomState): number => s.nextSendAt ?? 0;
export const selectRemoved = (s: RoomState): RoomState['removed'] => s.removed;

/** The mute choices the menu offers, in seconds. */
export const MUTE_CHOICES: readonly number[] = [60, 600, 3600, REST_OF_SHOW_SECONDS];

export interface ModerationLabels {
  /** The "⋯" button on a chat row. */
  rowMenu: (nick: string) => string;
  /** Title of the member menu. */
  menuTitle: (nick: string) => string;
  /** "1 min", "10 min", "1 h", "the rest of the show". */
  duration: (seconds: number) => string;
  mute: (duration: string) => string;
  unmute: string;
  remove: string;
  removeAndBlock: string;
  deleteMessage: string;
  makeAdmin: string;
  removeAdmin: string;
  cancel: string;
  /** Announced after an action. */
  muted: (nick: string, duration: string) => string;
  unmuted: (nick: string) => string;
  removed: (nick: string) => string;
  deleted: string;
  adminSet: (nick: string, admin: boolean) => string;
  failed: string;
  // Audience list
  audienceTitle: (total: string) => string;
  audienceShowing: (shown: number, total: string) => string;
  audienceEmpty: string;
  loading: string;
  close: string;
  host: string;
  admin: string;
  you: string;
  // Moderation panel
  panelTitle: string;
  mutedList: string;
  blockedList: string;
  noneMuted: string;
  noneBlocked: string;
  until: (left: string) => string;
  forTheShow: string;
  undoMute: (nick: string) => string;
  undoBlock: (nick: string) => string;
  unmuteShort: string;
  unblockShort: string;
  words: string;
  wordInput: string;
  wordPlaceholder: string;
  addWord: string;
  removeWord: (word: string) => string;
  noWords: string;
  noLinks: string;
  filterMode: string;
  filterRefuse: string;
  filterSenderOnly: string;
  slowMode: string;
  slowModeValue: (seconds: number) => string;
  admins: string;
  adminInput: string;
  adminPlaceholder: string;
  addAdmin: string;
  removeAdminOf: (userID: string) => string;
  noAdmins: string;
  ownerOnly: string;
  saved: string;
  refresh: string;
  // Removed notice
  removedTitle: string;
  removedReason: (reason: RemovedReason) => string;
  leave: string;
}

const durationEn = (seconds: number): string => {
  if (seconds >= REST_OF_SHOW_SECONDS) return 'the rest of the show';
  if (seconds >= 3600) return `${Math.round(seconds / 3600)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${seconds} s`;
};

export const DEFAULT_MODERATION_LABELS: ModerationLabels = {
  rowMenu: (nick) => `Moderate ${nick}`,
  menuTitle: (nick) => nick,
  duration: durationEn,
  mute: (duration) => `Mute for ${duration}`,
  unmute: 'Unmute',
  remove: 'Remove from the room',
  removeAndBlock: 'Remove and block re-entry',
  deleteMessage: 'Delete this message',
  makeAdmin: 'Make admin',
  removeAdmin: 'Remove admin',
  cancel: 'Cancel',
  muted: (nick, duration) => `${nick} is muted for ${duration}`,
  unmuted: (nick) => `${nick} can chat again`,
  removed: (nick) => `${nick} was removed`,
  deleted: 'Message deleted',
  adminSet: (nick, admin) => (admin ? `${nick} is now an admin` : `${nick} is no longer an admin`),
  failed: 'That didn’t work — try again.',
  audienceTitle: (total) => `Audience (${total})`,
  audienceShowing: (shown, total) => `The latest ${shown} of ${total} viewers`,
  audienceEmpty: 'No viewers yet',
  loading: 'Loading…',
  close: 'Close',
  host: 'Host',
  admin: 'Admin',
  you: 'You',
  panelTitle: 'Moderation',
  mutedList: 'Muted viewers',
  blockedList: 'Removed viewers',
  noneMuted: 'Nobody is muted.',
  noneBlocked: 'Nobody is removed.',
  until: (left) => `${left} left`,
  forTheShow: 'for the show',
  undoMute: (nick) => `Unmute ${nick}`,
  undoBlock: (nick) => `Let ${nick} back in`,
  unmuteShort: 'Unmute',
  unblockShort: 'Let back in',
  words: 'Blocked words',
  wordInput: 'New blocked word',
  wordPlaceholder: 'A word or phrase',
  addWord: 'Add',
  removeWord: (word) => `Remove “${word}”`,
  noWords: 'No blocked words.',
  noLinks: 'No links in chat',
  filterMode: 'A filtered message',
  filterRefuse: 'is refused (the sender is told)',
  filterSenderOnly: 'is seen only by its sender',
  slowMode: 'Slow mode',
  slowModeValue: (seconds) => (seconds > 0 ? `${seconds} s between messages` : 'Off'),
  admins: 'Admins',
  adminInput: 'User ID of a new admin',
  adminPlaceholder: 'User ID, e.g. assistant',
  addAdmin: 'Appoint',
  removeAdminOf: (userID) => `Remove admin ${userID}`,
  noAdmins: 'No admins.',
  ownerOnly: 'Only the host appoints admins.',
  saved: 'Saved',
  refresh: 'Refresh',
  removedTitle: 'You left the live room',
  removedReason: (reason) =>
    reason === 'blocked'
      ? 'The host removed you from this show. You can’t rejoin it.'
      : 'The host removed you from the room.',
  leave: 'OK',
};

/** Whether someone with `actor`'s role may moderate a member with `target`'s role. */
export function mayModerate(actor: MyRole, target: string): boolean {
  if (actor === 'owner') return target === 'member' || target === 'admin';
  if (actor === 'admin') return target === 'member';
  return false;
}
