import type { ReplayFetch } from '@livesell/core/replay';
import Taro from '@tarojs/taro';

/** The replay client's `fetch`, over `Taro.request` (wx.request in the mini program, fetch on H5). */
export const taroFetch: ReplayFetch = async (url) => {
  const res = await Taro.request<unknown>({ url, method: 'GET', dataType: 'json' });
  return { status: res.statusCode, json: async () => res.data };
};
