import type { TimMessage } from '@livesell/core';

/**
 * What the IM side of the local server tells the rest of the process, the way Tencent IM's
 * server callbacks (`Group.CallbackAfterSendMsg`, `Group.CallbackAfterMemberExit`,
 * `Group.CallbackAfterGroupInfoChanged` …) tell a backend. Modules (the replay timeline,
 * moderation) subscribe through `LiveServerContext.im`; a listener that throws is logged and
 * never breaks delivery.
 */
export interface ImEventMap {
  /**
   * A message the room delivers — a member's message that passed every check and the rate
   * limiter, a server message or announcement, a group tip — once, when it is queued for
   * delivery (`message.time` is server seconds; `at` server ms). Messages refused, filtered or
   * dropped by the limiter never appear here.
   */
  message: { groupID: string; message: TimMessage; at: number };
  /** A room was created (over IM or the admin API). */
  roomCreated: { groupID: string; ownerID: string; at: number };
  /**
   * A room's profile or custom fields changed (whether or not anyone was online).
   * `customFields` holds only the keys written in this change.
   */
  roomUpdated: {
    groupID: string;
    operatorID: string;
    at: number;
    name?: string;
    notification?: string;
    introduction?: string;
    /** Changed group custom fields by key (`CustomFields` in `module.ts`; written out so events.ts imports nothing back from it). */
    customFields?: Record<string, string>;
  };
  /** A member entered the room's online group. */
  memberJoined: { groupID: string; userID: string; at: number };
  /** A member left: by quitting, by being kicked or removed, or by disconnecting. */
  memberLeft: { groupID: string; userID: string; at: number; reason: 'quit' | 'kicked' | 'disconnected' };
  /**
   * A message was deleted for everyone by the owner, an admin or the server (moderation): the
   * replay timeline and the recent-chat history must never show it again.
   */
  /** `from`: who sent the deleted message, when the server still knows (only their copy is deleted). */
  messageDeleted: { groupID: string; messageID: string; operatorID: string; at: number; from?: string };
  /**
   * A room was deleted (admin REST `DELETE /v4/admin/rooms/:id`, `LiveServerAdmin.deleteRoom`):
   * modules drop what they keep for it (recordings, the replay timeline).
   */
  roomDeleted: { groupID: string; operatorID: string; at: number };
}

export type ImEventType = keyof ImEventMap;
export type ImEventListener<K extends ImEventType> = (event: ImEventMap[K]) => void;

/** The subscribe-only face modules get: `on` returns the function that removes the listener. */
export interface ImEventSource {
  on<K extends ImEventType>(type: K, listener: ImEventListener<K>): () => void;
}

export class ImEvents implements ImEventSource {
  private readonly listeners: { [K in ImEventType]?: Set<ImEventListener<K>> } = {};

  constructor(private readonly log: (message: string) => void = () => {}) {}

  on<K extends ImEventType>(type: K, listener: ImEventListener<K>): () => void {
    let set = this.listeners[type] as Set<ImEventListener<K>> | undefined;
    if (!set) {
      set = new Set();
      (this.listeners as Record<K, Set<ImEventListener<K>>>)[type] = set;
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  /** True when someone listens (lets the sender skip building an event nobody reads). */
  has(type: ImEventType): boolean {
    const set = this.listeners[type];
    return set !== undefined && set.size > 0;
  }

  emit<K extends ImEventType>(type: K, event: ImEventMap[K]): void {
    const set = this.listeners[type] as Set<ImEventListener<K>> | undefined;
    if (!set) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch (error) {
        this.log(
          `im: ${type} listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
      }
    }
  }
}
