import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ALL_METHODS, bearerUser } from '../http';
import type { LiveServerContext, LiveServerModule, LiveServerModuleFactory } from '../module';
import { RecordingStore } from '../replay/recordings';
import type { FfmpegProcess } from './ffmpeg';
import { HlsStreams } from './hls-streams';
import { MediaHttpError } from './media-error';
import { loadNms } from './nms';
import { Recorder } from './recorder';
import { type RtmpIngest, startRtmpIngest } from './rtmp-ingest';
import { StreamAuth, type StreamPlayUrls, type StreamPushUrls } from './stream-auth';
import { startTestPattern } from './test-pattern';
import { WebRtcGateway } from './webrtc-gateway';
import { type WebRtcRouteDeps, webrtcRoute } from './whip-whep';

export interface MediaModuleOptions {
  /** Default: on, unless the environment sets `LIVESELL_MEDIA=0`. */
  enabled?: boolean;
  /** Stream applications served (the `live` in `/live/stream.flv`). Default `['live']`. */
  apps?: readonly string[];
  /** Signs publish URLs. Default: derived from the server's secret key. */
  pushKey?: string;
  /** When set, playback (FLV, HLS, WHEP, RTMP) needs a `txSecret` signed with it too. Default: unsigned play. */
  playKey?: string;
  /**
   * The ffmpeg test pattern published as `live/<stream>`. `lazy` (default) starts it on the first
   * play request and stops it when nobody watches; `eager` starts it with the server. Environment:
   * `LIVESELL_TEST_PATTERN=off|lazy|eager`.
   */
  testPattern?: false | { stream?: string; start?: 'lazy' | 'eager'; size?: string; fps?: number };
  /** Stop the test pattern / an HLS packager after this long without viewers (ms). Default 30 s. */
  idleStopMs?: number;
  /** How long a stream waits for its publisher to come back before viewers are closed. Default 3 s. */
  publishGraceMs?: number;
  /** Lifetime of the URLs the module signs (s). Default 24 h. */
  urlTtlSeconds?: number;
  /**
   * Record every push of a room to MP4 (one segment per continuous push, `-c copy`) for replays.
   * Default: on, unless the environment sets `LIVESELL_RECORD=0`.
   */
  record?: boolean;
  now?: () => number;
}

export type { StreamPlayUrls, StreamPushUrls } from './stream-auth';

export interface MediaInfo {
  enabled: boolean;
  /** RTMP base for publishing: `rtmp://127.0.0.1:<port>/live/<stream>?txSecret=…&txTime=…`. */
  rtmpUrl?: string;
  /** Play URLs of the test pattern (FLV, HLS, WHEP, RTMP). */
  testPattern?: StreamPlayUrls & { stream: string; start: 'lazy' | 'eager' };
  /** How to get signed URLs for any stream. */
  endpoints?: { pushUrl: string; playUrls: string; whip: string; whep: string };
}

export interface MediaModule extends LiveServerModule {
  name: 'media';
  info: MediaInfo & Record<string, unknown>;
  /** Signed publish URLs for `live/<stream>` (server side; hand them to the host). */
  pushUrls(stream: string, options?: { app?: string; expiresAt?: number }): StreamPushUrls;
  playUrls(stream: string, options?: { app?: string; expiresAt?: number }): StreamPlayUrls;
  isLive(stream: string, app?: string): boolean;
  /** Controls the test pattern; `stop()` also stops it from restarting on demand until `start()`. */
  testPattern?: { start(): Promise<void>; stop(): Promise<void>; readonly running: boolean };
}

const SEGMENT = /^seg\d{5}\.ts$/;

function envTestPattern(): 'off' | 'lazy' | 'eager' | undefined {
  const value = process.env.LIVESELL_TEST_PATTERN;
  return value === 'off' || value === 'lazy' || value === 'eager' ? value : undefined;
}

