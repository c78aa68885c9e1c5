import type { UserInfo } from '../live-sell/index';
import { last } from './last';

/** `muted` and `removed` appear only when the app opts in (`moderationState({ notices: true })`). */
export type NoticeKind = 'join' | 'exit' | 'follow' | 'muted' | 'removed';

/** "A joined", "A and B joined", "A, B and 37 others joined": one notice per burst. */
export interface RoomNotice {
  key: string;
  kind: NoticeKind;
  /** The first two people of the burst, named. */
  users: UserInfo[];
  /** Everyone else in the burst. */
  others: number;
  /** First and last event of the burst. */
  startedAt: number;
  updatedAt: number;
}

const NAMED = 2;

/** Adds one person to the latest notice of the same kind while its burst window is open. */
export function addNotice(
  notices: readonly RoomNotice[],
  kind: NoticeKind,
  user: UserInfo,
  now: number,
  windowMs: number,
  maxNotices: number,
  nextKey: () => string,
): { notices: RoomNotice[]; merged: boolean } {
  // Not `.at(-1)`: ES2022, missing from older WeChat and iOS runtimes.
  const latest = notices[notices.length - 1];
  if (latest && latest.kind === kind && now - latest.startedAt < windowMs) {
    const updated: RoomNotice = latest.users.some((u) => u.userID === user.userID)
      ? Object.assign({}, latest, { updatedAt: now })
      : latest.users.length < NAMED
        ? Object.assign({}, latest, { users: [...latest.users, user], updatedAt: now })
        : Object.assign({}, latest, { others: latest.others + 1, updatedAt: now });
    return { notices: [...notices.slice(0, -1), updated], merged: true };
  }
  const notice: RoomNotice = { key: nextKey(), kind, users: [user], others: 0, startedAt: now, updatedAt: now };
  return { notices: last([...notices, notice], maxNotices), merged: false };
}

const VERB: Record<NoticeKind, string> = {
  join: 'joined',
  exit: 'left',
  follow: 'followed the host',
  muted: 'got muted',
  removed: 'got removed',
};

/** English text for a notice; components may format `users`/`others` their own way. */
export function formatNotice(notice: RoomNotice): string {
  const names = notice.users.map((u) => u.nick || u.userID);
  const verb = VERB[notice.kind];
  if (notice.others > 0) return `${names.join(', ')} and ${notice.others} other${notice.others > 1 ? 's' : ''} ${verb}`;
  return `${names.join(' and ')} ${verb}`;
}
