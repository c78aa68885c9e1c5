import {
  type Audience,
  type Moderation,
  type ModerationSettings,
  moderationEvents,
  moderationState,
} from '@livesell/core/moderation';
import { vi } from 'vitest';
import { createTestRoom, type TestRoom, type TestRoomOptions } from './room';

/**
 * A test room whose client decodes moderation (`moderationEvents`) and whose store keeps its state (`myRole`, `mutedUntil`, slow mode, removed,
 * deleted rows), as a page with `moderationState()` in its store's extensions. The fake TIM's
 * owner is `host`: `{ userID: 'host' }` is the owner.
 */
export function createModerationRoom(options: TestRoomOptions = {}): Promise<TestRoom> {
  return createTestRoom({
    extensions: [moderationEvents],
    ...options,
    store: { extensions: [moderationState({ recentChat: false })], ...options.store },
  });
}

export type FakeModeration = Moderation & { calls: Array<[string, ...unknown[]]>; state: ModerationSettings };

/**
 * A double of `createModeration(…)` (which needs a server): records calls, keeps the settings it
 * is given and answers `settings()` / `audience()` from them.
 */
export function fakeModeration(
  options: { settings?: Partial<ModerationSettings>; audience?: Audience } = {},
): FakeModeration {
  const calls: Array<[string, ...unknown[]]> = [];
  const state: ModerationSettings = {
    words: [],
    noLinks: false,
    filterMode: 'refuse',
    slowModeSeconds: 0,
    muted: [],
    blocked: [],
    admins: [],
    ...options.settings,
  };
  return {
    calls,
    state,
    mute: vi.fn(async (userID: string, seconds: number) => {
      calls.push(['mute', userID, seconds]);
    }),
    unmute: vi.fn(async (userID: string) => {
      calls.push(['unmute', userID]);
      state.muted = state.muted.filter((u) => u.userID !== userID);
    }),
    remove: vi.fn(async (userID: string, o?: { block?: boolean | number }) => {
      calls.push(o === undefined ? ['remove', userID] : ['remove', userID, o]);
    }),
    unblock: vi.fn(async (userID: string) => {
      calls.push(['unblock', userID]);
      state.blocked = state.blocked.filter((u) => u.userID !== userID);
    }),
    deleteMessage: vi.fn(async (messageID: string) => {
      calls.push(['deleteMessage', messageID]);
    }),
    setAdmin: vi.fn(async (userID: string, admin: boolean) => {
      calls.push(['setAdmin', userID, admin]);
      state.admins = admin ? state.admins.concat([userID]) : state.admins.filter((a) => a !== userID);
    }),
    settings: vi.fn(async () => Object.assign({}, state)),
    updateSettings: vi.fn(async (patch) => {
      calls.push(['updateSettings', patch]);
      Object.assign(state, patch);
      return Object.assign({}, state);
    }),
    audience: vi.fn(async () => options.audience ?? { members: [], total: 0 }),
  };
}
