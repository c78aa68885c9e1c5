import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestRoom, incoming, settle, type TestRoom } from '../shared/testing/room';
import { DanmakuList } from './DanmakuList';

// The list uses the weapp viewport unless Taro picks the `.h5` seam; these tests run the H5 one
// (the weapp seam has its own test).
vi.mock('./danmaku-viewport', () => import('./danmaku-viewport.h5'));

afterEach(cleanup);

const texts = (container: HTMLElement) =>
  Array.from(container.querySelectorAll<HTMLElement>('.ls-danmaku__row:not(.ls-danmaku__row--empty)'))
    .sort((a, b) => Number(a.style.order) - Number(b.style.order))
    .map((row) => row.querySelector('.ls-danmaku__text')?.textContent);

function typeInto(container: HTMLElement, value: string) {
  const input = container.querySelector('taro-input-core') as HTMLElement;
  fireEvent(input, new CustomEvent('input', { detail: { value, cursor: value.length } }));
}

/** happy-dom has no layout: give the viewport a 100-px window over 30-px rows. */
function fakeLayout(container: HTMLElement) {
  const el = container.querySelector('.ls-danmaku__viewport') as HTMLElement;
  let top = 0;
  const height = () => container.querySelectorAll('.ls-danmaku__row:not(.ls-danmaku__row--empty)').length * 30;
  Object.defineProperty(el, 'clientHeight', { configurable: true, get: () => 100 });
  Object.defineProperty(el, 'scrollHeight', { configurable: true, get: () => Math.max(100, height()) });
  Object.defineProperty(el, 'scrollTop', {
    configurable: true,
    get: () => top,
    set: (v: number) => {
      top = Math.max(0, Math.min(v, el.scrollHeight - 100));
    },
  });
  return {
    el,
    get top() {
      return top;
    },
    userScrollTo(v: number) {
      el.scrollTop = v;
      fireEvent.scroll(el);
    },
    atBottom: () => top === el.scrollHeight - 100,
  };
}

const say = (room: TestRoom, from: string, ...lines: string[]) =>
  room.deliver(...lines.map((line) => incoming.text(from, line)));

