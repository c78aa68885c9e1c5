export { HostCamera, type HostCameraProps } from './HostCamera';
export { RoomVideo, type RoomVideoProps } from './RoomVideo';
