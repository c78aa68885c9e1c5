import type { LiveSellError } from '../errors';
import type { TimModule } from '../tim/types';
import { EVENT, type LiveSellEventMap, TIMLiveSell, TLS, TSL } from './index';

declare const TIM: TimModule;
const tls = new TIMLiveSell({ SDKAppID: 1400000803, roomID: '@TGS#E', userSig: 'sig', userName: 'host', TIM });

// Payload fields exactly as the original im-live-sells component's API documents them.
tls.on(EVENT.LIKE, (e) => {
  const { nick, avatar, value, userID, count } = e;
  return [nick, avatar, value, userID, count.toFixed()];
});
tls.on(TLS.EVENT.JOIN_GROUP, ({ nick, avatar, userID }) => [nick, avatar, userID]);
tls.on(TSL.EVENT.NOTIFACATION, ({ notification }) => notification.length);
tls.on(EVENT.NOTIFICATION, ({ notification }) => notification.length);
tls.on(EVENT.MESSAGE, ({ nick, avatar, message, userID }) => [nick, avatar, message, userID]);
tls.on(EVENT.ADD_GOODS, ({ nick, avatar, value, goods }) => [nick, avatar, value, goods?.id]);
tls.on(EVENT.BUY_GOODS, ({ verified }) => verified === true);
tls.on(EVENT.USE_COUPON, ({ verified, coupon }) => verified && coupon);
tls.on(EVENT.ERROR, (error: LiveSellError) => error.code);
tls.on(EVENT.KICKED, ({ type }) => type);
tls.on(EVENT.NETWORK_CHANGE, ({ state }) => state === 'connected');
tls.on('myCustomEvent', ({ description, extension, data, value }) => [description, extension, data, value]);

// A wrong field name does not compile.
// @ts-expect-error LIKE has no `message`
tls.on(EVENT.LIKE, (e) => e.message);
// @ts-expect-error MESSAGE carries `message`, not `msg`
tls.on(EVENT.MESSAGE, (e) => e.msg);
// @ts-expect-error NOTIFACATION carries `notification`, not `value`
tls.on(EVENT.NOTIFACATION, (e) => e.value);
// @ts-expect-error a custom event has no `count`
tls.on('myCustomEvent', (e) => e.count);
// @ts-expect-error NETWORK_CHANGE state is a union
tls.on(EVENT.NETWORK_CHANGE, (e): 'online' => e.state);
// @ts-expect-error no such EVENT constant
tls.on(EVENT.LIKES, () => undefined);

// on returns an unsubscribe function; once and off exist.
const off: () => void = tls.on(EVENT.SEND_GIFT, (e) => e.gift);
off();
tls.once(EVENT.SDK_READY, ({ userID }) => userID);
tls.off(EVENT.SDK_READY);

// Method results as documented.
async function methods() {
  const { nick, avatar, message, messageID } = await tls.sendMessage('hi');
  const { userInfo, groupInfo } = await tls.joinRoom();
  const { userID, nick: ownerNick, avatar: ownerAvatar } = groupInfo.ownerInfo;
  const { status } = await tls.exitRoom();
  const { ...ownerInfo } = await tls.getRoomInfo();
  const liked = await tls.like('lv1');
  const gifted = await tls.gift('{"id":"rocket"}');
  const followed = await tls.attention();
  await tls.cancelAttention();
  await tls.sendCustomMsgAndEmitEvent('eventName', 'someExtension');
  await tls.destroy();
  // @ts-expect-error sendMessage takes a string
  await tls.sendMessage(42);
  // @ts-expect-error exitRoom resolves {status, groupID}
  (await tls.exitRoom()).ok;
  return [
    nick,
    avatar,
    message,
    messageID,
    userInfo.nick,
    userID,
    ownerNick,
    ownerAvatar,
    status,
    ownerInfo.nick,
    liked.nick,
    gifted.avatar,
    followed.nick,
  ];
}

// The map is keyed by the event values.
type Keys = keyof LiveSellEventMap;
const key: Keys = EVENT.CANCEL_ATTENT;
// @ts-expect-error NOTIFICATION is an alias of the original im-live-sells component's spelling, not a second key
const alias: Keys = 'NOTIFICATION';

export { alias, key, methods };
