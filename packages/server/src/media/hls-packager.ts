import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type FfmpegProcess, runFfmpeg } from './ffmpeg';

/**
 * HLS for one live stream: ffmpeg pulls it from the local RTMP ingest and repackages it (no
 * re-encoding) into 1 s-target segments. Started on the first playlist request, stopped when
 * nobody has asked for a while.
 */
export interface HlsPackager {
  readonly dir: string;
  /** The playlist once it lists at least `minSegments` segments (hls.js wants 3 before it starts). */
  playlist(minSegments: number): string | undefined;
  touch(): void;
  idleFor(now: number): number;
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startHlsPackager(options: { sourceUrl: string; dir: string; now: () => number }): HlsPackager {
  rmSync(options.dir, { recursive: true, force: true });
  mkdirSync(options.dir, { recursive: true });
  const playlistPath = join(options.dir, 'index.m3u8');
  const ffmpeg: FfmpegProcess = runFfmpeg([
    '-i',
    options.sourceUrl,
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_time',
    '1',
    '-hls_list_size',
    '6',
    // A live playlist never ends: players keep polling and reconnect when the source comes back.
    '-hls_flags',
    'delete_segments+omit_endlist+temp_file',
    '-hls_segment_filename',
    join(options.dir, 'seg%05d.ts'),
    playlistPath,
  ]);
  let lastDemand = options.now();
  return {
    dir: options.dir,
    playlist(minSegments) {
      if (!existsSync(playlistPath)) return undefined;
      const text = readFileSync(playlistPath, 'utf8');
      const segments = text.split('\n').filter((line) => line.startsWith('#EXTINF')).length;
      return segments >= minSegments ? text : undefined;
    },
    touch() {
      lastDemand = options.now();
    },
    idleFor: (now) => now - lastDemand,
    exited: ffmpeg.exited,
    async stop() {
      await ffmpeg.stop();
      rmSync(options.dir, { recursive: true, force: true });
    },
  };
}
