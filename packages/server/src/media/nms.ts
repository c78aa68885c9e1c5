import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';

/**
 * The parts of node-media-server 4.x the media module drives. Its `NodeMediaServer` class keeps
 * its config and streams in module-level singletons, opens its own listeners (no port 0) and exits
 * the process on a listen error, so the module uses the protocol sessions directly on its own
 * sockets instead. The package ships no typings; these describe what is used.
 */
export interface NmsSession {
  id: string;
  ip: string;
  isPublisher: boolean;
  protocol: string;
  streamApp: string;
  streamName: string;
  streamPath: string;
  streamQuery: Record<string, string | string[] | undefined>;
  broadcast: NmsBroadcast;
  run(): void;
  close(): void;
}

export interface NmsRtmpSession extends NmsSession {
  socket: Socket;
  onConnect(req: { app: string; name: string; host: string; query: Record<string, unknown> }): void;
  onPush(): void;
  onPlay(): void;
  onPacket(packet: unknown): void;
  onData(data: Buffer): void;
  onClose(): void;
}

export interface NmsBroadcast {
  streamPath: string;
  publisher: NmsSession | null;
  subscribers: Map<string, NmsSession>;
  publishGraceMs: number;
  getPublishStatus(): 'publishing' | 'reconnecting' | 'idle';
}

/** What FlvSession reads from an Express request. */
export interface FlvRequestLike {
  socket: IncomingMessage['socket'];
  hostname: string;
  method: string;
  params: { app: string; name: string };
  query: Record<string, string>;
  on(event: 'data' | 'error', listener: (...args: unknown[]) => void): unknown;
}

interface NmsModules {
  RtmpSession: new (socket: Socket) => NmsRtmpSession;
  FlvSession: new (req: FlvRequestLike, res: ServerResponse) => NmsSession;
  context: {
    broadcasts: Map<string, NmsBroadcast>;
    eventEmitter: import('node:events').EventEmitter;
  };
}

let loaded: NmsModules | undefined;

export function loadNms(): NmsModules {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const logger = require('node-media-server/src/core/logger.js') as { level: string; levels: string[] };
  // Its logger prints every session at debug level and every malformed packet at error level (a
  // fuzzer turns that into a log flood); the module reports what matters itself, one line each.
  if (!logger.levels.includes('off')) logger.levels.push('off');
  logger.level = 'off';
  loaded = {
    RtmpSession: require('node-media-server/src/session/rtmp_session.js'),
    FlvSession: require('node-media-server/src/session/flv_session.js'),
    context: require('node-media-server/src/core/context.js'),
  };
  return loaded;
}
