export { LivePusher, type LivePusherHandle, type LivePusherProps } from './LivePusher';
