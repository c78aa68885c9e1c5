/** Shortcodes viewers type in danmaku, in English and in WeChat's Chinese names. */
export const EMOJI_SHORTCODES: Readonly<Record<string, string>> = {
  smile: '😊',
  laugh: '😂',
  grin: '😁',
  wink: '😉',
  love: '😍',
  kiss: '😘',
  cool: '😎',
  wow: '😮',
  cry: '😭',
  sad: '😢',
  angry: '😠',
  think: '🤔',
  heart: '❤️',
  like: '👍',
  ok: '👌',
  clap: '👏',
  pray: '🙏',
  fire: '🔥',
  rose: '🌹',
  gift: '🎁',
  party: '🎉',
  star: '⭐',
  money: '💰',
  cart: '🛒',
  微笑: '😊',
  呲牙: '😁',
  偷笑: '🤭',
  色: '😍',
  流泪: '😭',
  强: '👍',
  OK: '👌',
  鼓掌: '👏',
  爱心: '❤️',
  玫瑰: '🌹',
  礼物: '🎁',
  庆祝: '🎉',
};

// `Object.hasOwn` is ES2022: WeChat's oldest engines lack it.
const hasOwn = Object.prototype.hasOwnProperty;

const SHORTCODE = /\[([^[\]\s]{1,12})\]/g;

/**
 * Replaces `[name]` shortcodes with emoji. The result is still plain text (rendered as text, never
 * as markup); unknown shortcodes stay as typed.
 */
export function replaceEmoji(text: string, codes: Readonly<Record<string, string>> = EMOJI_SHORTCODES): string {
  if (text.indexOf('[') < 0) return text;
  return text.replace(SHORTCODE, (match, name: string) => (hasOwn.call(codes, name) ? (codes[name] as string) : match));
}
