import { TIM_TYPES, type TimMessage } from '@livesell/core';

const PHRASES = ['666', '好看', 'so pretty', 'how much?', 'link please', '已下单', '主播好', 'hello'];
const LONG = [
  'does it come in a bigger size? my sister wants one too',
  '刚下单了两件，什么时候发货呀？包邮吗',
  'I bought this last week and the quality is amazing [smile]',
];
const NICKS = ['Mia', 'Leo', 'Ava', 'Kai', 'Zoe', 'Max', 'Ivy', 'Sam', 'Lin', 'Yu', 'Chen', 'Mei'];

/**
 * The i-th message of a flood, shaped as Tencent IM delivers it. The mix follows a busy sale:
 * 90 % danmaku (a third are repeated phrases such as "666", which the store merges), 5 % likes,
 * 3 % gifts, 2 % join tips; 5,000 distinct viewers.
 */
export function floodMessage(i: number, roomID: string, nowMs: number): TimMessage {
  const from = `fan_${i % 5000}`;
  const nick = `${NICKS[i % NICKS.length]} ${i % 5000}`;
  const r = i % 100;
  const base = {
    ID: `flood-${i}`,
    conversationID: `GROUP${roomID}`,
    conversationType: TIM_TYPES.CONV_GROUP,
    to: roomID,
    from,
    flow: 'in',
    time: Math.floor(nowMs / 1000),
    status: 'success',
    nick,
    avatar: '',
  };
  if (r < 3) {
    return {
      ...base,
      type: TIM_TYPES.MSG_CUSTOM,
      priority: TIM_TYPES.MSG_PRIORITY_HIGH,
      payload: { data: 'SEND_GIFT', description: '', extension: '{"id":"rose","name":"Rose"}' },
    };
  }
  if (r < 8) {
    return {
      ...base,
      type: TIM_TYPES.MSG_CUSTOM,
      priority: TIM_TYPES.MSG_PRIORITY_LOW,
      payload: { data: 'LIKE', description: String(1 + (i % 20)), extension: '' },
    };
  }
  if (r < 10) {
    return {
      ...base,
      type: TIM_TYPES.MSG_GRP_TIP,
      priority: TIM_TYPES.MSG_PRIORITY_NORMAL,
      payload: {
        operationType: TIM_TYPES.GRP_TIP_MBR_JOIN,
        operatorID: from,
        userIDList: [from],
        memberList: [{ userID: from, nick, avatar: '' }],
        memberCount: 10_000 + i,
      },
    };
  }
  const text =
    r < 40 ? PHRASES[i % PHRASES.length] : r < 45 ? LONG[i % LONG.length] : `${PHRASES[i % PHRASES.length]} #${i}`;
  return { ...base, type: TIM_TYPES.MSG_TEXT, priority: TIM_TYPES.MSG_PRIORITY_NORMAL, payload: { text } };
}
