import type { Clock, TimerHandle } from '../clock';

export interface LikeBatcherOptions {
  clock: Clock;
  windowMs: number;
  /** Sends one LIKE message carrying `count` taps; must report its own failures and never reject. */
  send(count: number, extension: string): Promise<void>;
}

/**
 * Aggregates like taps: the first tap after a quiet window goes out at once (others see it
 * immediately), taps during the window that follows go out together when it ends, and so on.
 * A viewer tapping 20×/s thus sends one message per window. Within a window the latest tap's
 * extension is the one sent.
 */
export class LikeBatcher {
  private taps = 0;
  private extension = '';
  private timer: TimerHandle | undefined;

  constructor(private readonly options: LikeBatcherOptions) {}

  /** Taps waiting for the window to end. */
  get pending(): number {
    return this.taps;
  }

  tap(extension: string): void {
    this.extension = extension;
    this.taps++;
    if (this.timer === undefined) this.tick();
  }

  /** Sends pending taps now (before leaving the room or destroying). */
  flush(): Promise<void> {
    const count = this.dispose();
    return count ? this.options.send(count, this.extension) : Promise.resolve();
  }

  /** Stops the window; returns the taps that were still pending and are now discarded. */
  dispose(): number {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const discarded = this.taps;
    this.taps = 0;
    return discarded;
  }

  /** Sends the pending taps, if any, and opens a window for the next ones; a window with none closes. */
  private tick(): void {
    const count = this.taps;
    this.taps = 0;
    this.timer = count ? this.options.clock.setTimeout(() => this.tick(), this.options.windowMs) : undefined;
    if (count) void this.options.send(count, this.extension);
  }
}
