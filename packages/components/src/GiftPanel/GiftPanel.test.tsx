import { cleanup, fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestRoom, incoming, settle, type TestRoom } from '../shared/testing/room';
import { GiftButton } from './GiftButton';
import { GiftCards } from './GiftCards';
import { GiftPanel } from './GiftPanel';
import type { GiftItem } from './types';

afterEach(cleanup);

const GIFTS: GiftItem[] = [
  { id: 'rose', name: 'Rose', icon: 'https://cdn.example/rose.png', price: 10 },
  { id: 'heart', name: 'Heart', icon: 'https://cdn.example/heart.png', price: 190 },
  { id: 'rocket', name: 'Rocket', icon: 'https://cdn.example/rocket.png', price: 99900, big: true },
];

const gift = (from: string, extension: Record<string, unknown>) =>
  incoming.custom(from, { data: 'SEND_GIFT', extension: JSON.stringify(extension) });

const sentGifts = (room: TestRoom) =>
  room.tim.sent
    .filter((m) => (m.payload as { data?: string }).data === 'SEND_GIFT')
    .map((m) => ({ extension: (m.payload as { extension: string }).extension, priority: m.priority }));

function Controlled() {
  const [open, setOpen] = useState(true);
  return (
    <>
      <GiftPanel gifts={GIFTS} open={open} onOpenChange={setOpen} />
      <span data-testid="open">{String(open)}</span>
    </>
  );
}

