export interface DanmakuLabels {
  /** Accessible name of the message list. */
  list: string;
  host: string;
  admin: string;
  /** Badge for messages from the merchant server. */
  system: string;
  /** The chip shown while the viewer reads older messages. */
  newMessages: (count: number) => string;
  jumpToLatest: string;
  placeholder: string;
  input: string;
  send: string;
  sending: string;
  tooLong: (max: number) => string;
  /** The composer while muted: "Muted · 9:41 left". */
  muted: (left: string) => string;
  mutedForShow: string;
  /** A send refused because the sender is muted (when the time left is unknown). */
  mutedRefused: string;
  /** Slow mode's wait: "You can send again in 4 s". */
  slowMode: (seconds: number) => string;
  slowModeRefused: string;
  /** A send refused by the room's word list or link policy. */
  filtered: string;
}

export const DEFAULT_DANMAKU_LABELS: DanmakuLabels = {
  list: 'Live chat',
  host: 'Host',
  admin: 'Admin',
  system: 'Official',
  newMessages: (count) => `${count > 99 ? '99+' : count} new`,
  jumpToLatest: 'Jump to the latest messages',
  placeholder: 'Say something…',
  input: 'Chat message',
  send: 'Send',
  sending: 'Sending…',
  tooLong: (max) => `Keep it under ${max} characters.`,
  muted: (left) => `Muted · ${left} left`,
  mutedForShow: 'Muted for the rest of the show',
  mutedRefused: 'You are muted in this room.',
  slowMode: (seconds) => `You can send again in ${seconds} s`,
  slowModeRefused: 'Slow mode is on — wait a moment.',
  filtered: 'Not sent: this room doesn’t allow that.',
};
