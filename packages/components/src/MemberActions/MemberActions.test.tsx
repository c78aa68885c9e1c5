import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZH_CN } from '../locales/zh-CN';
import { createModerationRoom, fakeModeration } from '../shared/testing/moderation';
import { settle } from '../shared/testing/room';
import { MemberActions } from './MemberActions';

// The browser's focus handling (Escape, focus trap, focus return); weapp's seam does nothing.
vi.mock('../shared/use-dialog-focus', () => import('../shared/use-dialog-focus.h5'));

afterEach(cleanup);

const ava = { userID: 'ava', nick: 'Ava 22', role: 'member', messageID: 'msg-1' };

describe('MemberActions', () => {
  it('renders nothing but its root while closed', async () => {
    const room = await createModerationRoom();
    const { container } = room.render(<MemberActions moderation={fakeModeration()} target={null} onClose={() => {}} />);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(container.querySelector('.ls-member-actions')?.getAttribute('data-state')).toBe('closed');
  });

  it('mutes for the chosen time, closes and announces it', async () => {
    const room = await createModerationRoom();
    const moderation = fakeModeration();
    const onClose = vi.fn();
    const onDone = vi.fn();
    room.render(<MemberActions moderation={moderation} target={ava} onClose={onClose} onDone={onDone} />);
    expect(screen.getByRole('dialog', { name: 'Ava 22' })).toBeTruthy();
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label'));
    expect(names).toEqual([
      'Mute for 1 min',
      'Mute for 10 min',
      'Mute for 1 h',
      'Mute for the rest of the show',
      'Unmute',
      'Delete this message',
      'Remove from the room',
      'Remove and block re-entry',
      'Cancel',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Mute for 10 min' }));
    await settle();
    expect(moderation.calls).toEqual([['mute', 'ava', 600]]);
    expect(onClose).toHaveBeenCalled();
    expect(onDone).toHaveBeenCalledWith('Ava 22 is muted for 10 min');
    expect(screen.getByRole('status').textContent).toBe('Ava 22 is muted for 10 min');
  });

  it('deletes the message, removes, and removes with a block', async () => {
    const room = await createModerationRoom();
    const moderation = fakeModeration();
    room.render(<MemberActions moderation={moderation} target={ava} onClose={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete this message' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove from the room' }));
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Remove and block re-entry' }));
    await settle();
    expect(moderation.calls).toEqual([
      ['deleteMessage', 'msg-1'],
      ['remove', 'ava'],
      ['remove', 'ava', { block: true }],
    ]);
  });

  it('offers no delete for a member without a message (the audience list)', async () => {
    const room = await createModerationRoom();
    room.render(
      <MemberActions moderation={fakeModeration()} target={{ userID: 'ava', nick: 'Ava' }} onClose={() => {}} />,
    );
    expect(screen.queryByRole('button', { name: 'Delete this message' })).toBeNull();
  });

  it('keeps the menu open with an alert when the server refuses', async () => {
    const room = await createModerationRoom();
    const moderation = fakeModeration();
    moderation.mute = vi.fn(async () => {
      throw new Error('Only the owner or an admin may mute');
    });
    const onClose = vi.fn();
    room.render(<MemberActions moderation={moderation} target={ava} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Mute for 1 min' }));
    await settle();
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Only the owner or an admin may mute');
  });

  it('closes on Escape', async () => {
    const room = await createModerationRoom();
    const onClose = vi.fn();
    room.render(<MemberActions moderation={fakeModeration()} target={ava} onClose={onClose} />);
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('speaks Chinese with ZH_CN.moderation', async () => {
    const room = await createModerationRoom();
    room.render(
      <MemberActions moderation={fakeModeration()} target={ava} labels={ZH_CN.moderation} onClose={() => {}} />,
    );
    expect(screen.getByRole('button', { name: '禁言 10 分钟' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '禁言本场直播' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '移出并禁止再次进入' })).toBeTruthy();
  });
});
