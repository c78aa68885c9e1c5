import { cleanup, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestRoom, incoming } from '../shared/testing/room';
import { DanmakuList } from './DanmakuList';
import { nextStick } from './stick-to-bottom';

// weapp seam: the viewport height comes from a selector query (WeChat's API, absent here).
vi.mock('@tarojs/taro', () => {
  const query = {
    select: () => query,
    boundingClientRect: (cb: (rect: { height: number }) => void) => {
      cb({ height: 100 });
      return query;
    },
    exec: () => undefined,
  };
  return { default: { createSelectorQuery: () => query } };
});

afterEach(cleanup);

type ScrollViewElement = HTMLElement & { mpScrollIntoView?: string };

describe('DanmakuList on weapp (scroll-view seam)', () => {
  it('follows the newest row with scroll-into-view, and stops while the viewer reads', async () => {
    const room = await createTestRoom({ store: { danmakuSlots: 10 } });
    const { container } = room.render(<DanmakuList />);
    const view = container.querySelector('taro-scroll-view-core') as ScrollViewElement;
    const newestId = () => {
      const rows = Array.from(container.querySelectorAll<HTMLElement>('.ls-danmaku__row:not(.ls-danmaku__row--empty)'));
      return rows.sort((a, b) => Number(b.style.order) - Number(a.style.order))[0]?.id;
    };
    const scroll = (scrollTop: number, scrollHeight: number) =>
      fireEvent(view, new CustomEvent('scroll', { detail: { scrollTop, scrollHeight } }));
    const chip = () => container.querySelector('.ls-danmaku__chip') as HTMLElement;

    room.deliver(incoming.text('alice', 'one'), incoming.text('alice', 'two'));
    expect(view.mpScrollIntoView).toBe(newestId());
    expect(view.mpScrollIntoView).toMatch(/^ls-dm\d+-dm1$/);

    scroll(200, 300); // at the bottom: 300 - 200 - 100 = 0
    room.deliver(incoming.text('bob', 'three'));
    expect(view.mpScrollIntoView).toBe(newestId());

    scroll(120, 330); // up by 80 px, 110 px from the bottom
    room.deliver(incoming.text('bob', 'four'));
    expect(view.mpScrollIntoView).toBe('');
    expect(chip().textContent).toBe('1 new');

    fireEvent(view, new CustomEvent('scrolltolower', { detail: { direction: 'bottom' } }));
    expect(chip().getAttribute('data-state')).toBe('hidden');
    expect(view.mpScrollIntoView).toBe(newestId());
  });
});

describe('nextStick', () => {
  const at = (pinned: boolean, lastTop: number) => ({ pinned, lastTop });
  it('pins at the bottom, unpins when the viewer moves up, and ignores growth below', () => {
    expect(nextStick(at(false, 0), { scrollTop: 880, scrollHeight: 1000, viewportHeight: 100 }).pinned).toBe(true);
    expect(nextStick(at(true, 900), { scrollTop: 600, scrollHeight: 1000, viewportHeight: 100 }).pinned).toBe(false);
    // Content grew under a pinned viewer before the follow-up scroll: not a scroll up.
    expect(nextStick(at(true, 900), { scrollTop: 900, scrollHeight: 1400, viewportHeight: 100 }).pinned).toBe(true);
    // A shorter list clamps scrollTop down, but to the bottom: still pinned.
    expect(nextStick(at(true, 900), { scrollTop: 700, scrollHeight: 800, viewportHeight: 100 }).pinned).toBe(true);
    // Reading older rows and moving down a little: still reading.
    expect(nextStick(at(false, 300), { scrollTop: 350, scrollHeight: 1000, viewportHeight: 100 }).pinned).toBe(false);
    // Unknown viewport height: never "at the bottom" from metrics alone.
    expect(nextStick(at(false, 0), { scrollTop: 900, scrollHeight: 1000, viewportHeight: 0 }).pinned).toBe(false);
  });
});
