import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZH_CN } from '../locales/zh-CN';
import { createTestRoom } from '../shared/testing/room';
import { RemovedNotice } from './RemovedNotice';

afterEach(cleanup);

describe('RemovedNotice', () => {
  it('renders nothing while the viewer is in the room', async () => {
    const room = await createTestRoom();
    const { container } = room.render(<RemovedNotice />);
    expect(container.querySelector('.ls-removed')).toBeNull();
  });

  it('says why, in English or Chinese, and leaves on OK', async () => {
    const room = await createTestRoom();
    const onLeave = vi.fn();
    const view = room.render(<RemovedNotice reason="blocked" onLeave={onLeave} />);
    const dialog = screen.getByRole('alertdialog', { name: 'You left the live room' });
    expect(dialog.textContent).toContain('You can’t rejoin it.');
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    expect(onLeave).toHaveBeenCalledTimes(1);
    view.rerender(<RemovedNotice reason="kicked" labels={ZH_CN.moderation} />);
    expect(screen.getByRole('alertdialog').textContent).toContain('主播已将你移出直播间。');
  });
});
