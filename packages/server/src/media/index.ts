export {
  createMediaModule,
  type MediaInfo,
  type MediaModule,
  type MediaModuleOptions,
  mediaModule,
  type StreamPlayUrls,
  type StreamPushUrls,
} from './media-module';
export {
  buildPlayUrls,
  buildPushUrl,
  type SignedQuery,
  type StreamUrlOptions,
  signStream,
  type TxSecretCheck,
  txSecret,
  txTime,
  verifyTxSecret,
} from './stream-urls';
