import { createRoomStore, EVENT, type RoomStore, TIMLiveSell } from '@livesell/core';
import { createFakeTIM, createManualClock, incoming } from '@livesell/core/testing';
import { act, cleanup, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLiveSell } from '../hooks/useLiveSell';
import { useLiveSellEvent } from '../hooks/useLiveSellEvent';
import { useRoom, useRoomStore } from '../hooks/useRoom';
import { LiveRoomProvider } from './LiveRoomProvider';

afterEach(cleanup);

// Real TIMLiveSell clients over the core's fake TIM (Tencent's SDK is unreachable in unit tests).
async function client(userName: string) {
  const clock = createManualClock(1_700_000_000_000);
  const TIM = createFakeTIM();
  const liveSell = new TIMLiveSell({ SDKAppID: 1, roomID: '@TGS#room', userSig: 's', userName, TIM, clock });
  await liveSell.ready();
  return { liveSell, tim: TIM.last, clock };
}

// Commits at once (on a microtask), so the tests need no frame.
const microtask = {
  schedule: (commit: () => void) => {
    queueMicrotask(commit);
    return undefined;
  },
};

function Newest({ label }: { label: string }) {
  const seq = useRoom((s) => s.danmaku.newestSeq);
  return (
    <span data-testid={label}>
      {label}:{seq}
    </span>
  );
}

function Grab({ onStore }: { onStore: (store: RoomStore) => void }) {
  onStore(useRoomStore());
  return null;
}

function Host() {
  return <span data-testid="host">{useRoom((s) => s.host?.nick ?? '')}</span>;
}

function Likes({ onRender }: { onRender: () => void }) {
  onRender();
  return <span data-testid="likes">{useRoom((s) => s.likeTotal)}</span>;
}

function GiftSenders({ onValue }: { onValue: (ids: string[]) => void }) {
  const ids = useRoom(
    (s) => s.gifts.map((g) => g.userID),
    (x, y) => x.length === y.length && x.every((v, i) => v === y[i]),
  );
  onValue(ids);
  return null;
}

function Listener(props: { prefix: string; onClient: (c: TIMLiveSell) => void; onMessage: (text: string) => void }) {
  props.onClient(useLiveSell());
  useLiveSellEvent(EVENT.MESSAGE, (e) => {
    props.onMessage(`${props.prefix}${e.message}`);
  });
  return null;
}

/** Counts the handlers attached to the client right now (through `on`, and detached through the returned function). */
function countListeners(liveSell: TIMLiveSell) {
  let live = 0;
  const on = liveSell.on.bind(liveSell);
  liveSell.on = ((event: string, handler: never) => {
    const off = on(event, handler);
    live++;
    let done = false;
    return () => {
      if (!done) live--;
      done = true;
      off();
    };
  }) as TIMLiveSell['on'];
  return { live: () => live };
}

const tick = () => act(async () => await Promise.resolve());

