import type { MerchantGoods } from '@livesell/core';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestRoom, incoming, settle, type TestRoom } from '../shared/testing/room';
import { ExplainingCard } from './ExplainingCard';
import { GoodsShelf } from './GoodsShelf';
import { PurchaseTicker } from './PurchaseTicker';
import { ShelfButton } from './ShelfButton';

afterEach(cleanup);

function goods(id: string, over: Partial<MerchantGoods> = {}): MerchantGoods {
  return {
    id,
    roomID: '@TGS#room',
    title: `Product ${id}`,
    price: 1290,
    originalPrice: null,
    image: `https://cdn.example/${id}.jpg`,
    stock: 50,
    sold: 0,
    status: 'on',
    position: 0,
    updatedAt: 0,
    ...over,
  };
}

const SHELF = [
  goods('tea', { title: 'Oolong tea', position: 2, price: 1290, originalPrice: 1990, stock: 3 }),
  goods('cup', { title: 'Glass cup', position: 1, price: 5900, sold: 120 }),
  goods('pot', { title: 'Clay pot', position: 3, stock: 0 }),
  goods('old', { title: 'Hidden', position: 0, status: 'off' }),
];

function stock(room: TestRoom, list = SHELF) {
  act(() => {
    room.store.actions.setGoods(list);
    room.store.flush();
  });
}

const explain = (room: TestRoom, value: string) =>
  room.deliver(
    incoming.tip('host', { operationType: 6, newGroupProfile: { groupCustomField: [{ key: 'add_goods', value }] } }),
  );

const titles = (container: HTMLElement) =>
  Array.from(container.querySelectorAll('.ls-goods__title')).map((n) => n.textContent);

