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
  limits?: Partial<RtmpLimits>;
}

/** What one RTMP peer may cost. Every byte from the network is hostile. */
export interface RtmpLimits {
  /** Largest RTMP message a peer may announce (bytes). Default 4 MB (a 4K keyframe fits). */
  maxMessageBytes: number;
  /** Chunk streams a connection may open (ffmpeg and OBS use fewer than 10). Default 32. */
  maxChunkStreams: number;
  /** Message buffers one connection may hold across its chunk streams (bytes). Default 8 MB. */
  maxBufferedBytes: number;
  /** RTMP connections at once (publishers, players, HLS packagers). Default 128. */
  maxConnections: number;
  /** A connection silent this long is closed (ms). Default 30 s. */
  idleTimeoutMs: number;
}

export const DEFAULT_RTMP_LIMITS: RtmpLimits = {
  maxMessageBytes: 4 * 1024 * 1024,
  maxChunkStreams: 32,
  maxBufferedBytes: 8 * 1024 * 1024,
  maxConnections: 128,
  idleTimeoutMs: 30_000,
};

/** node-media-server's parser state, as far as the limits need it (the package ships no typings). */
interface RtmpParser {
  parserPacket: { header: { length: number }; capacity: number };
  inPackets: Map<number, { capacity: number }>;
  packetAlloc(): void;
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
  /**
   * One accepted RTMP publisher session sent its first video keyframe: `anchorMs` maps the
   * broadcast's timestamps to server time (`serverMs = anchorMs + dts`), measured at that keyframe.
   * Each session is one continuous push: a dropped and resumed push is two sessions.
   */
  onPublisherReady(listener: (event: PublisherEvent) => void): () => void;
  /** That publisher session ended (disconnected or refused later). */
  onPublisherClosed(listener: (event: PublisherEvent) => void): () => void;
  /** Connections closed for malformed input or for exceeding a limit, since start. */
  readonly dropped: number;
  close(): Promise<void>;
}

const NAME = /^[A-Za-z0-9_-]+$/;

export interface PublisherEvent {
  app: string;
  stream: string;
  sessionID: string;
  /** Server ms = `anchorMs` + the broadcast's dts (ms). */
  anchorMs: number;
  /** Server ms when the first keyframe arrived. */
  at: number;
}

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
  const readyListeners = new Set<(event: PublisherEvent) => void>();
  const closedListeners = new Set<(event: PublisherEvent) => void>();
  const notify = (listeners: Set<(event: PublisherEvent) => void>, event: PublisherEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        options.log(`media: publisher listener failed: ${String(error)}`);
      }
    }
  };

  const limits: RtmpLimits = { ...DEFAULT_RTMP_LIMITS, ...options.limits };
  let dropped = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setTimeout(limits.idleTimeoutMs, () => socket.destroy());
    const session = new nms.RtmpSession(socket);
    // The error boundary: node-media-server parses inside the socket's 'data' listener and throws on
    // malformed input (a truncated AMF0 number, a connect without tcUrl …). Uncaught, that ends the
    // process, IM and merchant API included; here it ends only this connection.
    const drop = (error: unknown) => {
      dropped++;
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      options.log(`media: dropped RTMP connection from ${socket.remoteAddress ?? '?'}: ${reason.slice(0, 200)}`);
      socket.destroy();
    };
    const guard =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        if (socket.destroyed) return;
        try {
          fn(...args);
        } catch (error) {
          drop(error);
        }
      };
    bound(session as unknown as { rtmp: RtmpParser }, limits);
    session.onData = guard(session.onData);
    const closeSession = session.onClose;
    let ready: PublisherEvent | undefined;
    session.onClose = () => {
      try {
        closeSession();
      } catch (error) {
        options.log(`media: RTMP session cleanup failed: ${String(error)}`);
      }
      if (ready) {
        const event = ready;
        ready = undefined;
        notify(closedListeners, event);
      }
    };
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
      if (!accepted || session.broadcast.publisher !== session) return;
      packet(p);
      // The first video keyframe of this push (after node-media-server shifted a resumed push's dts).
      const av = p as { flags?: number; codec_type?: number; dts?: number };
      if (ready === undefined && av.codec_type === 9 && av.flags === 3 && typeof av.dts === 'number') {
        const at = Date.now();
        ready = { app, stream: session.streamName, sessionID: session.id, anchorMs: at - av.dts, at };
        notify(readyListeners, ready);
      }
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

  server.maxConnections = limits.maxConnections;
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
    get dropped() {
      return dropped;
    },
    onPublishEnd(listener) {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    onPublisherReady(listener) {
      readyListeners.add(listener);
      return () => readyListeners.delete(listener);
    },
    onPublisherClosed(listener) {
      closedListeners.add(listener);
      return () => closedListeners.delete(listener);
    },
    async close() {
      nms.context.eventEmitter.off('donePublish', onDone);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Caps what a peer can make the parser allocate: message size, chunk streams, buffered bytes. */
function bound(session: { rtmp: RtmpParser }, limits: RtmpLimits): void {
  const rtmp = session.rtmp;
  const alloc = rtmp.packetAlloc.bind(rtmp);
  rtmp.packetAlloc = () => {
    const packet = rtmp.parserPacket;
    const length = packet.header.length;
    if (length > limits.maxMessageBytes) {
      throw new RangeError(`an RTMP message of ${length} bytes exceeds ${limits.maxMessageBytes}`);
    }
    if (rtmp.inPackets.size > limits.maxChunkStreams) {
      throw new RangeError(`more than ${limits.maxChunkStreams} RTMP chunk streams`);
    }
    if (packet.capacity < length) {
      let total = length + 1024;
      for (const other of rtmp.inPackets.values()) if (other !== packet) total += other.capacity;
      if (total > limits.maxBufferedBytes) {
        throw new RangeError(`RTMP message buffers would exceed ${limits.maxBufferedBytes} bytes`);
      }
    }
    alloc();
  };
}
