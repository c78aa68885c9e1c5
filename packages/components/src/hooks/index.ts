export { useLiveSell } from './useLiveSell';
export { useLiveSellEvent } from './useLiveSellEvent';
export { useRoom, useRoomActions, useRoomStore } from './useRoom';
export { useRoomContext } from './useRoomContext';
export { useRoomLiveStatus } from './useRoomLiveStatus';
export { useOptionalRoomPhase, useRoomPhase } from './useRoomPhase';
export { useServerNow } from './useServerNow';
