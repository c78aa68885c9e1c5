/**
 * UTF-8 bytes → string. `TextDecoder` where the platform has it; old WeChat clients do not, so a small
 * decoder follows. Bytes come from the network: malformed sequences become U+FFFD, never an exception.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if (typeof TextDecoder !== 'undefined') return new TextDecoder().decode(bytes);
  return decodeUtf8Fallback(bytes);
}

/** The fallback decoder alone (exported for tests). */
export function decodeUtf8Fallback(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    let need = 0;
    let c = 0;
    let min = 0;
    if (b < 0x80) {
      c = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      c = b & 0x1f;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      c = b & 0x0f;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      c = b & 0x07;
      min = 0x10000;
    } else {
      chunk += '\ufffd';
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const next = bytes[i + j];
      if (next === undefined || (next & 0xc0) !== 0x80) break;
      c = (c << 6) | (next & 0x3f);
    }
    if (j <= need || c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      // A truncated or invalid sequence: one replacement character, resume after the bytes that fit it.
      chunk += '\ufffd';
      i += Math.max(1, j);
      continue;
    }
    chunk += String.fromCodePoint(c);
    i += need + 1;
    if (chunk.length > 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}
