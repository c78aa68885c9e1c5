import type { Clock, TimerHandle, TimMessage } from '@livesell/core';
import type { AnnouncementStatus, MessagePriority } from '../module';
import {
  type EncodedFrame,
  type EncodedFrameBytes,
  type EncodedMessage,
  encodeMessage,
  frameBytes,
  messagesFrame,
} from './frames';
import { TokenBucket } from './limits';
import { PriorityRateLimiter } from './rate-limiter';
import type { RoomRecord } from './store';

/** One connected client as a group sees it. */
export interface GroupMember {
  userID: string;
  joinedAt: number;
  /** Sends one frame (made by `frames.ts`); bytes are sent as they are, so one encoding serves every member. */
  send(frame: EncodedFrame | EncodedFrameBytes): void;
  /** Bytes queued on the socket, to spot consumers that stopped reading. */
  buffered(): number;
}

export interface GroupStats {
  /** Messages clients sent to the group (rate-limited ones). */
  received: number;
  /** Of those, delivered to the group. */
  delivered: number;
  /** Of those, dropped by the 40 msgs/s limit, by priority. Senders were still told "success". */
  dropped: Record<MessagePriority, number>;
  /** Messages from the server or the administrator account, exempt from the limit. */
  exempt: number;
  /** Server announcements delivered through the room's budget (each may stand for several). */
  announced: number;
  /** Announcements merged into a waiting one instead of sent on their own ("+12 bought"). */
  announcementsMerged: number;
  /** Announcements dropped because too many different ones were waiting (none in normal use). */
  announcementsDropped: number;
  /** Messages refused at their sender with 10023 (over the per-user rate); never reach the group. */
  frequencyLimited: number;
  /** Group tips (join, quit, profile …) sent. */
  tips: number;
  /** Deliveries skipped because a member's socket had too much unread data queued. */
  slowConsumerSkips: number;
  /** Batches delivered, and the time spent writing them to every member (ms). */
  flushes: number;
  flushMsTotal: number;
  flushMsMax: number;
}

export function emptyStats(): GroupStats {
  return {
    received: 0,
    delivered: 0,
    dropped: { High: 0, Normal: 0, Low: 0, Lowest: 0 },
    exempt: 0,
    announced: 0,
    announcementsMerged: 0,
    announcementsDropped: 0,
    frequencyLimited: 0,
    tips: 0,
    slowConsumerSkips: 0,
    flushes: 0,
    flushMsTotal: 0,
    flushMsMax: 0,
  };
}

/** An announcement waiting for the room's budget; later ones with its key merge into it. */
interface PendingAnnouncement {
  payload: Record<string, unknown> | undefined;
  extension: string;
  sum: readonly string[];
  build: (extension: string) => TimMessage;
  resolve: (result: { messageID: string; status: AnnouncementStatus }) => void;
  waiters: Array<(messageID: string) => void>;
}

/** Different announcements that may wait at once; beyond it the newest is dropped (and counted). */
const MAX_PENDING_ANNOUNCEMENTS = 256;

/** Merges a newer announcement into a waiting one: newest fields, `sum` fields added, `merged` counted. */
export function mergeAnnouncement(
  older: Record<string, unknown>,
  newer: Record<string, unknown>,
  sum: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...newer };
  for (const key of sum) {
    const a = older[key];
    const b = newer[key];
    if (typeof a === 'number' && typeof b === 'number') out[key] = a + b;
  }
  const count = (value: unknown) => (typeof value === 'number' && value >= 1 ? value : 1);
  out.merged = count(older.merged) + count(newer.merged);
  return out;
}

interface OutboxEntry {
  json: EncodedMessage;
  /** A member who must not get this one (the sender of a message, the member a tip is about). */
  exclude: string | undefined;
}

/**
 * The online side of a live room: who is in it, the priority rate limiter, and an outbox that
 * delivers messages in batches (the SDK's MESSAGE_RECEIVED carries arrays). Each message is
 * serialised once per batch, not once per member.
 */
export class LiveGroup {
  readonly members = new Map<string, GroupMember>();
  readonly stats = emptyStats();
  /** Told of each message queued for delivery (the gateway's `message` event). */
  onEnqueue: ((message: TimMessage) => void) | undefined;
  private readonly limiter: PriorityRateLimiter;
  private outbox: OutboxEntry[] = [];
  private timer: TimerHandle | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private readonly pending = new Map<string, PendingAnnouncement>();
  private pendingSeq = 0;
  private drainTimer: TimerHandle | undefined;
  private readonly drainMs: number;
  /** Announcements take at most a fifth of the room's budget: the rest stays the viewers'. */
  private readonly announceBudget: TokenBucket;

  constructor(
    readonly room: RoomRecord,
    private readonly clock: Clock,
    /** Least time between two deliveries to the group; messages in between share one batch. */
    private readonly batchMs: number,
    messagesPerSecond: number,
    /** A socket with more than this queued is not reading; it misses deliveries instead of growing memory. */
    private readonly slowConsumerBytes = 4 * 1024 * 1024,
  ) {
    this.limiter = new PriorityRateLimiter({ limit: messagesPerSecond });
    const announceRate = Math.max(1, Math.floor(messagesPerSecond / 5));
    this.announceBudget = new TokenBucket(announceRate, Math.max(1, Math.ceil(announceRate / 2)), clock.now());
    this.drainMs = Math.max(5, Math.ceil(1000 / announceRate));
  }

  /** One announcement may go now: within its share, then within the room's budget. */
  private admitAnnouncement(): boolean {
    const now = this.clock.now();
    if (!this.announceBudget.peek(now)) return false;
    // Normal in the limiter: announcements never drop (they wait and merge), so they need no High
    // reserve, and must not make viewers' Normal messages keep one for them.
    if (!this.limiter.admit('Normal', now)) return false;
    this.announceBudget.take(now);
    return true;
  }