describe('DanmakuList', () => {
  it('renders message text as text: markup shows literally and creates no element', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<DanmakuList />);
    say(room, 'alice', '<b>bold</b><img src=x onerror=alert(1)>');
    expect(screen.getByText('<b>bold</b><img src=x onerror=alert(1)>')).toBeTruthy();
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
  });

  it('turns emoji shortcodes into emoji and leaves unknown ones as typed', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<DanmakuList />);
    say(room, 'alice', '[smile] hello [nope] [玫瑰]');
    expect(texts(container)).toEqual(['😊 hello [nope] 🌹']);
  });

  it('shows the host badge, the sender name and an app-supplied level', async () => {
    const room = await createTestRoom();
    const { container } = room.render(
      <DanmakuList badgeOf={(row) => (row.userID === 'alice' ? { level: 12, text: 'VIP' } : undefined)} />,
    );
    say(room, 'host', 'Welcome everyone');
    say(room, 'alice', 'hi');
    const rows = Array.from(container.querySelectorAll('.ls-danmaku__row:not(.ls-danmaku__row--empty)'));
    expect(rows[0]?.querySelector('.ls-danmaku__badge--host')?.textContent).toBe('Host');
    expect(rows[0]?.className).toContain('ls-danmaku__row--host');
    expect(rows[0]?.querySelector('.ls-danmaku__nick')?.textContent).toBe('host-nick');
    expect(rows[1]?.querySelector('.ls-danmaku__badge')).toBeNull();
    expect(rows[1]?.querySelector('.ls-danmaku__level')?.textContent).toBe('Lv12');
    expect(rows[1]?.querySelector('.ls-danmaku__tag')?.textContent).toBe('VIP');
  });

  it('never renders more rows than the ring holds, and keeps each slot node in place when the ring wraps', async () => {
    const room = await createTestRoom({ store: { danmakuSlots: 5 } });
    const { container } = room.render(<DanmakuList />);
    const slotNodes = () => Array.from(container.querySelectorAll<HTMLElement>('.ls-danmaku__row'));
    const before = slotNodes();
    expect(before).toHaveLength(5);

    say(room, 'alice', 'm1', 'm2', 'm3', 'm4');
    const ids = slotNodes().map((n) => n.id);
    say(room, 'bob', 'm5', 'm6', 'm7');
    const after = slotNodes();
    // Same five nodes, same DOM order, same ids: only the slots written to changed.
    expect(after).toHaveLength(5);
    for (const [i, node] of after.entries()) expect(node).toBe(before[i]);
    expect(after.map((n) => n.id)).toEqual(ids);
    expect(texts(container)).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
    // m6 and m7 wrapped around into slots 0 and 1.
    expect(after[0]?.querySelector('.ls-danmaku__text')?.textContent).toBe('m6');
    expect(after[1]?.querySelector('.ls-danmaku__text')?.textContent).toBe('m7');

    for (let i = 0; i < 8; i++) say(room, `u${i}`, `flood ${i}a`, `flood ${i}b`, `flood ${i}c`);
    expect(slotNodes()).toHaveLength(5);
    expect(texts(container)).toEqual(['flood 6b', 'flood 6c', 'flood 7a', 'flood 7b', 'flood 7c']);
  });

  it('re-renders only the slot a new message lands in', async () => {
    const room = await createTestRoom({ store: { danmakuSlots: 4 } });
    // badgeOf runs once per row render: it counts renders.
    const badgeOf = vi.fn(() => undefined);
    room.render(<DanmakuList badgeOf={badgeOf} />);
    say(room, 'alice', 'a', 'b', 'c');
    expect(badgeOf).toHaveBeenCalledTimes(3);
    badgeOf.mockClear();
    say(room, 'bob', 'd');
    expect(badgeOf.mock.calls.map((c) => (c as unknown as [{ text: string }])[0].text)).toEqual(['d']);
    badgeOf.mockClear();
    say(room, 'bob', 'e', 'f');
    // Wrapped around: the two slots holding a and b are rewritten, c and d are not touched.
    expect(badgeOf.mock.calls.map((c) => (c as unknown as [{ text: string }])[0].text)).toEqual(['e', 'f']);
  });

  it('follows new messages at the bottom until the viewer scrolls up, then shows an "N new" chip that jumps down', async () => {
    const room = await createTestRoom({ store: { danmakuSlots: 20 } });
    const { container } = room.render(<DanmakuList />);
    const layout = fakeLayout(container);
    const chip = () => container.querySelector('.ls-danmaku__chip') as HTMLElement;

    say(room, 'alice', 'one', 'two', 'three', 'four', 'five', 'six');
    expect(layout.atBottom()).toBe(true);
    expect(chip().getAttribute('data-state')).toBe('hidden');

    layout.userScrollTo(20);
    say(room, 'bob', 'seven', 'eight', 'nine');
    expect(layout.top).toBe(20);
    expect(chip().getAttribute('data-state')).toBe('visible');
    expect(chip().textContent).toBe('3 new');
    expect(screen.getByRole('button', { name: /3 new\. Jump to the latest messages/ })).toBe(chip());

    fireEvent.click(chip());
    expect(layout.atBottom()).toBe(true);
    expect(chip().getAttribute('data-state')).toBe('hidden');
    say(room, 'bob', 'ten');
    expect(layout.atBottom()).toBe(true);

    // Scrolling back to the bottom by hand also resumes following.
    layout.userScrollTo(0);
    say(room, 'bob', 'eleven');
    expect(chip().textContent).toBe('1 new');
    layout.userScrollTo(10_000);
    expect(chip().getAttribute('data-state')).toBe('hidden');
    say(room, 'bob', 'twelve');
    expect(layout.atBottom()).toBe(true);
  });

  it('sends from the composer, shows the own message once and clears the input', async () => {
    const room = await createTestRoom();
    const onSend = vi.fn();
    const { container } = room.render(<DanmakuList onSend={onSend} />);
    const send = screen.getByRole('button', { name: 'Send' });
    expect(send.getAttribute('aria-disabled')).toBe('true');

    typeInto(container, '  hello room  ');
    expect(send.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(send);
    await settle();
    room.commit();

    expect(room.tim.sent.map((m) => (m.payload as { text: string }).text)).toEqual(['hello room']);
    expect(onSend).toHaveBeenCalledWith(expect.objectContaining({ message: 'hello room' }));
    expect(texts(container)).toEqual(['hello room']);
    expect(container.querySelector('.ls-danmaku__row--self')).not.toBeNull();
    expect((container.querySelector('taro-input-core') as HTMLElement & { value: string }).value).toBe('');
  });

  it('shows a clear error when sending fails, and clears it when the viewer types again', async () => {
    const room = await createTestRoom();
    room.tim.answers.sendMessage = { code: 10017, message: 'muted by admin' };
    const onSendError = vi.fn();
    const { container } = room.render(<DanmakuList onSendError={onSendError} />);
    typeInto(container, 'hello');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await settle();

    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('You are muted in this room.');
    expect(container.querySelector('.ls-danmaku__composer')?.getAttribute('data-state')).toBe('error');
    expect(onSendError.mock.calls[0]?.[0]).toMatchObject({ name: 'LiveSellError', code: 'MUTED' });
    expect(texts(container)).toEqual([]);

    typeInto(container, 'hello!');
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('refuses text over the length limit with a message instead of sending', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<DanmakuList maxLength={5} labels={{ send: 'Post' }} />);
    typeInto(container, '123456');
    const post = screen.getByRole('button', { name: 'Post' });
    expect(post.getAttribute('aria-disabled')).toBe('true');
    fireEvent(container.querySelector('taro-input-core') as HTMLElement, new CustomEvent('confirm', { detail: {} }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Keep it under 5 characters.');
    expect(room.tim.sent).toHaveLength(0);
  });

  it('labels the log and hides the composer on request', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<DanmakuList showInput={false} labels={{ list: '聊天' }} />);
    expect(screen.getByRole('log', { name: '聊天' })).toBeTruthy();
    expect(container.querySelector('taro-input-core')).toBeNull();
  });
});

describe('DanmakuList on H5 (slot order seam)', () => {
  it('keeps the same keyed slot nodes but in time order in the DOM, for screen readers', async () => {
    vi.resetModules();
    vi.doMock('./slot-order', () => import('./slot-order.h5'));
    const { DanmakuList: H5List } = await import('./DanmakuList');
    const { createTestRoom: makeRoom, incoming: msg } = await import('../shared/testing/room');
    const room = await makeRoom({ store: { danmakuSlots: 4 } });
    const { container } = room.render(<H5List />);
    room.deliver(...['a', 'b', 'c'].map((t) => msg.text('ann', t)));
    const byId = () =>
      new Map(Array.from(container.querySelectorAll<HTMLElement>('.ls-danmaku__row')).map((n) => [n.id, n]));
    const before = byId();
    room.deliver(...['d', 'e', 'f'].map((t) => msg.text('bob', t)));
    const domOrder = Array.from(container.querySelectorAll('.ls-danmaku__row .ls-danmaku__text')).map(
      (n) => n.textContent,
    );
    expect(domOrder).toEqual(['c', 'd', 'e', 'f']);
    // Each slot is still the same element (moved, not re-created).
    for (const [id, node] of byId()) expect(node).toBe(before.get(id));
    vi.doUnmock('./slot-order');
  });
});
