import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Fallback } from './utf8';

describe('decodeUtf8Fallback (old WeChat clients have no TextDecoder)', () => {
  it('decodes any string as TextDecoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const bytes = new TextEncoder().encode(s);
        expect(decodeUtf8Fallback(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
    );
  });

  it('never throws on hostile bytes, and matches TextDecoder on valid ones', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const out = decodeUtf8Fallback(bytes);
        expect(typeof out).toBe('string');
        if (!new TextDecoder().decode(bytes).includes('\ufffd')) expect(out).toBe(new TextDecoder().decode(bytes));
      }),
    );
    expect(decodeUtf8Fallback(Uint8Array.from([0xe4, 0xbd]))).toBe('\ufffd');
    expect(decodeUtf8Fallback(Uint8Array.from([0xff, 0x41]))).toBe('\ufffdA');
  });
});
