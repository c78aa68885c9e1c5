import { cleanup, render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SubscribeButton } from './SubscribeButton';
import { SubscribeSurface } from './surface';
import { DEFAULT_SUBSCRIBE_LABELS } from './types';

// React DOM warns about the mini program tag and its boolean attribute; on weapp both are template data.
const expectedWarnings = /unrecognized in this browser|non-boolean attribute[\s\S]*stop-propagation/;
let consoleError: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  cleanup();
  for (const call of consoleError.mock.calls) expect(call.map(String).join(' ')).toMatch(expectedWarnings);
  consoleError.mockRestore();
});

// Without a mock `./surface` is the weapp seam: WeChat's plugin component, nothing of the H5 fallback.
describe('SubscribeButton (weapp seam)', () => {
  it("renders the live-player-plugin's subscribe component with the room id", () => {
    const { container } = render(<SubscribeButton roomId={354} onSubscribe={async () => {}} />);
    const element = container.querySelector('subscribe');
    expect(element).not.toBeNull();
    expect(element?.getAttribute('room-id')).toBe('354');
    expect(container.querySelector('[role="button"]')).toBeNull();
  });

  it("hands the plugin its props under WeChat's attribute names", () => {
    // Booleans are template data on weapp; a DOM drops them, so the element itself is checked.
    const element = SubscribeSurface({
      roomId: 7,
      stopPropagation: true,
      labels: DEFAULT_SUBSCRIBE_LABELS,
    }) as ReactElement<Record<string, unknown>>;
    expect(element.type).toBe('subscribe');
    expect(element.props).toEqual({ 'room-id': 7, 'stop-propagation': true });
    const byDefault = SubscribeSurface({ roomId: 7, labels: DEFAULT_SUBSCRIBE_LABELS }) as ReactElement<
      Record<string, unknown>
    >;
    expect(byDefault.props['stop-propagation']).toBe(false);
  });
});
