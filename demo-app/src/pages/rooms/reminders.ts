import Taro from '@tarojs/taro';

const KEY = 'livesell:reminders';

/** The demo's reminder store for H5, where WeChat's subscribe component does not exist. */
export function hasReminder(roomId: number): boolean {
  const ids: unknown = Taro.getStorageSync(KEY);
  return Array.isArray(ids) && ids.includes(roomId);
}

export async function saveReminder(roomId: number): Promise<void> {
  const ids: unknown = Taro.getStorageSync(KEY);
  const list = Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
  if (!list.includes(roomId)) Taro.setStorageSync(KEY, [...list, roomId]);
}