describe('GoodsShelf', () => {
  it('lists the products on sale in shelf order with image, price, stock and sold-out state', async () => {
    const room = await createTestRoom();
    stock(room);
    const { container } = room.render(<GoodsShelf onBuy={() => {}} defaultOpen />);
    expect(screen.getByRole('dialog', { name: 'Products (3)' })).toBeTruthy();
    expect(titles(container)).toEqual(['Glass cup', 'Oolong tea', 'Clay pot']);

    const tea = container.querySelector('[data-goods="tea"]') as HTMLElement;
    expect(tea.querySelector('.ls-goods__price')?.textContent).toBe('¥12.90');
    expect(tea.querySelector('.ls-goods__original')?.textContent).toBe('¥19.90');
    expect(tea.querySelector('.ls-goods__stock')?.textContent).toBe('Only 3 left');
    expect(tea.querySelector('.ls-goods__image')?.getAttribute('src')).toBe('https://cdn.example/tea.jpg');
    expect(container.querySelector('[data-goods="cup"] .ls-goods__stock')?.textContent).toBe('120 sold');

    const pot = container.querySelector('[data-goods="pot"]') as HTMLElement;
    expect(pot.getAttribute('data-state')).toBe('sold-out');
    const soldOut = screen.getByRole('button', { name: 'Buy Clay pot, ¥12.90' });
    expect(soldOut.textContent).toBe('Sold out');
    expect(soldOut.getAttribute('aria-disabled')).toBe('true');
  });

  it('pins the product being explained on top, once, driven by ADD_GOODS', async () => {
    const room = await createTestRoom();
    stock(room);
    const { container } = room.render(<GoodsShelf onBuy={() => {}} defaultOpen />);
    explain(room, '{"id":"tea","v":3}');
    expect(titles(container)).toEqual(['Oolong tea', 'Glass cup', 'Clay pot']);
    const pinned = container.querySelector('.ls-shelf__pinned .ls-goods') as HTMLElement;
    expect(pinned.getAttribute('data-state')).toBe('explaining');
    expect(pinned.querySelector('.ls-goods__live')?.textContent).toBe('Explaining');
    explain(room, '');
    expect(container.querySelector('.ls-shelf__pinned')).toBeNull();
    expect(titles(container)).toEqual(['Glass cup', 'Oolong tea', 'Clay pot']);
  });

  it('calls onBuy with the product and shows pending, done and error states; a double tap orders once', async () => {
    const room = await createTestRoom();
    stock(room);
    let finish: (ok: boolean) => void = () => {};
    const onBuy = vi.fn(
      () =>
        new Promise<void>((resolve, reject) => {
          finish = (ok) => (ok ? resolve() : reject(new Error('Only 2 left, try fewer')));
        }),
    );
    room.render(<GoodsShelf onBuy={onBuy} defaultOpen />);
    const button = screen.getByRole('button', { name: 'Buy Glass cup, ¥59' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(onBuy).toHaveBeenCalledTimes(1);
    expect(onBuy.mock.calls[0]).toEqual([SHELF[1]]);
    expect(button.getAttribute('data-state')).toBe('pending');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent).toBe('Ordering…');

    await act(async () => finish(true));
    expect(button.getAttribute('data-state')).toBe('done');
    expect(button.textContent).toBe('Ordered ✓');

    fireEvent.click(button);
    await act(async () => finish(false));
    await settle();
    expect(button.getAttribute('data-state')).toBe('error');
    expect(screen.getByRole('alert').textContent).toBe('Only 2 left, try fewer');
  });

  it('opens and closes like a sheet', async () => {
    const room = await createTestRoom();
    stock(room);
    const onOpenChange = vi.fn();
    const { container } = room.render(<GoodsShelf onBuy={() => {}} defaultOpen onOpenChange={onOpenChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close products' }));
    expect(onOpenChange).toHaveBeenCalledWith(false);
    expect(container.querySelector('.ls-shelf')?.getAttribute('data-state')).toBe('closed');
    expect(container.querySelector('.ls-goods')).toBeNull();
  });
});

describe('ExplainingCard', () => {
  it('appears with the explained product, works without the shelf, and leaves when cleared', async () => {
    const room = await createTestRoom();
    const onBuy = vi.fn(async () => {});
    const { container } = room.render(<ExplainingCard onBuy={onBuy} />);
    expect(container.querySelector('.ls-explaining')?.getAttribute('data-state')).toBe('hidden');

    // Not on the (empty) shelf: the card shows what the field carries.
    explain(room, '{"id":"tea","v":1,"t":"Oolong tea","p":1290}');
    expect(container.querySelector('.ls-explaining')?.getAttribute('data-state')).toBe('visible');
    expect(container.querySelector('.ls-goods__title')?.textContent).toBe('Oolong tea');
    fireEvent.click(screen.getByRole('button', { name: 'Buy Oolong tea, ¥12.90' }));
    await settle();
    expect(onBuy).toHaveBeenCalledWith({ id: 'tea', title: 'Oolong tea', price: 1290 });

    // With the shelf loaded the card uses the shelf record (stock, image).
    stock(room);
    expect(container.querySelector('.ls-goods__stock')?.textContent).toBe('Only 3 left');

    explain(room, '');
    expect(container.querySelector('.ls-explaining')?.getAttribute('data-state')).toBe('hidden');
  });

  it('ignores an ADD_GOODS from a viewer', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<ExplainingCard onBuy={() => {}} />);
    room.deliver(incoming.custom('eve', { data: 'ADD_GOODS', extension: '{"id":"scam","t":"Free iPhone"}' }));
    expect(container.querySelector('.ls-goods')).toBeNull();
  });
});

describe('PurchaseTicker', () => {
  const announced = (extra: Record<string, unknown> = {}) =>
    incoming.custom('administrator', {
      data: 'BUY_GOODS',
      extension: JSON.stringify({
        orderID: 'o1',
        goodsID: 'tea',
        title: 'Oolong tea',
        quantity: 2,
        userID: 'bob',
        nick: 'Bob',
        stock: 1,
        serverTime: 1_700_000_000_000,
        ...extra,
      }),
    });

  it('marks purchases the merchant server announced as verified', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<PurchaseTicker />);
    room.deliver(announced());
    const item = container.querySelector('.ls-purchase__item') as HTMLElement;
    expect(item.getAttribute('data-state')).toBe('verified');
    expect(item.querySelector('.ls-purchase__text')?.textContent).toBe('Bob bought 2 × Oolong tea');
    expect(item.querySelector('.ls-purchase__verified')?.textContent).toBe('✓ Verified');
  });

  it('shows a viewer-sent purchase without the mark, or not at all when asked', async () => {
    const room = await createTestRoom();
    const forged = incoming.custom('eve', { data: 'BUY_GOODS', extension: '{"goodsID":"tea","title":"Oolong tea"}' });
    const { container } = room.render(<PurchaseTicker />);
    room.deliver(forged);
    const item = container.querySelector('.ls-purchase__item') as HTMLElement;
    expect(item.getAttribute('data-state')).toBe('unverified');
    expect(item.querySelector('.ls-purchase__verified')).toBeNull();
    cleanup();
    const strict = room.render(<PurchaseTicker showUnverified={false} />);
    expect(strict.container.querySelector('.ls-purchase__item')).toBeNull();
  });

  it('shows a burst the server merged as "+N bought", and counts every item sold', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<PurchaseTicker />);
    room.deliver(announced({ orderID: 'o9', merged: 12, quantity: 15 }));
    expect(container.querySelector('.ls-purchase__text')?.textContent).toBe('+12 bought Oolong tea');
    expect(room.store.getState().purchases.at(-1)).toMatchObject({ merged: 12, quantity: 15, verified: true });
  });

  it('ignores a merged count a viewer claims', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<PurchaseTicker />);
    room.deliver(
      incoming.custom('eve', { data: 'BUY_GOODS', extension: '{"goodsID":"tea","title":"Oolong tea","merged":500}' }),
    );
    expect(container.querySelector('.ls-purchase__text')?.textContent).not.toMatch(/\+500/);
  });

  it('says "You" for own purchases', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<PurchaseTicker />);
    room.deliver(announced({ orderID: 'o2', userID: 'me', quantity: 1 }));
    expect(container.querySelector('.ls-purchase__text')?.textContent).toBe('You bought Oolong tea');
  });
});

