import type { RoomNotice } from '@livesell/core';
import type { AnnouncementLabels } from '../Announcement/Announcement';
import type { CouponLabels } from '../CouponPopup/labels';
import type { DanmakuLabels } from '../DanmakuList/labels';
import type { GiftCardsLabels } from '../GiftPanel/GiftCards';
import type { GiftPanelLabels } from '../GiftPanel/GiftPanel';
import type { GoodsLabels, PurchaseLabels } from '../GoodsShelf/labels';
import type { LikeLabels } from '../LikeButton/LikeButton';
import { LIVE_STATUS_LABELS_ZH } from '../LiveStatusBadge/live-status-style';
import type { ReplayLabels } from '../ReplayPlayer/labels';
import type { RoomHeaderLabels } from '../RoomHeader/RoomHeader';
import type { SubscribeLabels } from '../SubscribeButton/types';
import type { ErrorMessages } from '../shared/error-message';
import { type ModerationLabels, REST_OF_SHOW_SECONDS } from '../shared/moderation';

const durationZh = (seconds: number): string => {
  if (seconds >= REST_OF_SHOW_SECONDS) return '本场直播';
  if (seconds >= 3600) return ` ${Math.round(seconds / 3600)} 小时`;
  if (seconds >= 60) return ` ${Math.round(seconds / 60)} 分钟`;
  return ` ${seconds} 秒`;
};

const VERB: Record<RoomNotice['kind'], string> = {
  join: '来了',
  exit: '离开了',
  follow: '关注了主播',
  muted: '被禁言了',
  removed: '被移出直播间',
};

/** "A、B 等 39 人来了" — a `format` for `JoinNotice`. */
export function formatNoticeZh(notice: RoomNotice): string {
  const names = notice.users.map((u) => u.nick || u.userID).join('、');
  const who = notice.others > 0 ? `${names} 等 ${notice.users.length + notice.others} 人` : names;
  return `${who}${VERB[notice.kind]}`;
}

/**
 * Simplified-Chinese labels for every component, to spread into their `labels` (and `errorMessages`,
 * `format`) props: `<DanmakuList labels={ZH_CN.danmaku} errorMessages={ZH_CN.errors} />`.
 */