/**
 * The local live stream: RTMP in (node-media-server sessions on 127.0.0.1), HTTP-FLV and HLS out on
 * the server's own port, `txSecret` checked on every publish, and an ffmpeg test pattern for the
 * demo. Nothing heavy runs until asked for: starting a server for an IM test costs one idle socket.
 */
export function createMediaModule(options: MediaModuleOptions = {}): LiveServerModuleFactory {
  return async (ctx) => {
    const enabled = options.enabled ?? process.env.LIVESELL_MEDIA !== '0';
    if (!enabled) return { name: 'media', info: { enabled: false } };
    const media = new LocalMedia(ctx, options);
    await media.start();
    return media.module();
  };
}

/** The module with default options, as `defaultModules` loads it. */
export const mediaModule: LiveServerModuleFactory = createMediaModule();

class LocalMedia {
  private ingest!: RtmpIngest;
  private webrtc!: WebRtcGateway;
  private recorder: Recorder | undefined;
  private stopListening: Array<() => void> = [];
  private readonly apps: readonly string[];
  private readonly now: () => number;
  /** Stream names, signed URLs, publish/play checks (`stream-auth.ts`). */
  private readonly auth: StreamAuth;
  /** HLS packagers (`hls-streams.ts`). */
  private readonly hls: HlsStreams;
  private readonly pattern: { stream: string; start: 'lazy' | 'eager'; size?: string; fps?: number } | undefined;
  private patternProcess: FfmpegProcess | undefined;
  private patternEnabled = true;
  private patternDemand = 0;
  private sweeper: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  constructor(
    private readonly ctx: LiveServerContext,
    private readonly options: MediaModuleOptions,
  ) {
    this.apps = options.apps ?? ['live'];
    this.now = options.now ?? Date.now;
    this.auth = new StreamAuth({
      apps: this.apps,
      pushKey: options.pushKey ?? createHash('md5').update(`livesell-push:${ctx.secretKey}`).digest('hex'),
      playKey: options.playKey,
      urlTtlSeconds: options.urlTtlSeconds ?? 24 * 3600,
      httpUrl: ctx.httpUrl,
      rtmpPort: () => this.ingest.port,
      now: this.now,
    });
    this.hls = new HlsStreams({
      auth: this.auth,
      ingest: () => this.ingest,
      dataDir: ctx.dataDir,
      now: this.now,
      demand: (app, stream) => this.demand(app, stream),
      watched: (_app, stream) => {
        if (this.pattern?.stream === stream) this.patternDemand = this.now();
      },
      closed: () => this.closed,
    });
    const envPattern = envTestPattern();
    if (options.testPattern === false || envPattern === 'off') this.pattern = undefined;
    else {
      this.pattern = {
        stream: options.testPattern?.stream ?? 'demo',
        start: envPattern ?? options.testPattern?.start ?? 'lazy',
        size: options.testPattern?.size,
        fps: options.testPattern?.fps,
      };
    }
  }

  async start() {
    this.ingest = await startRtmpIngest({
      host: '127.0.0.1',
      publishGraceMs: this.options.publishGraceMs ?? 3000,
      log: (m) => this.ctx.log(m),
      authorizePublish: (app, stream, query) =>
        this.auth.spendToken('publish', app, stream, query) ??
        this.auth.authorize(app, stream, query, this.auth.pushKey),
      authorizePlay: (app, stream, query) =>
        // The HLS packager pulls over RTMP from this process with a short-lived token when play is signed.
        this.auth.spendToken('play', app, stream, query) ?? this.auth.authorize(app, stream, query, this.auth.playKey),
    });
    this.ingest.onPublishEnd((app, stream) => this.hls.end(app, stream));
    if (this.options.record ?? process.env.LIVESELL_RECORD !== '0') this.startRecorder();
    this.webrtc = new WebRtcGateway({
      dataDir: this.ctx.dataDir,
      log: (m) => this.ctx.log(m),
      bridgeUrl: (app, stream) => this.auth.internalUrl('publish', app, stream),
    });
    const idleMs = this.options.idleStopMs ?? 30_000;
    this.sweeper = setInterval(() => this.sweep(idleMs), Math.max(250, Math.min(5000, idleMs / 3)));
    this.sweeper.unref();
    if (this.pattern?.start === 'eager') this.startPattern();
  }

