import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createModerationRoom, fakeModeration } from '../shared/testing/moderation';
import { settle } from '../shared/testing/room';
import { AudienceList } from './AudienceList';

afterEach(cleanup);

const audience = {
  total: 1234,
  members: [
    { userID: 'host', nick: 'Lina', avatar: '', role: 'owner' as const, muteUntil: 0, joinTime: 3 },
    { userID: 'mod1', nick: 'Assistant', avatar: '', role: 'admin' as const, muteUntil: 0, joinTime: 2 },
    { userID: 'ava', nick: '<b>Ava</b>', avatar: '', role: 'member' as const, muteUntil: 0, joinTime: 1 },
  ],
};

describe('AudienceList', () => {
  it('lists the latest viewers and the total, names as text, and no actions for a viewer', async () => {
    const room = await createModerationRoom({ userID: 'ava' });
    const moderation = fakeModeration({ audience });
    const { container } = room.render(<AudienceList moderation={moderation} open onOpenChange={() => {}} />);
    await settle();
    expect(moderation.audience).toHaveBeenCalledWith({ count: 100 });
    expect(screen.getByRole('dialog', { name: 'Audience (1.2k)' })).toBeTruthy();
    expect(screen.getByText('The latest 3 of 1.2k viewers')).toBeTruthy();
    expect(screen.getAllByRole('listitem').map((r) => r.querySelector('.ls-audience__nick')?.textContent)).toEqual([
      'Lina',
      'Assistant',
      '<b>Ava</b>',
    ]);
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelector('.ls-audience__action')).toBeNull();
  });

  it('gives the host an action menu on every other row, which mutes', async () => {
    const room = await createModerationRoom({ userID: 'host' });
    const moderation = fakeModeration({ audience });
    room.render(<AudienceList moderation={moderation} open onOpenChange={() => {}} />);
    await settle();
    expect(screen.queryByRole('button', { name: 'Moderate Lina' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Moderate Assistant' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Moderate <b>Ava</b>' }));
    fireEvent.click(screen.getByRole('button', { name: 'Mute for 1 h' }));
    await settle();
    expect(moderation.calls).toContainEqual(['mute', 'ava', 3600]);
    // Reloaded after the action.
    expect(moderation.audience).toHaveBeenCalledTimes(2);
  });
});
