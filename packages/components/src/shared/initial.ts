/** A letter with case (Latin, Cyrillic, Greek …), a digit, or a CJK / Hangul / kana character. */
function isInitialChar(ch: string): boolean {
  if (ch.toUpperCase() !== ch.toLowerCase()) return true;
  if (ch >= '0' && ch <= '9') return true;
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x2e80 && code <= 0xd7ff) || (code >= 0xf900 && code <= 0xfaff);
}

function firstInitial(text: string | undefined): string {
  if (!text) return '';
  for (const ch of text) if (isInitialChar(ch)) return ch.toUpperCase();
  return '';
}

/**
 * The character an avatar placeholder shows: from the nickname people see ("Ava 22" → "A",
 * "李雷" → "李"), falling back to the user ID only when the nickname has none; "?" for neither.
 */
export function avatarInitial(nick: string | undefined, userID?: string): string {
  return firstInitial(nick) || firstInitial(userID) || '?';
}