  private startRecorder() {
    const recorder = new Recorder({
      dataDir: this.ctx.dataDir,
      store: new RecordingStore(this.ctx.db, this.ctx.dataDir),
      sourceUrl: (app, stream) => this.auth.internalUrl('play', app, stream),
      // A room's stream is named after the room; the test pattern and other streams are not recorded.
      shouldRecord: async (app, stream) =>
        app === this.apps[0] && stream !== this.pattern?.stream && (await this.ctx.admin.getRoom(stream)) !== undefined,
      log: (m) => this.ctx.log(m),
      now: this.now,
    });
    this.recorder = recorder;
    this.stopListening.push(
      this.ingest.onPublisherReady((event) => void recorder.onReady(event)),
      this.ingest.onPublisherClosed((event) => void recorder.onClosed(event)),
      this.ctx.im.on('roomDeleted', (event) => void recorder.stopRoom(event.groupID)),
    );
    void recorder.recover();
  }

  private info(): MediaInfo & Record<string, unknown> {
    const base = this.ctx.httpUrl.replace(/\/+$/, '');
    const info: MediaInfo & Record<string, unknown> = {
      enabled: true,
      rtmpUrl: `rtmp://127.0.0.1:${this.ingest.port}/${this.apps[0]}`,
      endpoints: {
        pushUrl: `POST ${base}/media/push-url {"stream"} with Authorization: Bearer <userID>:<userSig>`,
        playUrls: `GET ${base}/media/play-urls?stream=<stream>`,
        whip: `POST ${base}/whip/${this.apps[0]}/<stream>?txSecret=…&txTime=… (application/sdp)`,
        whep: `POST ${base}/whep/${this.apps[0]}/<stream> (application/sdp)`,
      },
    };
    if (this.pattern) {
      info.testPattern = {
        stream: this.pattern.stream,
        start: this.pattern.start,
        ...this.auth.playUrls(this.pattern.stream),
      };
    }
    return info;
  }

  module(): MediaModule {
    const self = this;
    return {
      name: 'media',
      info: this.info(),
      routes: (app) => this.routes(app),
      close: () => this.close(),
      pushUrls: (stream, o) => this.auth.pushUrls(stream, o?.app, o?.expiresAt),
      playUrls: (stream, o) => this.auth.playUrls(stream, o?.app, o?.expiresAt),
      isLive: (stream, app) => this.isLive(app ?? this.apps[0]!, stream),
      testPattern: this.pattern
        ? {
            start: async () => {
              this.patternEnabled = true;
              this.startPattern();
            },
            stop: async () => {
              this.patternEnabled = false;
              await this.stopPattern();
            },
            get running() {
              return self.patternProcess !== undefined;
            },
          }
        : undefined,
    };
  }

