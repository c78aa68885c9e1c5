import { type FfmpegProcess, runFfmpeg } from './ffmpeg';

export interface TestPatternOptions {
  /** Signed RTMP publish URL on the local ingest. */
  publishUrl: string;
  size?: string;
  fps?: number;
}

/**
 * A real live source for the demo and the tests: colour bars with a moving clock and a 440 Hz
 * tone, H.264/AAC with a keyframe every second (so HLS segments are 1 s and players start fast).
 */
export function startTestPattern(options: TestPatternOptions): FfmpegProcess {
  const fps = options.fps ?? 25;
  return runFfmpeg([
    '-re',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${options.size ?? '640x360'}:rate=${fps}`,
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-pix_fmt',
    'yuv420p',
    '-g',
    String(fps),
    '-keyint_min',
    String(fps),
    '-sc_threshold',
    '0',
    '-b:v',
    '600k',
    '-c:a',
    'aac',
    '-b:a',
    '64k',
    '-f',
    'flv',
    options.publishUrl,
  ]);
}
