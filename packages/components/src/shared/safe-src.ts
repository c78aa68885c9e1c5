/**
 * An image URL from the network (avatars in IM profiles are chosen by users) is used only when it
 * is http(s) or an inline image; anything else renders the fallback.
 */
export function safeImageSrc(url: unknown): string {
  if (typeof url !== 'string' || url.length > 2048) return '';
  return /^https?:\/\//i.test(url) || /^data:image\/(png|jpe?g|gif|webp|svg\+xml);/i.test(url) ? url : '';
}