describe('LiveRoomProvider', () => {
  it('builds a store per provider: two rooms on one page stay apart', async () => {
    const a = await client('a');
    const b = await client('b');
    render(
      <>
        <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask}>
          <Newest label="A" />
        </LiveRoomProvider>
        <LiveRoomProvider liveSell={b.liveSell} storeOptions={microtask}>
          <Newest label="B" />
        </LiveRoomProvider>
      </>,
    );
    act(() => a.tim.receive(incoming.text('x', 'one'), incoming.text('x', 'two')));
    await tick();
    expect(screen.getByTestId('A').textContent).toBe('A:2');
    expect(screen.getByTestId('B').textContent).toBe('B:0');
  });

  it('detaches the store it built on unmount; a given store is left usable', async () => {
    const a = await client('a');
    const listeners = countListeners(a.liveSell);
    let built: RoomStore | undefined;
    const view = render(
      <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask}>
        <Grab onStore={(store) => (built = store)} />
      </LiveRoomProvider>,
    );
    view.unmount();
    expect(listeners.live()).toBe(0);
    a.tim.receive(incoming.text('x', 'after unmount'));
    await Promise.resolve();
    expect(built?.getState().stats.received).toBe(0);

    const given = createRoomStore(a.liveSell, microtask);
    const again = render(
      <LiveRoomProvider store={given}>
        <Newest label="G" />
      </LiveRoomProvider>,
    );
    again.unmount();
    expect(listeners.live()).toBe(0);
    // Not destroyed: the app's own subscriber attaches it again.
    const off = given.subscribe(() => {});
    a.tim.receive(incoming.text('x', 'still usable'));
    await Promise.resolve();
    expect(given.getState().danmaku.newestSeq).toBe(1);
    off();
  });

  it('attaches one set of listeners under StrictMode and none after unmount', async () => {
    const a = await client('a');
    const listeners = countListeners(a.liveSell);
    // The number of events a store listens to, measured on a store outside React.
    const probe = createRoomStore(a.liveSell, microtask);
    expect(listeners.live()).toBe(0);
    const off = probe.subscribe(() => {});
    const perStore = listeners.live();
    expect(perStore).toBe(17);
    off();
    expect(listeners.live()).toBe(0);

    const view = render(
      <StrictMode>
        <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask} autoJoin>
          <Newest label="S" />
          <Likes onRender={() => {}} />
        </LiveRoomProvider>
      </StrictMode>,
    );
    await tick();
    expect(listeners.live()).toBe(perStore);
    act(() => a.tim.receive(incoming.text('x', 'hello')));
    await tick();
    expect(screen.getByTestId('S').textContent).toBe('S:1');
    view.unmount();
    expect(listeners.live()).toBe(0);
  });

  it('joins on request and fills the host from the group profile', async () => {
    const a = await client('a');
    const onJoin = vi.fn();
    render(
      <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask} autoJoin onJoin={onJoin}>
        <Host />
      </LiveRoomProvider>,
    );
    await tick();
    await tick();
    expect(onJoin).toHaveBeenCalledWith(expect.objectContaining({ status: 'JoinedSuccess' }));
    expect(screen.getByTestId('host').textContent).toBe('Host');
  });

  it('reports a failed auto-join as a LiveSellError', async () => {
    const a = await client('a');
    a.tim.answers.joinGroup = { code: 10007, message: 'no permission' };
    const onError = vi.fn();
    render(<LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask} autoJoin onError={onError} />);
    await tick();
    await tick();
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ name: 'LiveSellError', code: 'PERMISSION_DENIED' });
  });

  it('needs a client or a store, and hooks need a provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<LiveRoomProvider />)).toThrow(/liveSell/);
    expect(() => render(<Newest label="x" />)).toThrow(/inside <LiveRoomProvider>/);
    vi.restoreAllMocks();
  });
});

describe('hooks', () => {
  it('useRoom re-renders a component only when its slice changes', async () => {
    const a = await client('a');
    let renders = 0;
    render(
      <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask}>
        <Likes onRender={() => renders++} />
      </LiveRoomProvider>,
    );
    const first = renders;
    act(() => a.tim.receive(incoming.text('x', 'a'), incoming.text('y', 'b')));
    await tick();
    expect(renders).toBe(first);
    act(() => a.tim.receive(incoming.custom('x', { data: 'LIKE', description: '5' })));
    await tick();
    expect(screen.getByTestId('likes').textContent).toBe('5');
    expect(renders).toBe(first + 1);
  });

  it('useRoom keeps an equal selection when given isEqual', async () => {
    const a = await client('a');
    const seen: unknown[] = [];
    render(
      <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask}>
        <GiftSenders onValue={(ids) => seen.push(ids)} />
      </LiveRoomProvider>,
    );
    act(() => a.tim.receive(incoming.text('x', 'no gift')));
    await tick();
    expect(new Set(seen).size).toBe(1);
  });

  it('useLiveSellEvent calls the latest handler and stops on unmount; useLiveSell gives the client', async () => {
    const a = await client('a');
    const calls: string[] = [];
    let given: TIMLiveSell | undefined;
    const onClient = (c: TIMLiveSell) => {
      given = c;
    };
    const onMessage = (text: string) => calls.push(text);
    const view = render(
      <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask}>
        <Listener prefix="1:" onClient={onClient} onMessage={onMessage} />
      </LiveRoomProvider>,
    );
    expect(given).toBe(a.liveSell);
    a.tim.receive(incoming.text('x', 'hi'));
    view.rerender(
      <LiveRoomProvider liveSell={a.liveSell} storeOptions={microtask}>
        <Listener prefix="2:" onClient={onClient} onMessage={onMessage} />
      </LiveRoomProvider>,
    );
    a.tim.receive(incoming.text('x', 'again'));
    view.unmount();
    a.tim.receive(incoming.text('x', 'gone'));
    expect(calls).toEqual(['1:hi', '2:again']);
  });
});
