import { LIVE_STATUS_NAME, type LiveStatusCode } from '@livesell/core';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveStatusBadge } from './LiveStatusBadge';
import { LIVE_STATUS_COLORS, LIVE_STATUS_LABELS_ZH } from './live-status-style';

afterEach(cleanup);

const codes: LiveStatusCode[] = [101, 102, 103, 104, 105, 106, 107];

function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('LiveStatusBadge', () => {
  it('shows text, state and colour per code as a labelled status', () => {
    const expected = ['Live', 'Not started', 'Ended', 'Banned', 'Paused', 'Interrupted', 'Expired'];
    codes.forEach((code, i) => {
      const { unmount } = render(<LiveStatusBadge status={code} />);
      const badge = screen.getByRole('status');
      expect(badge.textContent).toBe(expected[i]);
      expect(badge.getAttribute('aria-label')).toBe(`Live status: ${expected[i]}`);
      expect(badge.getAttribute('data-state')).toBe(LIVE_STATUS_NAME[code]);
      expect(badge.getAttribute('data-status')).toBe(String(code));
      expect(badge.className).toContain(`ls-live-status-badge--${LIVE_STATUS_NAME[code]}`);
      expect(badge.style.backgroundColor).not.toBe('');
      unmount();
    });
  });

  it('gives every state its own background', () => {
    const backgrounds = codes.map((code) => LIVE_STATUS_COLORS[code].background);
    expect(new Set(backgrounds).size).toBe(codes.length);
  });

  it('keeps text contrast at 4.5:1 or better', () => {
    for (const { background, color } of Object.values(LIVE_STATUS_COLORS)) {
      const [hi, lo] = [luminance(background), luminance(color)].sort((a, b) => b - a);
      expect((hi! + 0.05) / (lo! + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('takes labels such as the Chinese set', () => {
    render(<LiveStatusBadge status={101} labels={LIVE_STATUS_LABELS_ZH} ariaLabelPrefix="直播状态" />);
    expect(screen.getByRole('status').textContent).toBe('直播中');
    expect(screen.getByRole('status').getAttribute('aria-label')).toBe('直播状态: 直播中');
  });

  it('shows unknown for anything that is not a live status code', () => {
    for (const status of [null, undefined, 100, 108, Number.NaN]) {
      const { unmount } = render(<LiveStatusBadge status={status} />);
      expect(screen.getByRole('status').getAttribute('data-state')).toBe('unknown');
      expect(screen.getByRole('status').textContent).toBe('Unknown');
      unmount();
    }
  });
});
