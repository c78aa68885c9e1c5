import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createModerationRoom, fakeModeration } from '../shared/testing/moderation';
import { settle, T0 } from '../shared/testing/room';
import { ModerationPanel } from './ModerationPanel';

afterEach(cleanup);

function typeInto(input: Element, value: string) {
  fireEvent(input, new CustomEvent('input', { detail: { value, cursor: value.length } }));
}

const owner = { userID: 'host' };

describe('ModerationPanel', () => {
  it('lists muted viewers with the time left and removed viewers, each with undo', async () => {
    const room = await createModerationRoom(owner);
    const moderation = fakeModeration({
      settings: {
        muted: [{ userID: 'ava', nick: 'Ava 22', until: T0 + 581_000 }],
        blocked: [{ userID: 'bob', nick: 'Bob', until: T0 + 7 * 24 * 3600_000 }],
      },
    });
    const { container } = room.render(<ModerationPanel moderation={moderation} refreshMs={0} />);
    await settle();
    const muted = container.querySelector('[data-user="ava"]') as HTMLElement;
    expect(muted.textContent).toContain('Ava 22');
    expect(muted.textContent).toContain('9:41 left');
    fireEvent.click(screen.getByRole('button', { name: 'Unmute Ava 22' }));
    await settle();
    expect(moderation.calls).toContainEqual(['unmute', 'ava']);
    expect(container.querySelector('[data-user="ava"]')).toBeNull();
    expect(screen.getByText('Nobody is muted.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Let Bob back in' }));
    await settle();
    expect(moderation.calls).toContainEqual(['unblock', 'bob']);
    expect(screen.getByText('Nobody is removed.')).toBeTruthy();
  });

  it('edits the word list, the link switch, the filter mode and slow mode through updateSettings', async () => {
    const room = await createModerationRoom(owner);
    const moderation = fakeModeration({ settings: { words: ['cheap'] } });
    const { container } = room.render(<ModerationPanel moderation={moderation} refreshMs={0} />);
    await settle();
    typeInto(container.querySelector('.ls-mod-panel__word-input') as Element, '  spam  ');
    fireEvent.click(screen.getByRole('button', { name: 'Add: New blocked word' }));
    await settle();
    expect(moderation.calls).toContainEqual(['updateSettings', { words: ['cheap', 'spam'] }]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove “cheap”' }));
    await settle();
    expect(moderation.calls).toContainEqual(['updateSettings', { words: ['spam'] }]);

    const links = screen.getByRole('button', { name: 'No links in chat' });
    expect(links.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(links);
    await settle();
    expect(screen.getByRole('button', { name: 'No links in chat' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'is seen only by its sender' }));
    await settle();
    expect(moderation.calls).toContainEqual(['updateSettings', { filterMode: 'sender-only' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Slow mode: 5 s between messages' }));
    await settle();
    expect(moderation.calls).toContainEqual(['updateSettings', { slowModeSeconds: 5 }]);
    expect(screen.getByRole('button', { name: 'Slow mode: 5 s between messages' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByRole('status').textContent).toBe('Saved');
  });

  it('shows a refused change as an error', async () => {
    const room = await createModerationRoom(owner);
    const moderation = fakeModeration();
    moderation.updateSettings = async () => {
      throw new Error('slowModeSeconds must be 0–300');
    };
    room.render(<ModerationPanel moderation={moderation} refreshMs={0} />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Slow mode: 60 s between messages' }));
    await settle();
    expect(screen.getByRole('status').textContent).toBe('slowModeSeconds must be 0–300');
  });

  it('lets only the owner appoint and dismiss admins', async () => {
    const host = await createModerationRoom(owner);
    const moderation = fakeModeration({ settings: { admins: ['mod1'] } });
    const view = host.render(<ModerationPanel moderation={moderation} refreshMs={0} />);
    await settle();
    typeInto(view.container.querySelector('.ls-mod-panel__admin-input') as Element, 'assistant');
    fireEvent.click(screen.getByRole('button', { name: 'Appoint: User ID of a new admin' }));
    await settle();
    expect(moderation.calls).toContainEqual(['setAdmin', 'assistant', true]);
    expect(view.container.querySelector('[data-user="assistant"]')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Remove admin mod1' }));
    await settle();
    expect(moderation.calls).toContainEqual(['setAdmin', 'mod1', false]);
    cleanup();

    const admin = await createModerationRoom({ userID: 'mod1' });
    const other = admin.render(
      <ModerationPanel moderation={fakeModeration({ settings: { admins: ['mod1'] } })} refreshMs={0} />,
    );
    await settle();
    expect(other.container.querySelector('.ls-mod-panel__admin-input')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Remove admin mod1' })).toBeNull();
    expect(screen.getByText('Only the host appoints admins.')).toBeTruthy();
  });
});
