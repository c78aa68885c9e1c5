import { existsSync } from 'node:fs';
import { type FfmpegProcess, runFfmpeg } from './ffmpeg';

export interface TestPatternOptions {
  /** Signed RTMP publish URL on the local ingest. */
  publishUrl: string;
  /** `WxH`, default `360x640` (portrait, as a phone shows a live room). */
  size?: string;
  fps?: number;
  /** The text on the scene. Default "LiveSell demo". */
  title?: string;
}

/** Fonts drawtext may use, most likely first (Debian/Ubuntu, Fedora, Alpine, macOS). */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/liberation/LiberationSans-Regular.ttf',
  '/System/Library/Fonts/Supplemental/Arial.ttf',
  '/Library/Fonts/Arial.ttf',
];

/** The first font file present, for drawtext; `undefined` when none is (the scene then has no text). */
export function findFont(candidates: readonly string[] = FONT_CANDIDATES): string | undefined {
  return candidates.find((path) => existsSync(path));
}

/**
 * A value for a drawtext option, in single quotes: quotes become ’, backslashes and % (drawtext's
 * expansions) are dropped, and colons are escaped for the option parser.
 */
const quoted = (text: string) => `'${text.replace(/'/g, '\u2019').replace(/[\\%]/g, '').replace(/:/g, '\\:')}'`;

/**
 * The demo scene's filter graph: a calm portrait (9:16) gradient drifting slowly (a 9×16 image
 * computed per frame and scaled up, so it costs next to nothing), with a card holding a title and
 * a running clock when a font is available.
 */
export function sceneFilter(
  width: number,
  height: number,
  fps: number,
  title: string,
  font: string | null = findFont() ?? null,
): string {
  const gradient = [
    `color=c=black:s=9x16:r=${fps}`,
    "geq=r='38+32*Y/16+12*sin(T/7)':g='52+26*X/9+10*sin(T/11)':b='92+52*Y/16+8*sin(T/5)'",
    `scale=${width}:${height}:flags=bicubic`,
  ];
  if (!font) return gradient.join(',');
  const card = Math.round(height * 0.3);
  const unit = Math.round(width / 12);
  return [
    ...gradient,
    `drawbox=x=${unit}:y=${card}:w=${width - 2 * unit}:h=${Math.round(unit * 4)}:color=black@0.28:t=fill`,
    `drawtext=fontfile=${quoted(font)}:text=${quoted(title)}:fontcolor=white:fontsize=${Math.round(unit * 0.9)}:x=(w-tw)/2:y=${card + Math.round(unit * 0.7)}`,
    `drawtext=fontfile=${quoted(font)}:text='%{localtime\\:%T}':fontcolor=white@0.92:fontsize=${Math.round(unit * 1.35)}:x=(w-tw)/2:y=${card + Math.round(unit * 2)}`,
  ].join(',');
}

/**
 * A real live source for the demo and the tests: a calm portrait scene (9:16, 360×640 by default)
 * with the show's title and a running clock, and a quiet 440 Hz tone; H.264/AAC with a keyframe
 * every second (so HLS segments are 1 s and players start fast).
 */
export function startTestPattern(options: TestPatternOptions): FfmpegProcess {
  const fps = options.fps ?? 25;
  const [width, height] = (options.size ?? '360x640').split('x').map((n) => Number.parseInt(n, 10));
  return runFfmpeg([
    '-re',
    '-f',
    'lavfi',
    '-i',
    sceneFilter(width || 360, height || 640, fps, options.title ?? 'LiveSell demo'),
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:sample_rate=44100,volume=0.15',
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
