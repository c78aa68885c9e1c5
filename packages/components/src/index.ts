// @livesell/components: every public name, listed on purpose (`pnpm api:check` shows a change in review).

export {
  Announcement,
  type AnnouncementLabels,
  type AnnouncementProps,
  DEFAULT_ANNOUNCEMENT_LABELS,
} from './Announcement/index';
export { AudienceList, type AudienceListProps } from './AudienceList/index';
export {
  type ClaimResult,
  type CouponLabels,
  CouponPopup,
  type CouponPopupProps,
  type CouponPopupState,
  DEFAULT_COUPON_LABELS,
} from './CouponPopup/index';
export {
  type DanmakuBadge,
  type DanmakuLabels,
  DanmakuList,
  type DanmakuListProps,
  DEFAULT_DANMAKU_LABELS,
} from './DanmakuList/index';
export {
  DEFAULT_GIFT_CARDS_LABELS,
  DEFAULT_GIFT_PANEL_LABELS,
  GiftButton,
  type GiftButtonProps,
  GiftCards,
  type GiftCardsLabels,
  type GiftCardsProps,
  type GiftItem,
  GiftPanel,
  type GiftPanelLabels,
  type GiftPanelProps,
  giftExtension,
} from './GiftPanel/index';
export {
  type BuyHandler,
  DEFAULT_GOODS_LABELS,
  DEFAULT_PURCHASE_LABELS,
  ExplainingCard,
  type ExplainingCardProps,
  type GoodsLabels,
  GoodsShelf,
  type GoodsShelfProps,
  type PurchaseLabels,
  PurchaseTicker,
  type PurchaseTickerProps,
  ShelfButton,
  type ShelfButtonProps,
  type ShelfGoods,
} from './GoodsShelf/index';
export {
  useLiveSell,
  useLiveSellEvent,
  useOptionalRoomPhase,
  useRoom,
  useRoomActions,
  useRoomContext,
  useRoomLiveStatus,
  useRoomPhase,
  useRoomStore,
  useServerNow,
} from './hooks/index';
export { JoinNotice, type JoinNoticeProps } from './JoinNotice/index';
export { DEFAULT_LIKE_LABELS, LikeButton, type LikeButtonProps, type LikeLabels } from './LikeButton/index';
export {
  DEFAULT_PLAYER_SLATE_LABELS,
  LivePlayer,
  type LivePlayerHandle,
  type LivePlayerProps,
  type PlayerSlateLabels,
} from './LivePlayer/index';
export { LivePusher, type LivePusherHandle, type LivePusherProps } from './LivePusher/index';
export {
  LiveRoomContext,
  type LiveRoomContextValue,
  LiveRoomProvider,
  type LiveRoomProviderProps,
} from './LiveRoomProvider/index';
export {
  LIVE_STATUS_COLORS,
  LIVE_STATUS_LABELS_EN,
  LIVE_STATUS_LABELS_ZH,
  LiveStatusBadge,
  type LiveStatusBadgeProps,
} from './LiveStatusBadge/index';
export { formatNoticeZh, ZH_CN } from './locales/index';
export { MemberActions, type MemberActionsProps, type MemberActionsTarget } from './MemberActions/index';
export { ModerationPanel, type ModerationPanelProps } from './ModerationPanel/index';
export {
  type BgmProgressEvent,
  currentMediaPlatform,
  type FullScreenChangeEvent,
  type HlsLike,
  type LiveErrorEvent,
  type LiveStatusEvent,
  type MpegtsLike,
  type NetStatusEvent,
  type PlaybackLoaders,
  type PlayUrlSet,
  type SnapshotResult,
  usePlayUrl,
} from './media-shared/index';
export { RemovedNotice, type RemovedNoticeProps } from './RemovedNotice/index';
export {
  DEFAULT_REPLAY_LABELS,
  formatShowTime,
  REPLAY_SPEEDS,
  ReplayChapters,
  type ReplayChaptersProps,
  ReplayContext,
  type ReplayContextValue,
  type ReplayLabels,
  ReplayPlayer,
  type ReplayPlayerProps,
  ReplayProvider,
  type ReplayProviderProps,
  type ReplayRoomStore,
  ReplaySpeed,
  type ReplaySpeedProps,
  type ReplayTarget,
  replayRoomStore,
  useReplay,
  useReplayContext,
} from './ReplayPlayer/index';
export {
  DEFAULT_ROOM_HEADER_LABELS,
  RoomHeader,
  type RoomHeaderLabels,
  type RoomHeaderProps,
} from './RoomHeader/index';
export {
  DEFAULT_SUBSCRIBE_LABELS,
  SubscribeButton,
  type SubscribeButtonProps,
  type SubscribeLabels,
  type SubscribeState,
} from './SubscribeButton/index';
export {
  avatarInitial,
  DEFAULT_ERROR_MESSAGES,
  describeError,
  EMOJI_SHORTCODES,
  type ErrorMessages,
  formatCount,
  formatCountdown,
  formatPrice,
  replaceEmoji,
  safeImageSrc,
} from './shared/index';
export { DEFAULT_MODERATION_LABELS, type ModerationLabels } from './shared/moderation';
export { type LiveTheme, themeStyle } from './theme/index';