export const ZH_CN = {
  danmaku: {
    list: '直播聊天',
    host: '主播',
    admin: '管理员',
    system: '官方',
    newMessages: (count) => `${count > 99 ? '99+' : count} 条新消息`,
    jumpToLatest: '回到最新消息',
    placeholder: '说点什么…',
    input: '聊天消息',
    send: '发送',
    sending: '发送中…',
    tooLong: (max) => `最多 ${max} 个字`,
    muted: (left) => `已被禁言 · 还剩 ${left}`,
    mutedForShow: '本场直播已被禁言',
    mutedRefused: '你已被禁言',
    slowMode: (seconds) => `${seconds} 秒后可再次发言`,
    slowModeRefused: '慢速模式已开启，请稍后再发',
    filtered: '未发送：包含直播间不允许的内容',
  } satisfies DanmakuLabels,
  like: { like: (total) => `点赞（${total} 个赞）` } satisfies LikeLabels,
  giftPanel: {
    title: '送礼物',
    close: '关闭礼物',
    send: '赠送',
    gift: (gift, price) => `${gift.name}，${price}`,
    sent: (gift) => `已送出${gift.name}`,
  } satisfies GiftPanelLabels,
  giftCards: { sent: (name) => `送出 ${name}`, avatar: (nick) => `${nick}的头像` } satisfies GiftCardsLabels,
  goods: {
    title: (count) => `商品（${count}）`,
    close: '关闭商品',
    explaining: '讲解中',
    buy: '去购买',
    buying: '下单中…',
    bought: '已下单 ✓',
    soldOut: '已售罄',
    ended: '直播已结束',
    left: (stock) => `仅剩 ${stock} 件`,
    sold: (sold) => `已售 ${sold}`,
    buyLabel: (title, price) => `购买 ${title}，${price}`,
    empty: '暂无商品',
    shelf: (count) => `商品，${count} 件在售`,
  } satisfies GoodsLabels,
  purchase: {
    bought: (nick, title, quantity) => `${nick} 购买了${quantity > 1 ? ` ${quantity} 件` : ''}${title}`,
    boughtMany: (count, title) => `+${count} 人购买了${title}`,
    you: '你',
    verified: '已验证',
  } satisfies PurchaseLabels,
  coupon: {
    title: '直播间优惠券',
    threshold: (threshold) => (threshold ? `满 ${threshold} 可用` : '无门槛'),
    left: (remaining, stock) => `剩余 ${remaining}/${stock}`,
    endsIn: (countdown) => `${countdown} 后结束`,
    claim: '领取',
    claiming: '领取中…',
    claimed: '已领取 ✓',
    soldOut: '已抢光',
    expired: '已过期',
    ended: '直播已结束',
    close: '关闭优惠券',
    reopen: (amount) => `优惠券 ${amount}`,
  } satisfies CouponLabels,
  header: {
    follow: '关注',
    following: '已关注',
    followHost: (nick) => `关注 ${nick}`,
    unfollowHost: (nick) => `取消关注 ${nick}`,
    viewers: (count) => `${count} 人观看`,
    showAudience: (count) => `${count} 人观看，查看观众`,
    avatar: (nick) => `${nick}的头像`,
  } satisfies RoomHeaderLabels,
  announcement: { title: '公告', more: '展开', less: '收起' } satisfies AnnouncementLabels,
  subscribe: {
    idle: '开播提醒',
    loading: '保存中…',
    subscribed: '已设置提醒',
    error: '重试',
    errorMessage: '提醒设置失败',
    unavailable: '暂不支持提醒',
  } satisfies SubscribeLabels,
  replay: {
    player: (name) => (name ? `回放：${name}` : '直播回放'),
    loading: '回放加载中…',
    empty: '暂无回放',
    error: (message) => `回放无法播放：${message}`,
    speed: '播放速度',
    speedOption: (rate) => `${rate}×`,
    chapters: '本场讲解的商品',
    playFrom: '从这里播放',
    current: '正在讲解',
  } satisfies ReplayLabels,
  moderation: {
    rowMenu: (nick) => `管理 ${nick}`,
    menuTitle: (nick) => nick,
    duration: durationZh,
    mute: (duration) => `禁言${duration}`,
    unmute: '解除禁言',
    remove: '移出直播间',
    removeAndBlock: '移出并禁止再次进入',
    deleteMessage: '删除这条消息',
    makeAdmin: '设为管理员',
    removeAdmin: '取消管理员',
    cancel: '取消',
    muted: (nick, duration) => `已禁言 ${nick}（${duration}）`,
    unmuted: (nick) => `已解除 ${nick} 的禁言`,
    removed: (nick) => `已将 ${nick} 移出直播间`,
    deleted: '消息已删除',
    adminSet: (nick, admin) => (admin ? `${nick} 已成为管理员` : `${nick} 已不再是管理员`),
    failed: '操作失败，请重试',
    audienceTitle: (total) => `观众（${total}）`,
    audienceShowing: (shown, total) => `最近进入的 ${shown} 位观众，共 ${total} 人`,
    audienceEmpty: '还没有观众',
    loading: '加载中…',
    close: '关闭',
    host: '主播',
    admin: '管理员',
    you: '我',
    panelTitle: '直播间管理',
    mutedList: '禁言中的观众',
    blockedList: '已移出的观众',
    noneMuted: '没有被禁言的观众',
    noneBlocked: '没有被移出的观众',
    until: (left) => `还剩 ${left}`,
    forTheShow: '本场直播',
    undoMute: (nick) => `解除 ${nick} 的禁言`,
    undoBlock: (nick) => `允许 ${nick} 再次进入`,
    unmuteShort: '解除禁言',
    unblockShort: '允许进入',
    words: '屏蔽词',
    wordInput: '新的屏蔽词',
    wordPlaceholder: '词语或短语',
    addWord: '添加',
    removeWord: (word) => `删除“${word}”`,
    noWords: '没有屏蔽词',
    noLinks: '禁止发送链接',
    filterMode: '被过滤的消息',
    filterRefuse: '拒绝发送（提示发送者）',
    filterSenderOnly: '仅发送者自己可见',
    slowMode: '慢速模式',
    slowModeValue: (seconds) => (seconds > 0 ? `每 ${seconds} 秒一条` : '关闭'),
    admins: '管理员',
    adminInput: '新管理员的用户 ID',
    adminPlaceholder: '用户 ID，例如 assistant',
    addAdmin: '任命',
    removeAdminOf: (userID) => `取消管理员 ${userID}`,
    noAdmins: '没有管理员',
    ownerOnly: '只有主播可以任命管理员',
    saved: '已保存',
    refresh: '刷新',
    removedTitle: '你已离开直播间',
    removedReason: (reason) =>
      reason === 'blocked' ? '主播已将你移出本场直播，无法再次进入。' : '主播已将你移出直播间。',
    leave: '知道了',
  } satisfies ModerationLabels,
  liveStatus: LIVE_STATUS_LABELS_ZH,
  joinNotice: formatNoticeZh,
  errors: {
    INVALID_ARGUMENT: '无法发送这条内容',
    NOT_READY: '正在连接直播间，请稍后再试',
    NOT_IN_ROOM: '你还没有进入直播间',
    LOGIN_FAILED: '登录失败，请重新进入直播间',
    USERSIG_INVALID: '登录失败，请重新进入直播间',
    USERSIG_EXPIRED: '登录已过期，请重新进入直播间',
    SEND_FAILED: '发送失败，请重试',
    SEND_TIMEOUT: '网络较慢，未发送',
    MESSAGE_TOO_LARGE: '内容太长了',
    RATE_LIMITED: '操作太快了，请稍等',
    PERMISSION_DENIED: '你在这个直播间没有权限这样做',
    MUTED: '你已被禁言',
    SLOW_MODE: '慢速模式已开启，请稍后再发',
    FILTERED: '未发送：包含直播间不允许的内容',
    NETWORK: '网络已断开，未发送',
    KICKED: '你的账号已在别处登录',
    DESTROYED: '直播间已关闭',
    NOT_FOUND: '内容不存在或已被删除',
    SOLD_OUT: '已售罄',
    ALREADY_CLAIMED: '你已经领过这张券了',
    EXPIRED: '已过期',
    fallback: '出错了，请重试',
  } satisfies ErrorMessages,
};