describe('GiftPanel', () => {
  it('is closed by default and opens as a labelled dialog listing the catalogue with prices', async () => {
    const room = await createTestRoom();
    const { container, rerender } = room.render(<GiftPanel gifts={GIFTS} />);
    expect(container.querySelector('.ls-gift-panel')?.getAttribute('data-state')).toBe('closed');
    expect(screen.queryByRole('dialog')).toBeNull();
    rerender(<GiftPanel gifts={GIFTS} open />);
    expect(screen.getByRole('dialog', { name: 'Send a gift' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rose, ¥0.10' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Heart, ¥1.90' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rocket, ¥999' })).toBeTruthy();
  });

  it('sends the picked gift as a High-priority SEND_GIFT carrying its id', async () => {
    const room = await createTestRoom();
    const onSend = vi.fn();
    room.render(<GiftPanel gifts={GIFTS} defaultOpen onSend={onSend} />);
    const heart = screen.getByRole('button', { name: 'Heart, ¥1.90' });
    expect(heart.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(heart);
    expect(heart.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Send Heart' }));
    await settle();
    expect(sentGifts(room)).toEqual([{ extension: '{"id":"heart","name":"Heart","count":1}', priority: 'High' }]);
    expect(onSend).toHaveBeenCalledWith(GIFTS[1]);
    expect(screen.getByText('Heart sent')).toBeTruthy();
  });

  it('announces a sent gift through a polite status region that is there before it fills in', async () => {
    const room = await createTestRoom();
    room.render(<GiftPanel gifts={GIFTS} defaultOpen />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Send Rose' }));
    await settle();
    expect(screen.getByRole('status')).toBe(status);
    expect(status.textContent).toBe('Rose sent');
  });

  it('gives every gift icon its name as alt text', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<GiftPanel gifts={GIFTS} defaultOpen />);
    const icons = Array.from(container.querySelectorAll('.ls-gift-panel__icon')) as Array<
      HTMLElement & { nativeProps?: { alt?: string } }
    >;
    expect(icons.map((icon) => icon.nativeProps?.alt)).toEqual(['Rose', 'Heart', 'Rocket']);
  });

  it('lets beforeSend cancel (e.g. not enough coins)', async () => {
    const room = await createTestRoom();
    const beforeSend = vi.fn(async () => false);
    room.render(<GiftPanel gifts={GIFTS} defaultOpen beforeSend={beforeSend} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send Rose' }));
    await settle();
    expect(beforeSend).toHaveBeenCalledWith(GIFTS[0]);
    expect(sentGifts(room)).toEqual([]);
  });

  it('shows why a gift was not sent', async () => {
    const room = await createTestRoom();
    room.tim.answers.sendMessage = { code: 2800, message: 'offline' };
    const onSendError = vi.fn();
    room.render(<GiftPanel gifts={GIFTS} defaultOpen onSendError={onSendError} />);
    fireEvent.click(screen.getByRole('button', { name: 'Send Rose' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('No connection — not sent.');
    expect(onSendError.mock.calls[0]?.[0]).toMatchObject({ code: 'NETWORK' });
    expect(onSendError.mock.calls[0]?.[1]).toBe(GIFTS[0]);
  });

  it('closes from its close button and the backdrop, controlled or not', async () => {
    const room = await createTestRoom();
    const onOpenChange = vi.fn();
    const { container } = room.render(<GiftPanel gifts={GIFTS} defaultOpen onOpenChange={onOpenChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close gifts' }));
    expect(onOpenChange).toHaveBeenLastCalledWith(false);
    expect(screen.queryByRole('dialog')).toBeNull();
    cleanup();
    const second = room.render(<Controlled />);
    fireEvent.click(second.container.querySelector('.ls-gift-panel__backdrop') as HTMLElement);
    expect(screen.getByTestId('open').textContent).toBe('false');
    expect(container.querySelector('[role="dialog"]')).toBeNull();
  });
});

describe('GiftCards', () => {
  const cards = (container: HTMLElement) =>
    Array.from(container.querySelectorAll('.ls-gift-card')).map(
      (c) =>
        `${c.querySelector('.ls-gift-card__nick')?.textContent} ${c.querySelector('.ls-gift-card__what')?.textContent} ${c.querySelector('.ls-gift-card__count')?.textContent}`,
    );

  it('merges the same sender and gift within 2 s into one ×N card', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<GiftCards gifts={GIFTS} />);
    room.deliver(gift('ann', { id: 'rose' }), gift('ann', { id: 'rose' }));
    room.advance(1500);
    room.deliver(gift('ann', { id: 'rose' }), gift('bob', { id: 'rose' }));
    expect(cards(container)).toEqual(['ann-nick sent Rose ×3', 'bob-nick sent Rose ×1']);
    room.advance(2100);
    room.deliver(gift('ann', { id: 'rose' }));
    expect(cards(container)).toEqual(['ann-nick sent Rose ×3', 'bob-nick sent Rose ×1', 'ann-nick sent Rose ×1']);
  });

  it("shows the sender's initial from the nickname when there is no avatar, and names the gift icon", async () => {
    const room = await createTestRoom();
    const { container } = room.render(<GiftCards gifts={GIFTS} />);
    room.deliver(
      incoming.custom(
        'viewer_zz',
        { data: 'SEND_GIFT', extension: JSON.stringify({ id: 'heart' }) },
        { nick: 'Ava 22', avatar: '' },
      ),
    );
    const card = container.querySelector('.ls-gift-card') as HTMLElement;
    expect(card.querySelector('.ls-gift-card__avatar--empty')?.textContent).toBe('A');
    const icon = card.querySelector('.ls-gift-card__icon') as HTMLElement & { nativeProps?: { alt?: string } };
    expect(icon.nativeProps?.alt).toBe('Heart');
  });

  it('shows at most 4 cards and drops them a while after their last gift', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<GiftCards gifts={GIFTS} />);
    room.deliver(...['a', 'b', 'c', 'd', 'e', 'f'].map((u) => gift(u, { id: 'heart' })));
    expect(container.querySelectorAll('.ls-gift-card')).toHaveLength(4);
    room.advance(4000);
    expect(container.querySelectorAll('.ls-gift-card')).toHaveLength(0);
  });

  it('takes the icon and name from the catalogue, never from the message', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<GiftCards gifts={GIFTS} />);
    room.deliver(gift('eve', { id: 'rose', name: 'Free iPhone', icon: 'https://evil.example/x.png' }));
    const card = container.querySelector('.ls-gift-card') as HTMLElement;
    expect(card.querySelector('.ls-gift-card__what')?.textContent).toBe('sent Rose');
    expect(card.querySelector('.ls-gift-card__icon')?.getAttribute('src')).toBe('https://cdn.example/rose.png');
    // A gift not in the catalogue shows its (text) name and a generic icon.
    room.deliver(gift('eve', { id: 'zzz', name: '<i>Mystery</i>' }));
    const other = container.querySelectorAll('.ls-gift-card')[1] as HTMLElement;
    expect(other.querySelector('.ls-gift-card__what')?.textContent).toBe('sent <i>Mystery</i>');
    expect(other.querySelector('i')).toBeNull();
    expect(other.querySelector('.ls-gift-card__icon--generic')).not.toBeNull();
  });

  it('plays the big-gift animation only for gifts the catalogue marks big, restarting on each combo', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<GiftCards gifts={GIFTS} />);
    room.deliver(gift('ann', { id: 'heart', big: true }));
    expect(container.querySelector('.ls-gift-burst__item')).toBeNull();
    room.deliver(gift('bob', { id: 'rocket' }));
    const first = container.querySelector('.ls-gift-burst__item');
    expect(first?.getAttribute('data-gift')).toBe('rocket');
    expect(first?.textContent).toBe('bob-nick · Rocket ×1');
    room.deliver(gift('bob', { id: 'rocket' }));
    const second = container.querySelector('.ls-gift-burst__item');
    expect(second).not.toBe(first);
    expect(second?.textContent).toBe('bob-nick · Rocket ×2');
    expect(container.querySelector('.ls-gift-card--big')).not.toBeNull();
  });

  it('shows own gifts at once', async () => {
    const room = await createTestRoom();
    const { container } = room.render(
      <>
        <GiftPanel gifts={GIFTS} defaultOpen />
        <GiftCards gifts={GIFTS} />
      </>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Send Rose' }));
    await settle();
    room.commit();
    expect(container.querySelector('.ls-gift-card--self')).not.toBeNull();
    expect(cards(container)).toEqual(['Me sent Rose ×1']);
  });
});

describe('GiftButton', () => {
  it('is a labelled button', async () => {
    const room = await createTestRoom();
    const onPress = vi.fn();
    room.render(<GiftButton onPress={onPress} label="礼物" />);
    fireEvent.click(screen.getByRole('button', { name: '礼物' }));
    fireEvent.keyDown(screen.getByRole('button', { name: '礼物' }), { key: 'Enter' });
    expect(onPress).toHaveBeenCalledTimes(2);
  });
});
