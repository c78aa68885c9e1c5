import type {
  InteractionResult,
  JoinRoomResult,
  LiveSellHandler,
  LiveSellPayload,
  MessageMeta,
  SenderRole,
  SendMessageResult,
} from '../src/live-sell/index';
import type { RoomStoreSource } from '../src/room/room-store-types';

/**
 * Test double for the room store's unit tests: a tiny emitter with `TIMLiveSell`'s `on`/`off`
 * typing and the few methods the store calls. The integration test drives real `TIMLiveSell`
 * instances over the local server instead.
 */
export class FakeLiveSell implements RoomStoreSource {
  role: SenderRole = 'member';
  joinResult: JoinRoomResult | undefined;
  sent: string[] = [];
  private readonly handlers = new Map<string, Set<(payload: never) => unknown>>();
  private nextID = 1;

  constructor(
    readonly userID = 'me',
    private readonly now: () => number = () => 0,
  ) {}

  on<K extends string>(event: K, handler: LiveSellHandler<K>): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    set.add(handler as (payload: never) => unknown);
    return () => this.off(event, handler);
  }

  off<K extends string>(event: K, handler: LiveSellHandler<K>): void {
    const set = this.handlers.get(event);
    set?.delete(handler as (payload: never) => unknown);
    if (set?.size === 0) this.handlers.delete(event);
  }

  emit<K extends string>(event: K, payload: LiveSellPayload<K>): void {
    for (const handler of this.handlers.get(event) ?? []) (handler as (p: LiveSellPayload<K>) => unknown)(payload);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  async sendMessage(msg: string): Promise<SendMessageResult> {
    this.sent.push(msg);
    return {
      userID: this.userID,
      nick: 'Me',
      avatar: '',
      message: msg,
      messageID: `own-${this.nextID++}`,
      time: this.now(),
    };
  }

  async like(): Promise<InteractionResult> {
    return this.interaction('');
  }

  async gift(): Promise<InteractionResult> {
    return this.interaction(`gift-${this.nextID++}`);
  }

  async attention(): Promise<InteractionResult> {
    return this.interaction(`att-${this.nextID++}`);
  }

  async cancelAttention(): Promise<InteractionResult> {
    return this.interaction(`unatt-${this.nextID++}`);
  }

  async joinRoom(): Promise<JoinRoomResult> {
    if (!this.joinResult) throw new Error('no join result set');
    return this.joinResult;
  }

  private interaction(messageID: string): InteractionResult {
    return { userID: this.userID, nick: 'Me', avatar: '', messageID, time: this.now() };
  }
}

let seq = 0;

/** The fields every message-borne event has, for a member `userID` unless overridden. */
export function meta(userID: string, extra: Partial<MessageMeta> = {}): MessageMeta {
  return {
    userID,
    nick: `nick-${userID}`,
    avatar: '',
    role: 'member',
    isHost: false,
    isSelf: false,
    messageID: `m${++seq}`,
    time: 0,
    ...extra,
  };
}

/** A custom-message event payload (`value` = `extension`). */
export function custom(userID: string, data: string, extension = '', extra: Partial<MessageMeta> = {}) {
  return { ...meta(userID, extra), value: extension, data, description: '', extension };
}
