import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestRoom, incoming, settle, type TestRoom } from '../shared/testing/room';
import { RoomHeader } from './RoomHeader';

afterEach(cleanup);

const sentData = (room: TestRoom) => room.tim.sent.map((m) => (m.payload as { data?: string }).data);

describe('RoomHeader', () => {
  it("shows the host's avatar and name and the viewer count", async () => {
    const room = await createTestRoom();
    const { container } = room.render(
      <RoomHeader>
        <span data-testid="extra">LIVE</span>
      </RoomHeader>,
    );
    expect(container.querySelector('.ls-header__name')?.textContent).toBe('Host');
    expect(container.querySelector('.ls-header__avatar')?.getAttribute('src')).toBe('https://img/host.png');
    room.deliver(incoming.tip('ann', { operationType: 1, userIDList: ['ann'], memberCount: 1234 }));
    expect(container.querySelector('.ls-header__viewers')?.textContent).toBe('1.2k watching');
    expect(screen.getByTestId('extra').textContent).toBe('LIVE');
  });

  it("gives the host's avatar a text alternative, and shows the nickname's initial when there is no image", async () => {
    const room = await createTestRoom();
    const { container } = room.render(<RoomHeader />);
    const image = container.querySelector('.ls-header__avatar') as HTMLElement & { nativeProps?: { alt?: string } };
    expect(image.nativeProps?.alt).toBe("Host's avatar");

    const bare = await createTestRoom({
      prepare: (tim) => {
        tim.group.ownerID = 'viewer_k3x9';
        tim.profiles.viewer_k3x9 = { userID: 'viewer_k3x9', nick: 'Ava 22', avatar: '' };
      },
    });
    const view = bare.render(<RoomHeader labels={{ avatar: (nick) => `${nick}的头像` }} />);
    const empty = view.container.querySelector('.ls-header__avatar--empty') as HTMLElement;
    expect(empty.textContent).toBe('A');
    expect(empty.getAttribute('aria-hidden')).toBe('true');
  });

  it('follows and unfollows the host through attention / cancelAttention', async () => {
    const room = await createTestRoom();
    const onFollowChange = vi.fn();
    room.render(<RoomHeader onFollowChange={onFollowChange} />);
    const button = screen.getByRole('button', { name: 'Follow Host' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(button.textContent).toBe('Follow');

    fireEvent.click(button);
    await settle();
    room.commit();
    expect(sentData(room)).toEqual(['ATTENTION']);
    expect(onFollowChange).toHaveBeenLastCalledWith(true);
    const following = screen.getByRole('button', { name: 'Unfollow Host' });
    expect(following.getAttribute('aria-pressed')).toBe('true');
    expect(following.textContent).toBe('Following');
    expect(following.getAttribute('data-state')).toBe('following');

    fireEvent.click(following);
    await settle();
    room.commit();
    expect(sentData(room)).toEqual(['ATTENTION', 'CANCELATTENTION']);
    expect(screen.getByRole('button', { name: 'Follow Host' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('keeps the state and reports the error when following fails', async () => {
    const room = await createTestRoom();
    room.tim.answers.sendMessage = { code: 2996, message: 'too frequent' };
    const onError = vi.fn();
    room.render(<RoomHeader onError={onError} />);
    fireEvent.click(screen.getByRole('button', { name: 'Follow Host' }));
    await settle();
    room.commit();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ code: 'RATE_LIMITED' });
    expect(screen.getByRole('button', { name: 'Follow Host' }).getAttribute('data-state')).toBe('not-following');
  });

  it('shows no follow button to the host', async () => {
    const room = await createTestRoom({ userID: 'host' });
    const { container } = room.render(<RoomHeader />);
    const follow = container.querySelector('.ls-header__follow') as HTMLElement;
    expect(follow.className).toContain('ls-header__follow--hidden');
    expect(follow.getAttribute('aria-disabled')).toBe('true');
  });
});
