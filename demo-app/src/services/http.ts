import Taro from '@tarojs/taro';
import { getServerConfig } from './config';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  auth?: { userID: string; userSig: string };
}

/** JSON over `Taro.request` (wx.request on weapp, fetch on H5) against the local server. */
export async function api<T>(path: string, options: ApiOptions = {}): Promise<T> {
  const { httpUrl } = await getServerConfig();
  const header: Record<string, string> = { 'content-type': 'application/json' };
  if (options.auth) header.authorization = `Bearer ${options.auth.userID}:${options.auth.userSig}`;
  let res: Taro.request.SuccessCallbackResult<Record<string, unknown>>;
  try {
    res = await Taro.request<Record<string, unknown>>({
      url: `${httpUrl}${path}`,
      method: options.method ?? 'GET',
      data: options.body as Record<string, unknown> | undefined,
      header,
    });
  } catch (e) {
    throw new ApiError(
      0,
      'NETWORK',
      `Cannot reach the LiveSell server (${String((e as { errMsg?: string })?.errMsg ?? e)})`,
    );
  }
  const data = res.data as { error?: { code?: string; message?: string } } | T;
  if (res.statusCode >= 400) {
    const err = (data as { error?: { code?: string; message?: string } })?.error;
    throw new ApiError(res.statusCode, err?.code ?? 'HTTP_ERROR', err?.message ?? `HTTP ${res.statusCode}`);
  }
  return data as T;
}
