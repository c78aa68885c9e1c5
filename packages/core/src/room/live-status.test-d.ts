// Type tests, checked by `tsc`: wrong usage of the live-status API must not compile.
import { createManualClock } from '../clock';
import { buildLiveRoomUrl, createLiveStatusPoller } from '../wx-live/index';
import {
  createLiveStatusMachine,
  initialLiveStatusState,
  LIVE_STATUS,
  type LiveStatusCode,
  type LiveStatusEvent,
  reduceLiveStatus,
} from './live-status';

const live: 101 = LIVE_STATUS.LIVE;
// @ts-expect-error the constants are literal codes
const wrong: 102 = LIVE_STATUS.LIVE;

const machine = createLiveStatusMachine({ clock: createManualClock() });
machine.dispatch({ type: 'reported', status: 101 });
// @ts-expect-error the machine stamps the time itself
machine.dispatch({ type: 'reported', status: 101, at: 0 });
// @ts-expect-error unknown action
machine.dispatch({ type: 'explode' });
// @ts-expect-error the pure reducer needs the time
reduceLiveStatus(initialLiveStatusState(), { type: 'tick' });

machine.on((event: LiveStatusEvent) => {
  if (event.type === 'change') {
    const to: LiveStatusCode = event.to;
    const reason: 'reported' | 'room-status' | 'abnormal-timeout' | 'expired' = event.reason;
    void to;
    void reason;
  } else {
    // @ts-expect-error an ignored input has no target status
    void event.to;
  }
});

const state = machine.getState();
// @ts-expect-error the status may be unknown (null)
const code: LiveStatusCode = state.status;

// @ts-expect-error entry is 'qrcode' | 'article' | 9 | 10
buildLiveRoomUrl({ roomId: 1, entry: 'poster' });
// @ts-expect-error custom params are JSON values
buildLiveRoomUrl({ roomId: 1, customParams: { at: new Date() } });
// @ts-expect-error a fetcher resolves to a code number
createLiveStatusPoller({ roomId: 1, fetchStatus: async () => ({ liveStatus: 101 }) });

void live;
void wrong;
void code;
