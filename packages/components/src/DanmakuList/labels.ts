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
};
