import { vi } from 'vitest';
import type { AudiencePage, ModerationClient, ModerationSettings } from '../moderation';

/** A moderation client double: records calls, answers from `settings` and `audience`. */
export function fakeModeration(
  options: { settings?: Partial<ModerationSettings>; audience?: AudiencePage } = {},
): ModerationClient & { calls: Array<[string, ...unknown[]]>; state: ModerationSettings } {
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
  const record =
    (name: string) =>
    async (...args: unknown[]) => {
      calls.push([name, ...args]);
      return {};
    };
  return {
    calls,
    state,
    mute: vi.fn(record('mute')),
    unmute: vi.fn(async (userID: string) => {
      calls.push(['unmute', userID]);
      state.muted = state.muted.filter((u) => u.userID !== userID);
      return {};
    }),
    remove: vi.fn(record('remove')),
    unblock: vi.fn(async (userID: string) => {
      calls.push(['unblock', userID]);
      state.blocked = state.blocked.filter((u) => u.userID !== userID);
      return {};
    }),
    deleteMessage: vi.fn(record('deleteMessage')),
    setAdmin: vi.fn(async (userID: string, admin: boolean) => {
      calls.push(['setAdmin', userID, admin]);
      state.admins = admin ? state.admins.concat([userID]) : state.admins.filter((a) => a !== userID);
      return {};
    }),
    settings: vi.fn(async () => ({ ...state })),
    updateSettings: vi.fn(async (patch) => {
      calls.push(['updateSettings', patch]);
      Object.assign(state, patch);
      return {};
    }),
    audience: vi.fn(async () => options.audience ?? { members: [], total: 0 }),
  };
}
