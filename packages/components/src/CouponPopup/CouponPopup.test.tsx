import { type CouponView, LiveSellError } from '@livesell/core';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestRoom, incoming, settle, T0 } from '../shared/testing/room';
import { CouponPopup } from './CouponPopup';

afterEach(cleanup);

const HOUR = 3_600_000;

function issue(serverTime: number, over: Record<string, unknown> = {}) {
  return incoming.custom('administrator', {
    data: 'ISSUE_COUPON',
    extension: JSON.stringify({
      couponID: 'c1',
      title: 'Live special',
      amount: 500,
      threshold: 5000,
      stock: 10,
      remaining: 10,
      expiresAt: serverTime + 90_000,
      serverTime,
      ...over,
    }),
  });
}

const claimedBy = (userID: string, remaining: number, claimID: string) =>
  incoming.custom('administrator', {
    data: 'USE_COUPON',
    extension: JSON.stringify({ couponID: 'c1', claimID, userID, nick: userID, remaining }),
  });

const root = (container: HTMLElement) => container.querySelector('.ls-coupon') as HTMLElement;
const countdown = (container: HTMLElement) => container.querySelector('.ls-coupon__countdown')?.textContent;

describe('CouponPopup', () => {
  it('pops up when the host issues a coupon, with amount, minimum spend and stock', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<CouponPopup onClaim={() => {}} />);
    expect(root(container).getAttribute('data-state')).toBe('none');
    room.deliver(issue(T0));
    expect(root(container).getAttribute('data-state')).toBe('available');
    expect(screen.getByRole('dialog', { name: 'Live coupon' })).toBeTruthy();
    expect(container.querySelector('.ls-coupon__amount')?.textContent).toBe('¥5');
    expect(container.querySelector('.ls-coupon__threshold')?.textContent).toBe('Orders over ¥50');
    expect(container.querySelector('.ls-coupon__left')?.textContent).toBe('10 of 10 left');
    expect(screen.getByRole('button', { name: 'Claim' })).toBeTruthy();
  });

  it.each([
    ['an hour behind', T0 + HOUR],
    ['ten minutes ahead', T0 - 600_000],
  ])('counts down on server time when the device clock is %s', async (_, serverTime) => {
    const room = await createTestRoom();
    const { container } = room.render(<CouponPopup onClaim={() => {}} />);
    room.deliver(issue(serverTime));
    expect(countdown(container)).toBe('Ends in 01:30');
    room.advance(30_000);
    expect(countdown(container)).toBe('Ends in 01:00');
    room.advance(59_000);
    expect(countdown(container)).toBe('Ends in 00:01');
    room.advance(1_000);
    expect(countdown(container)).toBe('Ends in 00:00');
    expect(root(container).getAttribute('data-state')).toBe('expired');
    const button = screen.getByRole('button', { name: 'Expired' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
  });

  it('claims through onClaim: claiming, then claimed with the stock the server reported', async () => {
    const room = await createTestRoom();
    let finish: (value: { remaining: number }) => void = () => {};
    const onClaim = vi.fn((_: CouponView) => new Promise<{ remaining: number }>((resolve) => (finish = resolve)));
    const { container } = room.render(<CouponPopup onClaim={onClaim} />);
    room.deliver(issue(T0));
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    fireEvent.click(container.querySelector('.ls-coupon__claim') as HTMLElement);
    expect(onClaim).toHaveBeenCalledTimes(1);
    expect(onClaim.mock.calls[0]?.[0]).toMatchObject({ id: 'c1', amount: 500 });
    const claiming = screen.getByRole('button', { name: 'Claiming…' });
    expect(claiming.getAttribute('aria-busy')).toBe('true');
    expect(root(container).getAttribute('data-state')).toBe('claiming');

    await act(async () => finish({ remaining: 7 }));
    room.commit();
    expect(root(container).getAttribute('data-state')).toBe('claimed');
    expect(screen.getByRole('button', { name: 'Claimed ✓' }).getAttribute('aria-disabled')).toBe('true');
    expect(container.querySelector('.ls-coupon__left')?.textContent).toBe('7 of 10 left');
  });

  it('shows why a claim failed and lets the viewer retry', async () => {
    const room = await createTestRoom();
    const onClaim = vi.fn(async () => {
      throw new Error('Claims are limited to one per account');
    });
    room.render(<CouponPopup onClaim={onClaim} />);
    room.deliver(issue(T0));
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Claims are limited to one per account');
    expect(screen.getByRole('button', { name: 'Claim' }).getAttribute('aria-disabled')).toBeNull();
  });

  it('shows a merchant API refusal by its code, and treats "already claimed" as claimed', async () => {
    const room = await createTestRoom();
    let refusal = new LiveSellError('SOLD_OUT', 'claimCoupon: SOLD_OUT');
    const onClaim = vi.fn(async () => {
      throw refusal;
    });
    const { container } = room.render(<CouponPopup onClaim={onClaim} />);
    room.deliver(issue(T0));
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Sold out.');
    refusal = new LiveSellError('ALREADY_CLAIMED', 'claimCoupon: ALREADY_CLAIMED');
    fireEvent.click(screen.getByRole('button', { name: 'Claim' }));
    await settle();
    room.commit();
    expect(root(container).getAttribute('data-state')).toBe('claimed');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('turns sold out when the server announces the last claim, and stays until closed', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<CouponPopup onClaim={() => {}} />);
    room.deliver(issue(T0, { remaining: 2, stock: 2 }));
    room.deliver(claimedBy('ann', 1, 'k1'));
    expect(container.querySelector('.ls-coupon__left')?.textContent).toBe('1 of 2 left');
    room.deliver(claimedBy('bob', 0, 'k2'));
    expect(root(container).getAttribute('data-state')).toBe('sold-out');
    expect(screen.getByRole('button', { name: 'All claimed' }).getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Close coupon' }));
    expect(root(container).getAttribute('data-state')).toBe('minimized');
    fireEvent.click(screen.getByRole('button', { name: 'Coupon ¥5' }));
    expect(root(container).getAttribute('data-state')).toBe('sold-out');
  });

  it('ignores a coupon "issued" by a viewer', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<CouponPopup onClaim={() => {}} />);
    room.deliver(
      incoming.custom('eve', {
        data: 'ISSUE_COUPON',
        extension: JSON.stringify({
          couponID: 'x',
          amount: 99900,
          stock: 1,
          remaining: 1,
          expiresAt: T0 + 60_000,
          serverTime: T0,
        }),
      }),
    );
    expect(root(container).getAttribute('data-state')).toBe('none');
  });
});

describe('CouponPopup and the room lifecycle', () => {
  const status = (value: string) =>
    incoming.tip('host', { operationType: 6, newGroupProfile: { groupCustomField: [{ key: 'room_status', value }] } });

  it('disables claiming with a clear label once the show has ended; a paused show still lets viewers claim', async () => {
    const room = await createTestRoom();
    const onClaim = vi.fn();
    const { container } = room.render(<CouponPopup onClaim={onClaim} />);
    room.deliver(status('live'), issue(T0));
    room.deliver(status('paused'));
    expect(root(container).getAttribute('data-state')).toBe('available');
    room.deliver(status('ended'));
    expect(root(container).getAttribute('data-state')).toBe('ended');
    const button = screen.getByRole('button', { name: 'Show ended' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    expect(onClaim).not.toHaveBeenCalled();
  });
});
