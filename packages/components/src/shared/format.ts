/** 999 → "999", 1234 → "1.2k", 56789 → "56.8k", 1234567 → "1.2M". */
export function formatCount(value: number): string {
  const n = Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
  if (n < 1000) return String(n);
  const [unit, div]: [string, number] = n < 1e6 ? ['k', 1e3] : n < 1e9 ? ['M', 1e6] : ['B', 1e9];
  const scaled = n / div;
  // Rounded down: a counter never shows more than happened.
  return `${scaled < 100 ? Math.floor(scaled * 10) / 10 : Math.floor(scaled)}${unit}`;
}

/** Integer cents → "¥12.90"; whole amounts drop the decimals ("¥99"). */
export function formatPrice(cents: number, currency = '¥'): string {
  const value = Number.isFinite(cents) ? Math.max(0, Math.round(cents)) : 0;
  const whole = Math.floor(value / 100);
  const fraction = value % 100;
  return fraction === 0 ? `${currency}${whole}` : `${currency}${whole}.${String(fraction).padStart(2, '0')}`;
}

/** Milliseconds left → "04:59" or "1:02:03"; never negative. Rounds up, so "00:00" means over. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
