import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestRoom, incoming, settle, type TestRoom } from '../shared/testing/room';
import { createHearts, risingHearts, tapHeart } from './hearts';
import { LikeButton } from './LikeButton';

afterEach(cleanup);

const rising = (container: HTMLElement) => container.querySelectorAll('.ls-like__heart[data-state="rising"]').length;
const likeMessages = (room: TestRoom) =>
  room.tim.sent.filter((m) => (m.payload as { data?: string }).data === 'LIKE').length;

describe('LikeButton', () => {
  it('floats at most 30 hearts and merges further taps into a +N counter', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<LikeButton />);
    const button = screen.getByRole('button', { name: /^Like/ });
    for (let i = 0; i < 50; i++) fireEvent.click(button);
    expect(rising(container)).toBe(30);
    expect(container.querySelectorAll('.ls-like__heart')).toHaveLength(30);
    const extra = container.querySelector('.ls-like__extra') as HTMLElement;
    expect(extra.getAttribute('data-state')).toBe('visible');
    expect(extra.textContent).toBe('+20');

    // Once they have floated away, a tap gets a heart again and the counter starts over.
    room.advance(1600);
    fireEvent.click(button);
    expect(rising(container)).toBe(1);
    expect(extra.getAttribute('data-state')).toBe('hidden');
  });

  it('sends taps through liveSell.like(): the first at once, the rest as one message per 2 s', async () => {
    const room = await createTestRoom();
    room.render(<LikeButton />);
    const button = screen.getByRole('button', { name: /^Like/ });
    for (let i = 0; i < 40; i++) {
      fireEvent.click(button);
      room.advance(50);
    }
    await settle();
    // 40 taps over 2 s at 20 taps/s: the first tap's message, then one for the window.
    expect(likeMessages(room)).toBe(2);
    room.advance(2000);
    await settle();
    expect(likeMessages(room)).toBe(2);
    const counts = room.tim.sent.map((m) => Number((m.payload as { description?: string }).description || 1));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
  });

  it("shows the room's like total, own taps included, with an accessible name", async () => {
    const room = await createTestRoom();
    const { container } = room.render(<LikeButton />);
    for (let i = 0; i < 3; i++) fireEvent.click(screen.getByRole('button', { name: /^Like/ }));
    room.commit();
    expect(container.querySelector('.ls-like__count')?.textContent).toBe('3');
    // A LIKE message carries at most 200 taps.
    room.deliver(
      ...Array.from({ length: 7 }, (_, i) => incoming.custom(`fan${i}`, { data: 'LIKE', description: '200' })),
    );
    expect(container.querySelector('.ls-like__count')?.textContent).toBe('1.4k');
    expect(screen.getByRole('button', { name: 'Like (1.4k likes)' })).toBeTruthy();
  });

  it('reports a like that could not be sent, keeping the heart', async () => {
    const room = await createTestRoom();
    const onError = vi.fn();
    const { container } = room.render(<LikeButton onError={onError} />);
    await room.liveSell.destroy();
    fireEvent.click(screen.getByRole('button', { name: /^Like/ }));
    await settle();
    expect(rising(container)).toBe(1);
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'LiveSellError', code: 'DESTROYED' });
  });
});

describe('hearts', () => {
  it('reuses slots whose heart has floated away', () => {
    let h = createHearts(3);
    for (let t = 0; t < 5; t++) h = tapHeart(h, 1000, 500);
    expect(risingHearts(h, 1000, 500)).toBe(3);
    expect(h.extra).toBe(2);
    h = tapHeart(h, 1400, 500);
    expect(h.extra).toBe(3);
    h = tapHeart(h, 1500, 500);
    expect(risingHearts(h, 1500, 500)).toBe(1);
    expect(h.extra).toBe(0);
    expect(h.slots.map((s) => s.gen)).toEqual([2, 1, 1]);
  });
});
