export {
  createMediaModule,
  type MediaInfo,
  type MediaModule,
  type MediaModuleOptions,
  mediaModule,
  type StreamPlayUrls,
  type StreamPushUrls,
} from './media-module';
