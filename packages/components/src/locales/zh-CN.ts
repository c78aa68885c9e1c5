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

const VERB: Record<RoomNotice['kind'], string> = { join: '来了', exit: '离开了', follow: '关注了主播' };

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
