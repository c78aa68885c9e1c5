export { LivePlayer, type LivePlayerHandle, type LivePlayerProps } from './LivePlayer';
