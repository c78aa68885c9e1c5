import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { loadNms, type NmsBroadcast } from './nms';

export type StreamQuery = Record<string, string | string[] | undefined>;

export interface RtmpIngestOptions {
  host: string;
  /** Decides a publish; a refused publisher is disconnected before any packet is relayed. */
  authorizePublish(app: string, stream: string, query: StreamQuery): { ok: true } | { ok: false; reason: string };
  authorizePlay(app: string, stream: string, query: StreamQuery): { ok: true } | { ok: false; reason: string };
  /** How long a stream waits for its publisher to come back before its viewers are closed. */
  publishGraceMs: number;
  log(message: string): void;
}

export interface RtmpIngest {
  port: number;
  /** The broadcast of `app/stream`, when someone publishes or watches it. */
  broadcast(app: string, stream: string): NmsBroadcast | undefined;
  isLive(app: string, stream: string): boolean;
  /** The internal stream path for `app/stream` (namespaced per server, so two servers in one process do not mix). */
  streamPath(app: string, stream: string): string;
  /** The namespaced app, as the FLV session needs it. */
  internalApp(app: string): string;
  onPublishEnd(listener: (app: string, stream: string) => void): () => void;
  close(): Promise<void>;
}

const NAME = /^[A-Za-z0-9_-]+$/;

/** The first value of a parsed query parameter. */
export function queryValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

/**
 * RTMP in on 127.0.0.1 (any free port), relayed by node-media-server's protocol sessions.
 * node-media-server keeps streams in a process-wide map: each ingest prefixes its apps with a
 * random namespace so servers started side by side (tests) never see each other's streams.
 */
export async function startRtmpIngest(options: RtmpIngestOptions): Promise<RtmpIngest> {
  const nms = loadNms();
  const ns = `n${randomBytes(4).toString('hex')}_`;
  const sockets = new Set<Socket>();
  const endListeners = new Set<(app: string, stream: string) => void>();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const session = new nms.RtmpSession(socket);
    let app = '';
    let accepted = false;
    const connect = session.onConnect;
    session.onConnect = (req) => {
      app = req.app;
      if (!NAME.test(req.app) || !NAME.test(req.name)) {
        socket.destroy();
        return;
      }
      connect({ ...req, app: ns + req.app });
      session.broadcast.publishGraceMs = options.publishGraceMs;
    };
    const refuse = (what: string, reason: string) => {
      options.log(`media: refused ${what} ${app}/${session.streamName}: ${reason}`);
      socket.destroy();
    };
    const push = session.onPush;
    session.onPush = () => {
      if (socket.destroyed) return;
      const check = options.authorizePublish(app, session.streamName, session.streamQuery);
      if (!check.ok) return refuse('publish', check.reason);
      push();
      accepted = session.isPublisher && session.broadcast.publisher === session;
      if (accepted) options.log(`media: publishing ${app}/${session.streamName}`);
    };
    const play = session.onPlay;
    session.onPlay = () => {
      if (socket.destroyed) return;
      const check = options.authorizePlay(app, session.streamName, session.streamQuery);
      if (!check.ok) return refuse('play', check.reason);
      play();
    };
    const packet = session.onPacket;
    // Only the accepted publisher may feed a broadcast (node-media-server relays any session's packets).
    session.onPacket = (p) => {
      if (accepted && session.broadcast.publisher === session) packet(p);
    };
    session.run();
  });

  const onDone = (session: { streamPath?: string }) => {
    const path = session.streamPath ?? '';
    const match = /^\/([^/]+)\/([^/]+)$/.exec(path);
    if (!match || !match[1]!.startsWith(ns)) return;
    const app = match[1]!.slice(ns.length);
    const stream = match[2]!;
    // Like a CDN, close the viewers of a stream whose publisher is gone (players see 3004 and reconnect).
    const broadcast = nms.context.broadcasts.get(path);
    for (const subscriber of broadcast?.subscribers.values() ?? []) subscriber.close();
    for (const listener of endListeners) listener(app, stream);
  };
  nms.context.eventEmitter.on('donePublish', onDone);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const streamPath = (app: string, stream: string) => `/${ns}${app}/${stream}`;
  const broadcast = (app: string, stream: string) => nms.context.broadcasts.get(streamPath(app, stream));
  return {
    port: (server.address() as AddressInfo).port,
    broadcast,
    isLive: (app, stream) => broadcast(app, stream)?.getPublishStatus() === 'publishing',
    streamPath,
    internalApp: (app) => ns + app,
    onPublishEnd(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    async close() {
      nms.context.eventEmitter.off('donePublish', onDone);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
