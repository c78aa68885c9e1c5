import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { LiveSellError } from '../errors';
import { PLAYER_CODE as C } from './codes';
import { createPlayerController, playerErrorToLiveSellError } from './player-controller';
import type { PlayerEvent, PlayerState } from './player-machine';

const URL = 'https://play.example.com/live/a.flv';

function setup(options: Parameters<typeof createPlayerController>[0] = {}) {
  const clock = createManualClock(0);
  const player = createPlayerController({ clock, url: URL, ...options });
  const log: Array<{ event: PlayerEvent; status: PlayerState['status']; at: number }> = [];
  player.subscribe((state, event) => log.push({ event, status: state.status, at: clock.now() }));
  const code = (c: number) => player.dispatch({ type: 'code', code: c });
  return { clock, player, log, code };
}

describe('player controller: watchdog', () => {
  it('no progress for 5 s → synthetic 2105 then 2103 and a reload', () => {
    const { clock, player, log, code } = setup();
    player.dispatch({ type: 'play' });
    code(C.PLAY_BEGIN);
    for (let i = 0; i < 8; i++) {
      clock.advance(1000);
      player.dispatch({ type: 'progress' });
    }
    expect(player.getState().status).toBe('playing');
    clock.advance(4999);
    expect(player.getState().status).toBe('playing');
    clock.advance(1);
    const synthetic = log.filter((l) => l.event.type === 'code' && l.event.source === 'watchdog');
    expect(synthetic.map((l) => [l.event.type === 'code' && l.event.code, l.status, l.at])).toEqual([
      [2105, 'buffering', 13_000],
      [2103, 'reconnecting', 13_000],
    ]);
    expect(player.getState()).toMatchObject({ status: 'reconnecting', by: 'watchdog', loadId: 2 });
  });

  it('buffering without progress also trips the stall timer', () => {
    const { clock, player, code } = setup();
    player.dispatch({ type: 'play' });
    code(C.PLAY_BEGIN);
    clock.advance(2000);
    code(C.LOADING);
    expect(player.getState().status).toBe('buffering');
    clock.advance(3000);
    expect(player.getState()).toMatchObject({ status: 'reconnecting', by: 'watchdog' });
  });

  it('no first frame within 10 s of play → first-frame-timeout error', () => {
    const { clock, player } = setup();
    player.dispatch({ type: 'play' });
    clock.advance(9999);
    expect(player.getState().status).toBe('connecting');
    clock.advance(1);
    expect(player.getState()).toMatchObject({ status: 'error', error: { reason: 'first-frame-timeout' } });
    expect(clock.pending()).toBe(0);
  });

  it('a dead source after playing: stall → reload → no first frame → restarts with back-off → error', () => {
    const { clock, player, code, log } = setup({
      restart: { maxRestarts: 2, baseDelayMs: 1000, maxDelayMs: 8000 },
      watchdog: { stallMs: 5000, firstFrameMs: 10_000 },
    });
    player.dispatch({ type: 'play' });
    code(C.PLAY_BEGIN);
    clock.advance(5000); // stall at 5 s: reload
    expect(player.getState()).toMatchObject({ status: 'reconnecting', by: 'watchdog', loadId: 2 });
    clock.advance(10_000); // 15 s: no picture after the reload → restart 1 in 1 s
    expect(player.getState()).toMatchObject({ status: 'reconnecting', by: 'restart', retryInMs: 1000, restarts: 1 });
    clock.advance(1000); // 16 s: restart 1 loads
    expect(player.getState()).toMatchObject({ status: 'reconnecting', retryInMs: null, loadId: 3 });
    clock.advance(10_000); // 26 s: restart 2 in 2 s
    expect(player.getState()).toMatchObject({ retryInMs: 2000, restarts: 2 });
    clock.advance(2000 + 10_000); // 38 s: gives up
    expect(player.getState()).toMatchObject({ status: 'error', error: { code: -2301, reason: 'restarts-exhausted' } });
    expect(log.filter((l) => l.event.type === 'restart').map((l) => l.at)).toEqual([16_000, 28_000]);
    expect(clock.pending()).toBe(0);
  });

  it('the source coming back during a restart resumes playing and resets the count', () => {
    const { clock, player, code } = setup();
    player.dispatch({ type: 'play' });
    code(C.PLAY_BEGIN);
    code(C.RECONNECTS_EXHAUSTED);
    clock.advance(1000);
    expect(player.getState()).toMatchObject({ status: 'reconnecting', loadId: 2, restarts: 1 });
    code(C.PLAY_BEGIN);
    expect(player.getState()).toMatchObject({ status: 'playing', restarts: 0 });
    clock.advance(4000);
    player.dispatch({ type: 'progress' });
    clock.advance(4000);
    expect(player.getState().status).toBe('playing');
  });

  it('pause and stop disarm every timer', () => {
    const { clock, player, code } = setup();
    player.dispatch({ type: 'play' });
    code(C.PLAY_BEGIN);
    player.dispatch({ type: 'pause' });
    expect(clock.pending()).toBe(0);
    clock.advance(60_000);
    expect(player.getState().status).toBe('paused');
    player.dispatch({ type: 'resume' });
    expect(clock.pending()).toBe(1);
    player.dispatch({ type: 'stop' });
    expect(clock.pending()).toBe(0);
  });

  it('watchdog: false leaves stalls to the platform', () => {
    const { clock, player, code } = setup({ watchdog: false });
    player.dispatch({ type: 'play' });
    code(C.PLAY_BEGIN);
    clock.advance(60_000);
    expect(player.getState().status).toBe('playing');
    code(C.RECONNECTS_EXHAUSTED);
    expect(clock.pending()).toBe(1); // only the restart back-off
  });

  it('destroy clears timers and ignores later events', () => {
    const { clock, player, code } = setup();
    player.dispatch({ type: 'play' });
    code(C.PLAY_BEGIN);
    player.destroy();
    expect(clock.pending()).toBe(0);
    code(C.END);
    expect(player.getState().status).toBe('playing');
  });

  it('listeners see events raised inside a listener after the current one', () => {
    const { player } = setup({ watchdog: false });
    const seen: string[] = [];
    player.subscribe((state, event) => {
      seen.push(`${event.type}:${state.status}`);
      if (event.type === 'play') player.dispatch({ type: 'code', code: C.PLAY_BEGIN });
    });
    player.dispatch({ type: 'play' });
    expect(seen).toEqual(['play:connecting', 'code:playing']);
  });
});

describe('playerErrorToLiveSellError', () => {
  it('gives a typed MEDIA error carrying the player code', () => {
    const e = playerErrorToLiveSellError({ code: -2301, reason: 'restarts-exhausted', message: 'gone', fatal: true });
    expect(e).toBeInstanceOf(LiveSellError);
    expect(e).toMatchObject({ code: 'MEDIA', fatal: true, details: { code: -2301, reason: 'restarts-exhausted' } });
  });
});
