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
  private pendingTaps = 0;
  private extension = '';
  private timer: TimerHandle | undefined;

  constructor(private readonly options: LikeBatcherOptions) {}

  get pending(): number {
    return this.pendingTaps;
  }

  tap(extension: string): void {
    this.extension = extension;
    if (this.timer === undefined) {
      this.startWindow();
      void this.options.send(1, extension);
    } else {
      this.pendingTaps++;
    }
  }

  /** Sends pending taps now (before leaving the room or destroying). */
  flush(): Promise<void> {
    this.stopWindow();
    return this.sendPending();
  }

  /** Stops the window; returns the taps that were still pending and are now discarded. */
  dispose(): number {
    this.stopWindow();
    const discarded = this.pendingTaps;
    this.pendingTaps = 0;
    return discarded;
  }

  private startWindow(): void {
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.pendingTaps > 0) {
        this.startWindow();
        void this.sendPending();
      }
    }, this.options.windowMs);
  }

  private stopWindow(): void {
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private sendPending(): Promise<void> {
    const count = this.pendingTaps;
    if (count === 0) return Promise.resolve();
    this.pendingTaps = 0;
    return this.options.send(count, this.extension);
  }
}
