import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRoom, incoming } from '../shared/testing/room';
import { JoinNotice } from './JoinNotice';

afterEach(cleanup);

const joined = (operatorID: string, userIDList: string[], memberList: unknown[] = []) =>
  incoming.tip(operatorID, { operationType: 1, userIDList, memberList });

describe('JoinNotice', () => {
  it('throttles a burst of joins into one notice naming two people', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<JoinNotice />);
    expect(container.querySelector('.ls-join')?.getAttribute('data-state')).toBe('empty');
    room.deliver(joined('ann', ['ann']));
    expect(container.querySelector('.ls-join__text')?.textContent).toBe('ann-nick joined');
    const first = container.querySelector('.ls-join__item');
    room.deliver(joined('bob', ['bob'], [{ userID: 'bob', nick: 'Bob', avatar: '' }]));
    const others = Array.from({ length: 37 }, (_, i) => `u${i}`);
    room.deliver(joined('u0', others));
    expect(container.querySelectorAll('.ls-join__item')).toHaveLength(1);
    expect(container.querySelector('.ls-join__text')?.textContent).toBe('ann-nick, Bob and 37 others joined');
    // Same burst, same element: the slide-in does not replay for every join.
    expect(container.querySelector('.ls-join__item')).toBe(first);
  });

  it('starts a new notice after the burst window, and accepts a custom format', async () => {
    const room = await createTestRoom();
    const { container } = room.render(
      <JoinNotice
        format={(n) =>
          `${n.users.map((u) => u.nick).join('、')} 来了${n.others ? ` 等${n.others + n.users.length}人` : ''}`
        }
      />,
    );
    room.deliver(joined('ann', ['ann']));
    const first = container.querySelector('.ls-join__item');
    room.advance(3500);
    room.deliver(joined('cat', ['cat']));
    expect(container.querySelector('.ls-join__item')).not.toBe(first);
    expect(container.querySelector('.ls-join__text')?.textContent).toBe('cat-nick 来了');
  });
});
