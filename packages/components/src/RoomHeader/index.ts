export { DEFAULT_ROOM_HEADER_LABELS, RoomHeader, type RoomHeaderLabels, type RoomHeaderProps } from './RoomHeader';
