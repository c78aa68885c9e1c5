import Taro from '@tarojs/taro';

export interface ServerConfig {
  httpUrl: string;
  wsUrl: string;
  sdkAppID: number;
}

/** Storage key a tester (or the weapp runtime harness) can set to point the app at another server. */
export const SERVER_STORAGE_KEY = 'livesell:server';

const DEFAULT_HTTP = 'http://127.0.0.1:8990';

function fromHttpUrl(httpUrl: string, sdkAppID = 1400000000): ServerConfig {
  const url = httpUrl.replace(/\/$/, '');
  return { httpUrl: url, wsUrl: `${url.replace(/^http/, 'ws')}/im`, sdkAppID };
}

function isConfig(value: unknown): value is ServerConfig {
  const v = value as ServerConfig | null;
  return !!v && typeof v.httpUrl === 'string' && typeof v.wsUrl === 'string' && typeof v.sdkAppID === 'number';
}

let pending: Promise<ServerConfig> | undefined;

/**
 * Where the local LiveSell server is. Order: a stored override; on H5 the `/livesell.json` the demo
 * host serves beside the app; the build-time `LIVESELL_SERVER_URL`; `http://127.0.0.1:8990`.
 */
export function getServerConfig(): Promise<ServerConfig> {
  pending ??= (async () => {
    try {
      const stored = Taro.getStorageSync(SERVER_STORAGE_KEY);
      const parsed = typeof stored === 'string' && stored ? JSON.parse(stored) : stored;
      if (isConfig(parsed)) return parsed;
    } catch {
      // A bad override falls through to the defaults.
    }
    if (process.env.TARO_ENV === 'h5') {
      try {
        const res = await fetch('/livesell.json', { cache: 'no-store' });
        const json: unknown = res.ok ? await res.json() : null;
        if (isConfig(json)) return json;
      } catch {
        // Served by something else than the demo host: use the defaults.
      }
    }
    return fromHttpUrl(LIVESELL_SERVER_URL || DEFAULT_HTTP);
  })();
  return pending;
}
