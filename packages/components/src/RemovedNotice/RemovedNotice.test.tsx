import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZH_CN } from '../locales/zh-CN';
import { createModerationRoom } from '../shared/testing/moderation';
import { incoming } from '../shared/testing/room';
import { RemovedNotice } from './RemovedNotice';

afterEach(cleanup);

describe('RemovedNotice', () => {
  it('renders nothing while the viewer is in the room', async () => {
    const room = await createModerationRoom();
    const { container } = room.render(<RemovedNotice />);
    expect(container.querySelector('.ls-removed')).toBeNull();
  });

  it('says why, in English or Chinese, and leaves on OK', async () => {
    const room = await createModerationRoom();
    const onLeave = vi.fn();
    const view = room.render(<RemovedNotice reason="blocked" onLeave={onLeave} />);
    const dialog = screen.getByRole('alertdialog', { name: 'You left the live room' });
    expect(dialog.textContent).toContain('You can’t rejoin it.');
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(onLeave).toHaveBeenCalledTimes(1);
    view.rerender(<RemovedNotice reason="kicked" labels={ZH_CN.moderation} />);
    expect(screen.getByRole('alertdialog').textContent).toContain('主播已将你移出直播间。');
  });

  it('appears when the host removes this viewer (tip 3: kicked; tip 10: blocked), and not for someone else', async () => {
    const room = await createModerationRoom();
    room.render(<RemovedNotice />);
    room.deliver(incoming.tip('host', { operationType: 3, userIDList: ['someone-else'] }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    room.deliver(
      incoming.tip('host', { operationType: 10, userIDList: ['me'], memberList: [{ userID: 'me', muteTime: 600 }] }),
    );
    expect(screen.getByRole('alertdialog').textContent).toContain('You can’t rejoin it.');
  });
});
