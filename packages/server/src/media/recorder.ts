import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type RecordingStore, roomRecordingDir } from '../replay/recordings';
import { type FfmpegProcess, runFfmpeg } from './ffmpeg';
import type { PublisherEvent } from './rtmp-ingest';

/**
 * Records every continuous push of a room to one MP4 with `-c copy` (no re-encode): ffmpeg pulls
 * the local RTMP stream from the push's first keyframe and writes fragmented MP4 (playable up to
 * the last fragment even if the server dies); when the push ends the file is remuxed once more
 * with `+faststart` so phones can seek it. A push that drops and resumes is two segments.
 */
export interface RecorderOptions {
  dataDir: string;
  store: RecordingStore;
  /** An RTMP URL the recorder may play `app/stream` from (short-lived internal token). */
  sourceUrl(app: string, stream: string): string;
  /** Whether a stream is recorded (rooms are; the test pattern is not). */
  shouldRecord(app: string, stream: string): Promise<boolean>;
  log(message: string): void;
  now(): number;
}

interface Recording {
  event: PublisherEvent;
  roomID: string;
  id: string;
  partPath: string;
  ffmpeg: FfmpegProcess;
  /** Server ms of the first frame ffmpeg wrote (from its input `start:`), once known. */
  startedAt: number;
  stoppedAt?: number;
  done: Promise<void>;
}

const DURATION = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/;
const START = /Duration: [^,]*, start: (-?\d+(?:\.\d+)?)/;

export class Recorder {
  private readonly active = new Map<string, Recording>();
  private readonly pending = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly options: RecorderOptions) {}

  /** Finishes segments a previous run left unfinished (the server stopped while recording). */
  recover(): Promise<void> {
    const work = (async () => {
      for (const segment of this.options.store.unfinished()) {
        await this.finalize(segment.roomID, segment.id, segment.path, segment.startedAt, undefined);
      }
    })();
    return this.track(work);
  }

  async onReady(event: PublisherEvent): Promise<void> {
    if (this.closed || this.active.has(event.sessionID)) return;
    if (!(await this.options.shouldRecord(event.app, event.stream).catch(() => false))) return;
    if (this.closed) return;
    const { store, dataDir } = this.options;
    const roomID = event.stream;
    const id = store.newSegmentID(event.at);
    const dir = roomRecordingDir(roomID);
    mkdirSync(join(dataDir, dir), { recursive: true });
    const partPath = join(dir, `${id}.part.mp4`);
    store.begin({ roomID, id, startedAt: event.at, path: partPath });
    let startKnown = false;
    let buffered = '';
    const recording: Recording = {
      event,
      roomID,
      id,
      partPath,
      startedAt: event.at,
      ffmpeg: runFfmpeg(
        [
          '-rw_timeout',
          '60000000',
          // FLV carries the codec setup up front; a long probe would wait on the never-fed data stream.
          '-analyzeduration',
          '500000',
          '-i',
          this.options.sourceUrl(event.app, event.stream),
          '-map',
          '0:v?',
          '-map',
          '0:a?',
          '-c',
          'copy',
          '-f',
          'mp4',
          '-movflags',
          '+frag_keyframe+empty_moov+default_base_moof',
          '-y',
          join(dataDir, partPath),
        ],
        {
          logLevel: 'info',
          onStderr: (chunk) => {
            if (startKnown) return;
            buffered = (buffered + chunk).slice(-4000);
            const match = START.exec(buffered);
            if (!match) return;
            startKnown = true;
            // The first frame written is the one whose timestamp ffmpeg reports as the input's start.
            recording.startedAt = Math.round(event.anchorMs + Number(match[1]) * 1000);
            store.setStart(roomID, id, recording.startedAt);
          },
        },
      ),
      done: Promise.resolve(),
    };
    this.active.set(event.sessionID, recording);
    this.options.log(`media: recording ${roomID} as segment ${id}`);
    recording.done = this.track(
      recording.ffmpeg.exited.then(async (code) => {
        this.active.delete(event.sessionID);
        if (code !== 0 && code !== 255) {
          this.options.log(
            `media: recorder for ${roomID} exited ${code}: ${recording.ffmpeg.stderr().trim().slice(-1500)}`,
          );
        }
        await this.finalize(roomID, id, partPath, recording.startedAt, recording.stoppedAt ?? this.options.now());
      }),
    );
  }

  /** The push ended: ffmpeg finishes the file (SIGTERM makes it write its trailer even mid-read). */
  async onClosed(event: PublisherEvent): Promise<void> {
    const recording = this.active.get(event.sessionID);
    if (!recording) return;
    await this.stop(recording);
  }

  /** Stops the recordings of a room (it is being deleted). */
  async stopRoom(roomID: string): Promise<void> {
    await Promise.all([...this.active.values()].filter((r) => r.roomID === roomID).map((r) => this.stop(r)));
  }

  private async stop(recording: Recording): Promise<void> {
    recording.stoppedAt ??= this.options.now();
    const child = recording.ffmpeg.child;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await recording.ffmpeg.exited;
      clearTimeout(timer);
    }
    await recording.done;
  }

  /** Remuxes the fragmented file with `+faststart` and marks the segment ready (or drops an empty one). */
  private async finalize(
    roomID: string,
    id: string,
    partPath: string,
    startedAt: number,
    stoppedAt: number | undefined,
  ): Promise<void> {
    const { store, dataDir } = this.options;
    const part = join(dataDir, partPath);
    const finalPath = partPath.replace(/\.part\.mp4$/, '.mp4');
    const target = join(dataDir, finalPath);
    const size = existsSync(part) ? statSync(part).size : 0;
    if (size < 1024) {
      rmSync(part, { force: true });
      store.remove(roomID, id);
      return;
    }
    let durationMs: number | undefined;
    const remux = runFfmpeg(['-i', part, '-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', '-y', target], {
      logLevel: 'info',
    });
    const code = await remux.exited;
    const duration = DURATION.exec(remux.stderr());
    if (duration) durationMs = Math.round((+duration[1]! * 3600 + +duration[2]! * 60 + +duration[3]!) * 1000);
    if (code === 0 && existsSync(target) && statSync(target).size > 0) rmSync(part, { force: true });
    else {
      // The fragmented file plays as it is.
      this.options.log(`media: remux of ${finalPath} failed (${code}); keeping the fragmented file`);
      rmSync(target, { force: true });
      if (existsSync(part)) renameSync(part, target);
    }
    if (!existsSync(target)) {
      store.remove(roomID, id);
      return;
    }
    durationMs ??= Math.max(0, (stoppedAt ?? startedAt) - startedAt);
    const finished = store.finish(roomID, id, {
      endedAt: startedAt + durationMs,
      durationMs,
      path: finalPath,
      bytes: statSync(target).size,
    });
    // The room was deleted while this was being recorded.
    if (!finished) rmSync(target, { force: true });
    else this.options.log(`media: recorded ${roomID}/${id} (${(durationMs / 1000).toFixed(1)} s)`);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const tracked = work.catch((error: unknown) => {
      this.options.log(`media: recorder: ${error instanceof Error ? error.message : String(error)}`);
    }) as Promise<T>;
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
    return tracked;
  }

  /** Stops every recording and waits until the files are finished. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.active.values()].map((r) => this.stop(r)));
    await Promise.all([...this.pending]);
  }
}
