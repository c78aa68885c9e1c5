import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { type HlsPackager, startHlsPackager } from './hls-packager';
import { MediaHttpError } from './media-error';
import type { RtmpIngest } from './rtmp-ingest';
import type { StreamAuth } from './stream-auth';

export interface HlsStreamsOptions {
  auth: StreamAuth;
  ingest: () => RtmpIngest;
  dataDir: string;
  now: () => number;
  /** Starts the stream on demand (the test pattern); true when it is one. */
  demand: (app: string, stream: string) => boolean;
  /** Told of each playlist request (keeps the test pattern wanted). */
  watched: (app: string, stream: string) => void;
  closed: () => boolean;
}

/** HLS out: one ffmpeg packager per watched stream, pulled over RTMP, stopped when nobody watches. */
export class HlsStreams {
  private readonly packagers = new Map<string, HlsPackager>();

  constructor(private readonly options: HlsStreamsOptions) {}

  /** Whether `app/stream` has a packager running. */
  has(app: string, stream: string): boolean {
    return this.packagers.has(`${app}/${stream}`);
  }

  /** The publisher left: its packager stops. */
  end(app: string, stream: string): void {
    const packager = this.packagers.get(`${app}/${stream}`);
    if (packager) {
      this.packagers.delete(`${app}/${stream}`);
      void packager.stop();
    }
  }

  private packager(app: string, stream: string): HlsPackager | undefined {
    const key = `${app}/${stream}`;
    let packager = this.packagers.get(key);
    if (packager) return packager;
    const ingest = this.options.ingest();
    if (!ingest.isLive(app, stream) && !this.options.demand(app, stream)) return undefined;
    const source =
      this.options.auth.playKey === undefined
        ? `rtmp://127.0.0.1:${ingest.port}/${app}/${stream}`
        : this.options.auth.internalUrl('play', app, stream);
    packager = startHlsPackager({
      sourceUrl: source,
      dir: join(this.options.dataDir, 'hls', app, stream),
      now: this.options.now,
    });
    this.packagers.set(key, packager);
    const started = packager;
    void started.exited.then(() => {
      if (this.packagers.get(key) === started) {
        this.packagers.delete(key);
        void started.stop();
      }
    });
    return packager;
  }

  async playlist(res: FastifyReply, url: URL, app: string, stream: string) {
    const { auth, now } = this.options;
    auth.requirePlay(app, stream, url);
    const deadline = now() + 12_000;
    for (;;) {
      const packager = this.packager(app, stream);
      if (!packager) throw new MediaHttpError(404, 'NOT_LIVE', `${app}/${stream} is not live`);
      packager.touch();
      this.options.watched(app, stream);
      // hls.js starts only with 3 segments listed: hold the first request until there are.
      const text = packager.playlist(3);
      if (text !== undefined) {
        // Segment URLs carry the playlist's signature, so signed play covers them too.
        const q = url.search;
        const body = text.replace(/^(seg\d{5}\.ts)$/gm, (line) => `${stream}/${line}${q}`);
        return res
          .code(200)
          .header('content-type', 'application/vnd.apple.mpegurl')
          .header('cache-control', 'no-cache, no-store')
          .send(body);
      }
      if (now() > deadline || this.options.closed()) {
        throw new MediaHttpError(503, 'NOT_READY', `${app}/${stream} has no HLS segments yet`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async segment(res: FastifyReply, url: URL, app: string, stream: string, name: string) {
    this.options.auth.requirePlay(app, stream, url);
    const packager = this.packagers.get(`${app}/${stream}`);
    if (!packager) throw new MediaHttpError(404, 'NOT_LIVE', `${app}/${stream} is not live`);
    packager.touch();
    const file = createReadStream(join(packager.dir, name));
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', () => reject(new MediaHttpError(404, 'NO_SEGMENT', `${name} is gone`)));
    });
    return res.code(200).header('content-type', 'video/mp2t').header('cache-control', 'max-age=60').send(file);
  }

  /** Stops packagers nobody asked for in `idleMs`. */
  sweep(idleMs: number): void {
    const now = this.options.now();
    for (const [key, packager] of this.packagers) {
      if (packager.idleFor(now) > idleMs) {
        this.packagers.delete(key);
        void packager.stop();
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.packagers.values()].map((p) => p.stop()));
    this.packagers.clear();
  }
}
