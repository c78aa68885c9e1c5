import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRoom, incoming, type TestRoom } from '../shared/testing/room';
import { Announcement } from './Announcement';

afterEach(cleanup);

const announce = (room: TestRoom, from: string, notification: string) =>
  room.deliver(incoming.tip(from, { operationType: 6, newGroupProfile: { notification } }));

describe('Announcement', () => {
  it("shows the room's notification from joining, and the host's updates, as text", async () => {
    const room = await createTestRoom();
    const { container } = room.render(<Announcement />);
    expect(container.querySelector('.ls-announcement__text')?.textContent).toBe('welcome');
    expect(screen.getByRole('note', { name: 'Announcement' })).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
    announce(room, 'host', '<b>Sale</b> at 8pm');
    expect(container.querySelector('.ls-announcement__text')?.textContent).toBe('<b>Sale</b> at 8pm');
    expect(container.querySelector('b')).toBeNull();
  });

  it('collapses long text to one line with a More / Less toggle', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<Announcement />);
    announce(room, 'host', 'Tonight: tea tasting, three new oolongs, free shipping over ¥99 and a coupon at 9pm');
    const root = container.querySelector('.ls-announcement') as HTMLElement;
    expect(root.getAttribute('data-state')).toBe('collapsed');
    const more = screen.getByRole('button', { name: 'More' });
    expect(more.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(more);
    expect(root.getAttribute('data-state')).toBe('expanded');
    const less = screen.getByRole('button', { name: 'Less' });
    expect(less.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(less);
    expect(root.getAttribute('data-state')).toBe('collapsed');
  });

  it('is empty without a notification, and ignores one from a viewer', async () => {
    const room = await createTestRoom({
      prepare: (tim) => {
        tim.group.notification = '';
      },
    });
    const { container } = room.render(<Announcement />);
    expect(container.querySelector('.ls-announcement')?.getAttribute('data-state')).toBe('empty');
    room.deliver(incoming.custom('eve', { data: 'NOTIFICATION', extension: 'free iPhones' }));
    expect(container.querySelector('.ls-announcement')?.getAttribute('data-state')).toBe('empty');
  });
});
