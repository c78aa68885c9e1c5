import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** The ffmpeg binary shipped inside `@ffmpeg-installer/ffmpeg` (no system package needed). */
export function ffmpegPath(): string {
  if (process.env.LIVESELL_FFMPEG) return process.env.LIVESELL_FFMPEG;
  const require = createRequire(import.meta.url);
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

export interface FfmpegProcess {
  readonly child: ChildProcess;
  /** Resolves with the exit code once the process has ended. */
  readonly exited: Promise<number | null>;
  /** Last lines of stderr, for error reports. */
  stderr(): string;
  /** Asks ffmpeg to finish (`q`), then kills it if it lingers. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHooked = false;

/** ffmpeg children outlive a Node process that exits without stopping them: take them along. */
function track(child: ChildProcess) {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

/** ffmpeg children of this process still running (for diagnostics and tests). */
export function runningFfmpegCount(): number {
  return running.size;
}

export function runFfmpeg(
  args: readonly string[],
  options: { logLevel?: 'error' | 'info'; onStderr?: (chunk: string) => void } = {},
): FfmpegProcess {
  const child = spawn(ffmpegPath(), ['-hide_banner', '-nostats', '-loglevel', options.logLevel ?? 'error', ...args], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  track(child);
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-2000);
    options.onStderr?.(chunk);
  });
  child.stdin?.on('error', () => {});
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      tail += String(error);
      resolve(null);
    });
  });
  let stopping: Promise<void> | undefined;
  return {
    child,
    exited,
    stderr: () => tail,
    stop(graceMs = 1500) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.stdin?.end('q');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