describe('ShelfButton', () => {
  it('is a labelled button with the number of products on sale', async () => {
    const room = await createTestRoom();
    stock(room);
    const onPress = vi.fn();
    const { container } = room.render(<ShelfButton onPress={onPress} />);
    fireEvent.click(screen.getByRole('button', { name: 'Products, 3 on sale' }));
    expect(onPress).toHaveBeenCalledTimes(1);
    expect(container.querySelector('.ls-shelf-button__count')?.textContent).toBe('3');
  });
});

describe('buying and the room lifecycle', () => {
  const status = (room: TestRoom, value: string) =>
    room.deliver(
      incoming.tip('host', {
        operationType: 6,
        newGroupProfile: { groupCustomField: [{ key: 'room_status', value }] },
      }),
    );

  it('disables every buy button with "Show ended" once the show has ended; paused keeps selling', async () => {
    const room = await createTestRoom();
    stock(room);
    const onBuy = vi.fn(async () => {});
    const { container } = room.render(<GoodsShelf onBuy={onBuy} defaultOpen />);
    status(room, 'paused');
    expect(screen.getByRole('button', { name: 'Buy Glass cup, ¥59' }).getAttribute('aria-disabled')).not.toBe('true');
    status(room, 'ended');
    const button = screen.getByRole('button', { name: 'Buy Glass cup, ¥59: Show ended' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.textContent).toBe('Show ended');
    fireEvent.click(button);
    expect(onBuy).not.toHaveBeenCalled();
    expect(container.querySelectorAll('.ls-buy--ended').length).toBe(3);
  });
});
