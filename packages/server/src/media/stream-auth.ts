import { randomBytes } from 'node:crypto';
import { MediaHttpError } from './media-error';
import { queryValue, type StreamQuery } from './rtmp-ingest';
import { signStream, verifyTxSecret } from './stream-urls';

export interface StreamPlayUrls {
  flv: string;
  hls: string;
  rtmp: string;
  whep: string;
}

export interface StreamPushUrls {
  rtmp: string;
  whip: string;
  /** Unix seconds. */
  expiresAt: number;
}

export interface StreamAuthOptions {
  apps: readonly string[];
  /** Signs publish URLs. */
  pushKey: string;
  /** When set, playback needs a `txSecret` signed with it too. */
  playKey: string | undefined;
  /** Lifetime of signed URLs (s). */
  urlTtlSeconds: number;
  httpUrl: string;
  /** The RTMP ingest's port (known once it listens). */
  rtmpPort: () => number;
  now: () => number;
}

export type AuthCheck = { ok: true } | { ok: false; reason: string };

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Stream names, signed URLs and who may publish or play: `txSecret` on every publish (and on play
 * when a play key is set), and one-time tokens for the server's own ffmpeg children.
 */
export class StreamAuth {
  /**
   * One-time tokens for the server's own ffmpeg children (test pattern, WebRTC bridge, HLS pull):
   * their command line is readable by every local user (`ps`), so it carries a random token that
   * is valid for 30 s after the child starts (ffmpeg may connect more than once while starting)
   * instead of a `txSecret` valid for a day.
   */
  private readonly internalTokens = new Map<string, { kind: 'publish' | 'play'; key: string; expiresAt: number }>();

  constructor(private readonly options: StreamAuthOptions) {}

  get apps(): readonly string[] {
    return this.options.apps;
  }

  get pushKey(): string {
    return this.options.pushKey;
  }

  get playKey(): string | undefined {
    return this.options.playKey;
  }

  private expiry(expiresAt?: number) {
    return expiresAt ?? Math.floor(this.options.now() / 1000) + this.options.urlTtlSeconds;
  }

  checkName(app: string, stream: string): void {
    if (!this.options.apps.includes(app))
      throw new MediaHttpError(404, 'NO_SUCH_APP', `no stream application "${app}"`);
    if (!NAME.test(stream)) throw new MediaHttpError(400, 'INVALID_STREAM', 'stream names are [A-Za-z0-9_-]{1,64}');
  }

  pushUrls(stream: string, app = this.options.apps[0]!, expiresAt?: number): StreamPushUrls {
    this.checkName(app, stream);
    const exp = this.expiry(expiresAt);
    const { txSecret, txTime } = signStream(this.options.pushKey, stream, exp);
    const q = `txSecret=${txSecret}&txTime=${txTime}`;
    return {
      rtmp: `rtmp://127.0.0.1:${this.options.rtmpPort()}/${app}/${stream}?${q}`,
      whip: `${this.options.httpUrl}/whip/${app}/${stream}?${q}`,
      expiresAt: exp,
    };
  }

  playUrls(stream: string, app = this.options.apps[0]!, expiresAt?: number): StreamPlayUrls {
    this.checkName(app, stream);
    let q = '';
    if (this.options.playKey !== undefined) {
      const { txSecret, txTime } = signStream(this.options.playKey, stream, this.expiry(expiresAt));
      q = `?txSecret=${txSecret}&txTime=${txTime}`;
    }
    const { httpUrl } = this.options;
    return {
      flv: `${httpUrl}/${app}/${stream}.flv${q}`,
      hls: `${httpUrl}/${app}/${stream}.m3u8${q}`,
      rtmp: `rtmp://127.0.0.1:${this.options.rtmpPort()}/${app}/${stream}${q}`,
      whep: `${httpUrl}/whep/${app}/${stream}${q}`,
    };
  }

  /** An RTMP URL for one of the server's own ffmpeg children, with a short-lived token (no `txSecret`). */
  internalUrl(kind: 'publish' | 'play', app: string, stream: string): string {
    const now = this.options.now();
    for (const [t, entry] of this.internalTokens) if (entry.expiresAt <= now) this.internalTokens.delete(t);
    const token = randomBytes(18).toString('base64url');
    this.internalTokens.set(token, { kind, key: `${app}/${stream}`, expiresAt: now + 30_000 });
    return `rtmp://127.0.0.1:${this.options.rtmpPort()}/${app}/${stream}?internal=${token}`;
  }

  /** Accepts a live token from `internalUrl`; undefined when the request carries none. */
  spendToken(kind: 'publish' | 'play', app: string, stream: string, query: StreamQuery): AuthCheck | undefined {
    const token = queryValue(query.internal);
    if (token === undefined) return undefined;
    const entry = this.internalTokens.get(token);
    if (!entry || entry.kind !== kind || entry.key !== `${app}/${stream}` || entry.expiresAt <= this.options.now()) {
      return { ok: false as const, reason: 'internal token refused' };
    }
    return { ok: true as const };
  }

  authorize(app: string, stream: string, query: StreamQuery, key: string | undefined): AuthCheck {
    if (!this.options.apps.includes(app)) return { ok: false as const, reason: `no application "${app}"` };
    if (key === undefined) return { ok: true as const };
    const check = verifyTxSecret({
      key,
      streamName: stream,
      txSecret: queryValue(query.txSecret),
      txTime: queryValue(query.txTime),
      nowSeconds: Math.floor(this.options.now() / 1000),
    });
    return check.ok ? { ok: true as const } : { ok: false as const, reason: `txSecret ${check.reason}` };
  }

  /** Refuses play (403) unless the URL is signed with the play key (when there is one). */
  requirePlay(app: string, stream: string, url: URL): void {
    const check = this.authorize(app, stream, Object.fromEntries(url.searchParams), this.options.playKey);
    if (!check.ok) throw new MediaHttpError(403, 'FORBIDDEN', `play refused: ${check.reason}`);
  }
}