  /**
   * A server announcement through the room's budget (at High priority, like a client's gift):
   * sent now when the budget allows and nothing waits before it, else it waits; a later one with
   * the same `mergeKey` merges into the waiting one. Resolves once it is sent (or merged/dropped).
   */
  announce(
    extension: string,
    options: { mergeKey?: string; sum?: readonly string[] },
    build: (extension: string) => TimMessage,
  ): Promise<{ messageID: string; status: AnnouncementStatus }> {
    return new Promise((resolve) => {
      if (this.pending.size === 0 && this.admitAnnouncement()) {
        const message = build(extension);
        this.stats.announced++;
        this.enqueue(message, undefined);
        resolve({ messageID: message.ID, status: 'sent' });
        return;
      }
      const key = options.mergeKey === undefined ? `#${++this.pendingSeq}` : `=${options.mergeKey}`;
      const waiting = this.pending.get(key);
      const payload = parseObject(extension);
      if (waiting?.payload && payload) {
        waiting.payload = mergeAnnouncement(waiting.payload, payload, options.sum ?? []);
        waiting.extension = JSON.stringify(waiting.payload);
        this.stats.announcementsMerged++;
        waiting.waiters.push((messageID) => resolve({ messageID, status: 'merged' }));
        return;
      }
      if (this.pending.size >= MAX_PENDING_ANNOUNCEMENTS) {
        this.stats.announcementsDropped++;
        resolve({ messageID: '', status: 'dropped' });
        return;
      }
      this.pending.set(waiting ? `${key}#${++this.pendingSeq}` : key, {
        payload,
        extension,
        sum: options.sum ?? [],
        build,
        resolve,
        waiters: [],
      });
      this.scheduleDrain();
    });
  }

  private scheduleDrain(): void {
    if (this.drainTimer !== undefined || this.pending.size === 0) return;
    this.drainTimer = this.clock.setTimeout(() => {
      this.drainTimer = undefined;
      this.drain();
    }, this.drainMs);
  }

  /** Sends waiting announcements, oldest first, as the budget allows. */
  private drain(): void {
    for (const [key, entry] of this.pending) {
      if (!this.admitAnnouncement()) break;
      this.pending.delete(key);
      const message = entry.build(entry.extension);
      this.stats.announced++;
      this.enqueue(message, undefined);
      entry.resolve({ messageID: message.ID, status: 'queued' });
      for (const waiter of entry.waiters) waiter(message.ID);
    }
    this.scheduleDrain();
  }

  /** A client message: counted, rate-limited by priority, delivered or silently dropped. */
  post(message: TimMessage, priority: MessagePriority): boolean {
    this.stats.received++;
    if (!this.limiter.admit(priority, this.clock.now())) {
      this.stats.dropped[priority]++;
      return false;
    }
    this.stats.delivered++;
    this.enqueue(message, message.from);
    return true;
  }

  /** A server/admin message, exempt from the limit like Tencent IM's REST messages. */
  postExempt(message: TimMessage): void {
    this.stats.exempt++;
    this.enqueue(message, undefined);
  }

  tip(message: TimMessage, exclude?: string): void {
    this.stats.tips++;
    this.enqueue(message, exclude);
  }

  private enqueue(message: TimMessage, exclude: string | undefined): void {
    this.outbox.push({ json: encodeMessage(message), exclude });
    this.onEnqueue?.(message);
    if (this.timer !== undefined || this.immediate !== undefined) return;
    // Deliver at the end of this turn of the event loop (so what arrived together goes together),
    // but no sooner than `batchMs` after the last delivery: a flood becomes a few large batches.
    const wait = this.lastFlush + this.batchMs - this.clock.now();
    if (wait > 0) this.timer = this.clock.setTimeout(() => this.flush(), wait);
    else this.immediate = setImmediate(() => this.flush());
  }

  /** Sends everything queued; members get one frame holding an array. */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    if (this.immediate !== undefined) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    this.lastFlush = this.clock.now();
    const entries = this.outbox;
    if (entries.length === 0) return;
    this.outbox = [];
    const frame = (list: OutboxEntry[]) => messagesFrame(list.map((e) => e.json));
    const excluded = new Set<string>();
    for (const e of entries) if (e.exclude !== undefined) excluded.add(e.exclude);
    const started = performance.now();
    const all = frameBytes(frame(entries));
    for (const member of this.members.values()) {
      if (member.buffered() > this.slowConsumerBytes) {
        this.stats.slowConsumerSkips++;
        continue;
      }
      if (!excluded.has(member.userID)) {
        member.send(all);
        continue;
      }
      const own = entries.filter((e) => e.exclude !== member.userID);
      if (own.length > 0) member.send(frame(own));
    }
    const took = performance.now() - started;
    this.stats.flushes++;
    this.stats.flushMsTotal += took;
    this.stats.flushMsMax = Math.max(this.stats.flushMsMax, took);
  }

  /** Sends a frame to every member right away (attribute updates). */
  broadcast(frame: EncodedFrame): void {
    for (const member of this.members.values()) {
      if (member.buffered() > this.slowConsumerBytes) this.stats.slowConsumerSkips++;
      else member.send(frame);
    }
  }

  close(): void {
    if (this.drainTimer !== undefined) this.clock.clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    for (const entry of this.pending.values()) {
      entry.resolve({ messageID: '', status: 'dropped' });
      for (const waiter of entry.waiters) waiter('');
    }
    this.pending.clear();
    this.flush();
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