  private get webrtcDeps(): WebRtcRouteDeps {
    return { auth: this.auth, ingest: this.ingest, webrtc: this.webrtc };
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private isLive(app: string, stream: string) {
    return this.ingest.isLive(app, stream) || this.webrtc.isLive(app, stream);
  }

  private async routes(app: FastifyInstance): Promise<void> {
    const methods = [...ALL_METHODS];
    const url = (request: FastifyRequest) => new URL(request.url, this.ctx.httpUrl);
    type P = Record<string, string>;
    await app.register(async (scope) => {
      scope.route({
        method: methods,
        url: '/media/:action',
        bodyLimit: 16 * 1024,
        handler: (request, reply) => this.api(request, reply, url(request), (request.params as P).action!),
      });
      for (const kind of ['whip', 'whep'] as const) {
        scope.route({
          method: methods,
          url: `/${kind}/:app/:stream`,
          bodyLimit: 64 * 1024,
          config: { body: 'text' },
          handler: (request, reply) => {
            const params = request.params as P;
            return webrtcRoute(this.webrtcDeps, request, reply, url(request), kind, params.app!, params.stream!);
          },
        });
      }
      for (const app of this.apps) {
        scope.route({
          method: methods,
          url: `/${app}/:file`,
          config: { body: 'none' },
          handler: async (request, reply) => {
            const file = (request.params as P).file!;
            const match = /^(.+)\.(flv|m3u8)$/.exec(file);
            if (!match) throw new MediaHttpError(404, 'NOT_FOUND', `no stream file ${file}`);
            this.auth.checkName(app, match[1]!);
            this.requireGet(request);
            if (match[2] === 'flv') return this.playFlv(request, reply, url(request), app, match[1]!);
            return this.hls.playlist(reply, url(request), app, match[1]!);
          },
        });
        scope.route({
          method: methods,
          url: `/${app}/:stream/:segment`,
          config: { body: 'none' },
          handler: async (request, reply) => {
            const { stream, segment } = request.params as P;
            if (!SEGMENT.test(segment!)) throw new MediaHttpError(404, 'NOT_FOUND', `no segment ${segment}`);
            this.auth.checkName(app, stream!);
            this.requireGet(request);
            return this.hls.segment(reply, url(request), app, stream!, segment!);
          },
        });
      }
    });
  }

  private requireGet(req: FastifyRequest) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      throw new MediaHttpError(405, 'METHOD_NOT_ALLOWED', 'streams are played with GET; publish over RTMP or WHIP');
    }
  }

  private async api(req: FastifyRequest, res: FastifyReply, url: URL, action: string): Promise<unknown> {
    const app = this.apps[0]!;
    res.header('cache-control', 'no-store');
    if (action === 'info' && req.method === 'GET') return this.info();
    if (action === 'play-urls' && req.method === 'GET') {
      if (this.auth.playKey !== undefined) this.identify(req);
      const stream = url.searchParams.get('stream') ?? '';
      return { stream, live: this.isLive(app, stream), ...this.auth.playUrls(stream) };
    }
    if (action === 'push-url' && req.method === 'POST') {
      const userID = this.identify(req);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const stream = typeof body.stream === 'string' ? body.stream : '';
      this.auth.checkName(app, stream);
      await this.requireHost(userID, stream);
      return { stream, ...this.auth.pushUrls(stream), play: this.auth.playUrls(stream) };
    }
    if (action === 'test-pattern' && req.method === 'POST' && this.pattern) {
      if (this.identify(req) !== this.ctx.adminUserID) {
        throw new MediaHttpError(403, 'FORBIDDEN', 'only the administrator controls the test pattern');
      }
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (body.action === 'stop') {
        this.patternEnabled = false;
        await this.stopPattern();
      } else if (body.action === 'start') {
        this.patternEnabled = true;
        this.startPattern();
      } else throw new MediaHttpError(400, 'INVALID_ACTION', 'action must be "start" or "stop"');
      return { running: this.patternProcess !== undefined };
    }
    throw new MediaHttpError(404, 'NOT_FOUND', `no media endpoint ${req.method} /media/${action}`);
  }

  /** `Authorization: Bearer <userID>:<userSig>`, checked like an IM login. */
  private identify(req: FastifyRequest): string {
    const userID = bearerUser(req.headers.authorization, this.ctx.authenticate, 'UNAUTHENTICATED');
    if (userID === undefined) {
      throw new MediaHttpError(401, 'UNAUTHENTICATED', 'send "Authorization: Bearer <userID>:<userSig>"');
    }
    return userID;
  }

  /** Who may publish: a room's stream belongs to its owner and admins; the test pattern to the server. */
  private async requireHost(userID: string, stream: string) {
    if (userID === this.ctx.adminUserID) return;
    if (stream === this.pattern?.stream) {
      throw new MediaHttpError(403, 'FORBIDDEN', `"${stream}" is the server's test pattern`);
    }
    const room = await this.ctx.admin.getRoom(stream);
    // A stream that is no room belongs to the server alone: nobody else gets it signed.
    if (!room) throw new MediaHttpError(403, 'FORBIDDEN', `"${stream}" is not a room you host`);
    if (room.ownerID !== userID && !room.admins.includes(userID)) {
      throw new MediaHttpError(403, 'FORBIDDEN', `only the host of room "${stream}" may publish its stream`);
    }
  }

  private demand(app: string, stream: string) {
    if (this.pattern && app === this.apps[0] && stream === this.pattern.stream && this.patternEnabled) {
      this.patternDemand = this.now();
      this.startPattern();
      return true;
    }
    return false;
  }

  private playFlv(request: FastifyRequest, reply: FastifyReply, url: URL, app: string, stream: string) {
    this.auth.requirePlay(app, stream, url);
    const isPattern = this.demand(app, stream);
    const status = this.ingest.broadcast(app, stream)?.getPublishStatus() ?? 'idle';
    if (!isPattern && status === 'idle') throw new MediaHttpError(404, 'NOT_LIVE', `${app}/${stream} is not live`);
    // node-media-server writes the FLV stream to the raw response; keep the CORS headers set so far.
    const req = request.raw;
    const res = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    reply.hijack();
    res.writeHead(200, {
      'content-type': 'video/x-flv',
      'cache-control': 'no-cache, no-store',
      'access-control-expose-headers': 'content-type',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const { FlvSession } = loadNms();
    const session = new FlvSession(
      {
        socket: req.socket,
        hostname: url.hostname,
        method: 'GET',
        params: { app: this.ingest.internalApp(app), name: stream },
        query: {},
        on: (event, listener) => req.on(event, listener),
      },
      res,
    );
    session.run();
  }

  // --- test pattern and idle sweeping ---------------------------------------------------------

  private startPattern() {
    if (!this.pattern || this.patternProcess || this.closed) return;
    const url = this.auth.internalUrl('publish', this.apps[0]!, this.pattern.stream);
    const child = startTestPattern({ publishUrl: url, size: this.pattern.size, fps: this.pattern.fps });
    this.patternProcess = child;
    this.patternDemand = this.now();
    this.ctx.log(`media: test pattern started on ${this.apps[0]}/${this.pattern.stream}`);
    void child.exited.then((code) => {
      if (this.patternProcess !== child) return;
      this.patternProcess = undefined;
      if (!this.closed) this.ctx.log(`media: test pattern exited (${code}) ${child.stderr().trim()}`);
    });
  }

  private async stopPattern() {
    const child = this.patternProcess;
    this.patternProcess = undefined;
    await child?.stop();
  }

  private sweep(idleMs: number) {
    const now = this.now();
    this.hls.sweep(idleMs);
    if (this.pattern && this.patternProcess && this.pattern.start === 'lazy') {
      const broadcast = this.ingest.broadcast(this.apps[0]!, this.pattern.stream);
      const watchers = broadcast?.subscribers.size ?? 0;
      const hls = this.hls.has(this.apps[0]!, this.pattern.stream);
      if (watchers === 0 && !hls && now - this.patternDemand > idleMs) void this.stopPattern();
    }
  }

  async close() {
    this.closed = true;
    if (this.sweeper) clearInterval(this.sweeper);
    for (const stop of this.stopListening.splice(0)) stop();
    await Promise.all([this.recorder?.close(), this.stopPattern(), this.webrtc.close(), this.hls.close()]);
    await this.ingest.close();
  }
}
