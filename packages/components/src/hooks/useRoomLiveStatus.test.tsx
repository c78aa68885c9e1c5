import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestRoom, incoming, type TestRoom } from '../shared/testing/room';
import { useRoomLiveStatus } from './useRoomLiveStatus';

afterEach(cleanup);

function Probe({ reported }: { reported?: number }) {
  const status = useRoomLiveStatus({ reported });
  return <span data-testid="status">{status === null ? 'none' : String(status)}</span>;
}

const setStatus = (room: TestRoom, value: string) =>
  room.deliver(
    incoming.tip('host', { operationType: 6, newGroupProfile: { groupCustomField: [{ key: 'room_status', value }] } }),
  );

describe('useRoomLiveStatus', () => {
  it('follows the host through live, paused and ended', async () => {
    const room = await createTestRoom();
    const { getByTestId } = room.render(<Probe />);
    setStatus(room, 'live');
    expect(getByTestId('status').textContent).toBe('101');
    setStatus(room, 'paused');
    expect(getByTestId('status').textContent).toBe('105');
    setStatus(room, 'ended');
    expect(getByTestId('status').textContent).toBe('103');
  });

  it('applies the time rules: a host who drops out ends the room after 15 minutes', async () => {
    const room = await createTestRoom();
    const { getByTestId } = room.render(<Probe />);
    setStatus(room, 'live');
    setStatus(room, 'offline');
    expect(getByTestId('status').textContent).toBe('106');
    room.advance(14 * 60_000);
    expect(getByTestId('status').textContent).toBe('106');
    room.advance(60_000);
    expect(getByTestId('status').textContent).toBe('103');
  });

  it("ignores a viewer's forged room_status message", async () => {
    const room = await createTestRoom();
    const { getByTestId } = room.render(<Probe />);
    setStatus(room, 'live');
    room.deliver(incoming.custom('mallory', { data: 'ROOM_STATUS_CHANGE', extension: 'ended' }));
    expect(getByTestId('status').textContent).toBe('101');
    // The same message from the host is accepted: the refusal above is the trust rule, not the format.
    room.deliver(incoming.custom('host', { data: 'ROOM_STATUS_CHANGE', extension: 'ended' }));
    expect(getByTestId('status').textContent).toBe('103');
  });
});
