/**
 * Test rooms for component tests: a real `TIMLiveSell` and a real room store over the core's fake
 * TIM (a test double of Tencent's SDK, which is unreachable in unit tests) and a manual clock. The
 * store commits only when a test calls `deliver`/`commit`, so each step is one commit, as a frame is.
 */

import { createRoomStore, type RoomStore, type RoomStoreOptions, TIMLiveSell } from '@livesell/core';
import { GROUP_FIELD } from '@livesell/core/protocol';
import {
  createFakeTIM,
  createManualClock,
  type FakeTimInstance,
  incoming,
  type ManualClock,
} from '@livesell/core/testing';
import { act, type RenderResult, render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { LiveRoomProvider } from '../../LiveRoomProvider/LiveRoomProvider';

export { incoming };
export const ROOM_ID = '@TGS#room';
/** The manual clock starts here (local time of the test device). */
export const T0 = 1_700_000_000_000;

export interface TestRoom {
  liveSell: TIMLiveSell;
  tim: FakeTimInstance;
  store: RoomStore;
  clock: ManualClock;
  /** Delivers SDK messages (one MESSAGE_RECEIVED batch) and commits the store. */
  deliver(...messages: unknown[]): void;
  /** Commits what the store has pending. */
  commit(): void;
  /** Moves the clock (timers run) and commits. */
  advance(ms: number): void;
  render(ui: ReactElement): RenderResult;
}

export interface TestRoomOptions {
  userID?: string;
  nick?: string;
  store?: Partial<RoomStoreOptions>;
  prepare?: (tim: FakeTimInstance) => void;
  /** Join the room before returning (default true). */
  join?: boolean;
  /** `TIMLiveSell` extensions (e.g. `moderationEvents`). */
  extensions?: ConstructorParameters<typeof TIMLiveSell>[0]['extensions'];
}

export async function createTestRoom(options: TestRoomOptions = {}): Promise<TestRoom> {
  const clock = createManualClock(T0);
  const TIM = createFakeTIM((tim) => {
    // The fake's group starts with a product pushed; rooms here start with none.
    tim.group.groupCustomField = tim.group.groupCustomField.filter((f) => f.key !== GROUP_FIELD.ADD_GOODS);
    options.prepare?.(tim);
  });
  const liveSell = new TIMLiveSell({
    SDKAppID: 1400000001,
    roomID: ROOM_ID,
    userSig: 'sig',
    userName: options.userID ?? 'me',
    nick: options.nick ?? 'Me',
    TIM,
    clock,
    extensions: options.extensions,
  });
  await liveSell.ready();
  const store = createRoomStore(liveSell, { clock, schedule: () => undefined, ...options.store });
  // A store listens while it has a subscriber; the test room keeps one for its whole life.
  store.subscribe(() => {});
  if (options.join !== false) {
    await store.actions.join();
    store.flush();
  }
  const commit = () => act(() => store.flush());
  return {
    liveSell,
    tim: TIM.last,
    store,
    clock,
    deliver(...messages) {
      act(() => {
        TIM.last.receive(...messages);
        store.flush();
      });
    },
    commit,
    advance(ms) {
      act(() => {
        clock.advance(ms);
        store.flush();
      });
    },
    render(ui) {
      // As a wrapper, so `rerender` keeps the provider.
      const wrapper = ({ children }: { children: ReactNode }) => (
        <LiveRoomProvider liveSell={liveSell} store={store} clock={clock}>
          {children}
        </LiveRoomProvider>
      );
      return render(ui, { wrapper });
    },
  };
}

/** Lets pending promises (an awaited send, a handler) settle inside `act`. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });
}
