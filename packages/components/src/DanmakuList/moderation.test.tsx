import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZH_CN } from '../locales/zh-CN';
import { createModerationRoom, fakeModeration } from '../shared/testing/moderation';
import { incoming, settle, T0, type TestRoom } from '../shared/testing/room';
import { DanmakuList } from './DanmakuList';

// The H5 seams: the browser viewport, the "⋯" row button, keyboard focus for the menu.
vi.mock('./danmaku-viewport', () => import('./danmaku-viewport.h5'));
vi.mock('./row-menu', () => import('./row-menu.h5'));
vi.mock('../shared/use-dialog-focus', () => import('../shared/use-dialog-focus.h5'));

afterEach(cleanup);

function typeInto(container: HTMLElement, value: string) {
  const input = container.querySelector('taro-input-core') as HTMLElement;
  fireEvent(input, new CustomEvent('input', { detail: { value, cursor: value.length } }));
}

async function send(room: TestRoom, container: HTMLElement, text: string) {
  typeInto(container, text);
  fireEvent.click(screen.getByRole('button', { name: 'Send' }));
  await settle();
  room.commit();
}

describe('DanmakuList: moderation', () => {
  it('gives a viewer no row menu, even with a moderation client', async () => {
    const room = await createModerationRoom({ userID: 'ava' });
    const { container } = room.render(<DanmakuList moderation={fakeModeration()} />);
    room.deliver(incoming.text('bob', 'hello'));
    expect(container.querySelector('.ls-danmaku__more')).toBeNull();
  });

  it("gives the host a '⋯' on others' rows that opens the member menu and deletes that message", async () => {
    const room = await createModerationRoom({ userID: 'host' });
    const moderation = fakeModeration();
    const { container } = room.render(<DanmakuList moderation={moderation} />);
    room.deliver(incoming.text('bob', 'buy elsewhere', { ID: 'm-bob' }), incoming.text('ava', 'hi'));
    const more = screen.getByRole('button', { name: 'Moderate bob-nick' });
    expect(more.getAttribute('aria-haspopup')).toBe('dialog');
    expect(container.querySelectorAll('.ls-danmaku__more')).toHaveLength(2);
    fireEvent.click(more);
    expect(screen.getByRole('dialog', { name: 'bob-nick' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete this message' }));
    await settle();
    expect(moderation.calls).toEqual([['deleteMessage', 'm-bob']]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says a filtered send was refused', async () => {
    const room = await createModerationRoom();
    const { container } = room.render(<DanmakuList />);
    room.tim.answers.sendMessage = { code: 80001, message: 'content filtered' };
    await send(room, container, 'cheap copies at example.com');
    expect(screen.getByRole('alert').textContent).toBe('Not sent: this room doesn’t allow that.');
    room.tim.answers.sendMessage = { code: 10101, message: 'slow mode' };
    await send(room, container, 'again');
    expect(screen.getByRole('alert').textContent).toMatch(
      /^(Slow mode is on — wait a moment\.|You can send again in \d+ s)$/,
    );
  });

  it('says a muted send was refused, in Chinese too', async () => {
    const room = await createModerationRoom();
    const { container } = room.render(<DanmakuList labels={ZH_CN.danmaku} />);
    room.tim.answers.sendMessage = { code: 10017, message: 'muted' };
    typeInto(container, '你好');
    fireEvent.click(screen.getByRole('button', { name: '发送' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('你已被禁言');
    // The IM's reply says until when (server ms): the refusal shows the time left.
    room.tim.answers.sendMessage = { code: 10017, message: 'muted', data: { muteUntil: T0 + 581_000 } };
    fireEvent.click(screen.getByRole('button', { name: '发送' }));
    await settle();
    room.commit();
    // The store learns the mute from the refusal: the ticking line below says how long, the alert just says no.
    expect(container.querySelector('.ls-danmaku__limit')?.textContent).toBe('已被禁言 · 还剩 9:41');
    expect(screen.getByRole('alert').textContent).toBe('你已被禁言');
  });
});

describe('DanmakuList: moderation state from the room', () => {
  it('shows the muted state with the time left, ticking, until the mute ends', async () => {
    const room = await createModerationRoom();
    const { container } = room.render(<DanmakuList />);
    // Tencent's member-profile tip (7) with this user's muteTime, as the IM sends it to the room.
    room.deliver(
      incoming.tip('host', { operationType: 7, userIDList: ['me'], memberList: [{ userID: 'me', muteTime: 600 }] }),
    );
    const limit = () => container.querySelector('.ls-danmaku__limit') as HTMLElement;
    expect(limit().textContent).toBe('Muted · 10:00 left');
    expect(container.querySelector('.ls-danmaku__composer')?.getAttribute('data-state')).toBe('muted');
    expect(container.querySelector('taro-input-core')?.getAttribute('placeholder')).toBe('Muted · 10:00 left');
    room.advance(61_000);
    expect(limit().textContent).toBe('Muted · 8:59 left');
    room.advance(540_000);
    expect(limit().textContent).toBe('');
    expect(container.querySelector('.ls-danmaku__composer')?.getAttribute('data-state')).toBe('idle');
  });

  it('says "for the rest of the show" for a long mute', async () => {
    const room = await createModerationRoom();
    const { container } = room.render(<DanmakuList labels={ZH_CN.danmaku} />);
    room.deliver(
      incoming.tip('host', {
        operationType: 7,
        userIDList: ['me'],
        memberList: [{ userID: 'me', muteTime: 7 * 24 * 3600 }],
      }),
    );
    expect(container.querySelector('.ls-danmaku__limit')?.textContent).toBe('本场直播已被禁言');
  });

  it("empties a deleted message's slot in place; the other rows keep their nodes", async () => {
    const room = await createModerationRoom({ userID: 'host' });
    const { container } = room.render(<DanmakuList />);
    room.deliver(
      incoming.text('ava', 'one', { ID: 'm1' }),
      incoming.text('bob', 'two', { ID: 'm2' }),
      incoming.text('ava', 'three', { ID: 'm3' }),
    );
    const nodes = Array.from(container.querySelectorAll('.ls-danmaku__row'));
    act(() =>
      room.tim.fire('onMessageRevoked', [
        { ID: 'm2', to: '@TGS#room', conversationID: 'GROUP@TGS#room', isRevoked: true },
      ]),
    );
    room.commit();
    const after = Array.from(container.querySelectorAll('.ls-danmaku__row'));
    expect(after).toHaveLength(nodes.length);
    for (let i = 0; i < after.length; i++) expect(after[i]).toBe(nodes[i]);
    expect(
      after
        .filter((n) => !n.className.includes('--empty'))
        .map((n) => n.querySelector('.ls-danmaku__text')?.textContent),
    ).toEqual(['one', 'three']);
  });
});
