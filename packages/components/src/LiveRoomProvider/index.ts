export { LiveRoomProvider, type LiveRoomProviderProps } from './LiveRoomProvider';
export { LiveRoomContext, type LiveRoomContextValue } from './room-context';
