// The live status of a room (codes, pure reducer, machine), picked by name.
export {
  ABNORMAL_TIMEOUT_MS,
  type HostStatus,
  isLiveStatusCode,
  LIVE_STATUS,
  LIVE_STATUS_NAME,
  type LiveStatusCode,
  type LiveStatusName,
  parseRoomStatusField,
  ROOM_STATUS,
  type RoomStatusField,
} from './live-status-codes';
export {
  createLiveStatusMachine,
  type LiveStatusInput,
  type LiveStatusMachine,
  type LiveStatusMachineOptions,
} from './live-status-machine';
export {
  effectiveLiveStatus,
  initialLiveStatusState,
  type LiveStatusAction,
  type LiveStatusChange,
  type LiveStatusChangeReason,
  type LiveStatusEvent,
  type LiveStatusIgnored,
  type LiveStatusResult,
  type LiveStatusRules,
  type LiveStatusState,
  nextLiveStatusDeadline,
  reduceLiveStatus,
} from './live-status-reducer';
