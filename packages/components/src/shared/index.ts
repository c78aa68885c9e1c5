export { cx } from './cx';
export { EMOJI_SHORTCODES, replaceEmoji } from './emoji';
export { DEFAULT_ERROR_MESSAGES, describeError, type ErrorMessages } from './error-message';
export { formatCount, formatCountdown, formatPrice } from './format';
export { avatarInitial } from './initial';
export { safeImageSrc } from './safe-src';
