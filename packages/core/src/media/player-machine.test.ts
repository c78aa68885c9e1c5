import { describe, expect, it } from 'vitest';
import { PLAYER_CODE as C } from './codes';
import { createPlayerState, type PlayerEvent, type PlayerState, playerTransition } from './player-machine';

const URL_A = 'https://play.example.com/live/a.flv';
const URL_B = 'https://play.example.com/live/b.flv';

function run(events: PlayerEvent[], state: PlayerState = createPlayerState({ url: URL_A })): PlayerState {
  return events.reduce(playerTransition, state);
}
const codes = (...list: number[]): PlayerEvent[] => list.map((code) => ({ type: 'code', code }));
const playing = () => run([{ type: 'play' }, ...codes(C.CONNECTED, C.PULL_START, C.FIRST_I_FRAME, C.PLAY_BEGIN)]);

describe('player machine: start and stop', () => {
  it('idle → connecting on play, bumping loadId', () => {
    const s = run([{ type: 'play' }]);
    expect(s).toMatchObject({ status: 'connecting', url: URL_A, loadId: 1, firstFrame: false });
  });

  it('play without a URL is a recoverable error', () => {
    const s = run([{ type: 'play' }], createPlayerState());
    expect(s).toMatchObject({ status: 'error', error: { reason: 'no-url', fatal: false } });
  });

  it('the WeChat start-up sequence reaches playing at 2004, marking the first frame at 2003', () => {
    const s1 = run([{ type: 'play' }, ...codes(C.CONNECTED, C.PULL_START, C.DECODER_START)]);
    expect(s1).toMatchObject({ status: 'connecting', lastCode: C.DECODER_START, firstFrame: false });
    const s2 = playerTransition(s1, { type: 'code', code: C.FIRST_I_FRAME });
    expect(s2).toMatchObject({ status: 'connecting', firstFrame: true });
    expect(playerTransition(s2, { type: 'code', code: C.PLAY_BEGIN })).toMatchObject({
      status: 'playing',
      lastCode: 2004,
    });
  });

  it('progress alone (H5 timeupdate) also means playing', () => {
    expect(run([{ type: 'play' }, { type: 'progress' }])).toMatchObject({ status: 'playing', firstFrame: true });
  });

  it('stop from any status but idle → stopped; codes after stop are ignored', () => {
    const stopped = playerTransition(playing(), { type: 'stop' });
    expect(stopped.status).toBe('stopped');
    expect(playerTransition(stopped, { type: 'code', code: C.PLAY_BEGIN })).toBe(stopped);
    expect(playerTransition(stopped, { type: 'progress' })).toBe(stopped);
    const idle = createPlayerState();
    expect(playerTransition(idle, { type: 'stop' })).toBe(idle);
    expect(playerTransition(idle, { type: 'code', code: C.PLAY_BEGIN })).toBe(idle);
  });

  it('2006 ends playback; play again reloads', () => {
    const ended = playerTransition(playing(), { type: 'code', code: C.END });
    expect(ended.status).toBe('ended');
    expect(playerTransition(ended, { type: 'play' })).toMatchObject({ status: 'connecting', loadId: 2 });
  });

  it('load while idle only remembers the URL; load while playing reloads', () => {
    const idle = playerTransition(createPlayerState(), { type: 'load', url: URL_B });
    expect(idle).toMatchObject({ status: 'idle', url: URL_B, loadId: 0 });
    const p = playing();
    expect(playerTransition(p, { type: 'load', url: URL_A })).toBe(p);
    expect(playerTransition(p, { type: 'load', url: URL_B })).toMatchObject({
      status: 'connecting',
      url: URL_B,
      loadId: 2,
    });
  });
});

describe('player machine: buffering, pause, mute', () => {
  it('playing ⇄ buffering on 2007/2105 and 2004/progress', () => {
    const b = playerTransition(playing(), { type: 'code', code: C.LOADING });
    expect(b.status).toBe('buffering');
    expect(playerTransition(b, { type: 'code', code: C.PLAY_BEGIN }).status).toBe('playing');
    expect(playerTransition(b, { type: 'progress' }).status).toBe('playing');
    expect(playerTransition(b, { type: 'code', code: C.PROGRESS }).status).toBe('playing');
    expect(playerTransition(playing(), { type: 'code', code: C.STUTTER }).status).toBe('buffering');
  });

  it('2007 while connecting keeps connecting', () => {
    expect(run([{ type: 'play' }, ...codes(C.LOADING)]).status).toBe('connecting');
  });

  it('pause → paused, resume → buffering until frames flow again', () => {
    const paused = playerTransition(playing(), { type: 'pause' });
    expect(paused.status).toBe('paused');
    expect(playerTransition(paused, { type: 'code', code: C.LOADING })).toMatchObject({
      status: 'paused',
      lastCode: 2007,
    });
    const resumed = playerTransition(paused, { type: 'resume' });
    expect(resumed.status).toBe('buffering');
    expect(playerTransition(resumed, { type: 'progress' }).status).toBe('playing');
    expect(playerTransition(createPlayerState(), { type: 'pause' }).status).toBe('idle');
    expect(playerTransition(playing(), { type: 'resume' }).status).toBe('playing');
  });

  it('resume before any frame reloads', () => {
    const paused = run([{ type: 'play' }, { type: 'pause' }]);
    expect(playerTransition(paused, { type: 'resume' })).toMatchObject({ status: 'connecting', loadId: 2 });
  });

  it('a fatal code while paused still fails', () => {
    const paused = playerTransition(playing(), { type: 'pause' });
    expect(playerTransition(paused, { type: 'code', code: -9999 }).status).toBe('error');
  });

  it('mute is kept across reloads', () => {
    const m = playerTransition(playing(), { type: 'mute', muted: true });
    expect(m.muted).toBe(true);
    expect(playerTransition(m, { type: 'mute', muted: true })).toBe(m);
    expect(playerTransition(m, { type: 'play' }).muted).toBe(true);
  });

  it('net status merges the latest figures', () => {
    const s = run([
      { type: 'netStatus', info: { videoBitrate: 800, videoFPS: 25 } },
      { type: 'netStatus', info: { videoFPS: 24 } },
    ]);
    expect(s.netStatus).toEqual({ videoBitrate: 800, videoFPS: 24 });
  });
});

describe('player machine: reconnecting and the restart policy', () => {
  it('2103 from the player → reconnecting by the player, no reload; 2004 recovers', () => {
    const r = playerTransition(playing(), { type: 'code', code: C.RECONNECTING });
    expect(r).toMatchObject({ status: 'reconnecting', by: 'player', retryInMs: null, loadId: 1, firstFrame: false });
    expect(playerTransition(r, { type: 'code', code: C.PLAY_BEGIN })).toMatchObject({ status: 'playing', loadId: 1 });
  });

  it('2103 synthesised by the watchdog reloads the source', () => {
    const r = playerTransition(playing(), { type: 'code', code: C.RECONNECTING, source: 'watchdog' });
    expect(r).toMatchObject({ status: 'reconnecting', by: 'watchdog', loadId: 2, lastCode: 2103 });
  });

  it('warnings (3001–3005, 2101, 2104, 2106, unknown 21xx/3xxx) keep the status and record the code', () => {
    for (const code of [3001, 3002, 3003, 3004, 3005, 2101, 2102, 2104, 2106, 2150, 3999, 2009, 2077]) {
      const s = playerTransition(playing(), { type: 'code', code });
      expect(s).toMatchObject({ status: 'playing', lastCode: code });
    }
  });

  it('−2301 restarts with doubling back-off, then fails with a typed error', () => {
    const policy = { maxRestarts: 3, baseDelayMs: 1000, maxDelayMs: 3000 };
    let s = run([{ type: 'play' }, ...codes(C.PLAY_BEGIN)], createPlayerState({ url: URL_A, policy }));
    const delays: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      s = playerTransition(s, { type: 'code', code: C.RECONNECTS_EXHAUSTED });
      expect(s.status).toBe('reconnecting');
      if (s.status !== 'reconnecting') throw new Error('unreachable');
      expect(s.by).toBe('restart');
      delays.push(s.retryInMs);
      // Codes while waiting for the back-off are stale (from the dead load).
      expect(playerTransition(s, { type: 'code', code: C.PLAY_BEGIN })).toBe(s);
      const loadId = s.loadId;
      s = playerTransition(s, { type: 'restart' });
      expect(s).toMatchObject({ status: 'reconnecting', retryInMs: null, loadId: loadId + 1 });
    }
    expect(delays).toEqual([1000, 2000, 3000]);
    s = playerTransition(s, { type: 'code', code: C.RECONNECTS_EXHAUSTED });
    expect(s).toMatchObject({
      status: 'error',
      error: { code: -2301, reason: 'restarts-exhausted', fatal: true },
      restarts: 3,
    });
  });

  it('playing again resets the restart count', () => {
    let s = run([{ type: 'play' }, ...codes(C.PLAY_BEGIN, C.RECONNECTS_EXHAUSTED), { type: 'restart' }]);
    expect(s.restarts).toBe(1);
    s = playerTransition(s, { type: 'code', code: C.PLAY_BEGIN });
    expect(s).toMatchObject({ status: 'playing', restarts: 0 });
  });

  it('maxRestarts 0 fails on the first −2301', () => {
    const s = run(
      [{ type: 'play' }, ...codes(C.RECONNECTS_EXHAUSTED)],
      createPlayerState({ url: URL_A, policy: { maxRestarts: 0 } }),
    );
    expect(s).toMatchObject({ status: 'error', error: { reason: 'restarts-exhausted' } });
  });

  it('restart outside a back-off wait does nothing', () => {
    const p = playing();
    expect(playerTransition(p, { type: 'restart' })).toBe(p);
  });

  it('unknown negative codes and −2302 are fatal', () => {
    for (const code of [-2302, -1, -9999]) {
      expect(playerTransition(playing(), { type: 'code', code })).toMatchObject({
        status: 'error',
        error: { code, reason: 'fatal-code', fatal: true },
      });
    }
  });

  it('codes after an error are ignored; play recovers', () => {
    const e = playerTransition(playing(), { type: 'code', code: -2302 });
    expect(playerTransition(e, { type: 'code', code: C.PLAY_BEGIN })).toBe(e);
    expect(playerTransition(e, { type: 'play' }).status).toBe('connecting');
  });
});

describe('player machine: first-frame timeout and surface failures', () => {
  it('while connecting → recoverable error', () => {
    expect(run([{ type: 'play' }, { type: 'firstFrameTimeout' }])).toMatchObject({
      status: 'error',
      error: { reason: 'first-frame-timeout', fatal: false },
    });
  });

  it('while reconnecting → counts as a give-up (restart policy)', () => {
    const s = run([{ type: 'play' }, ...codes(C.PLAY_BEGIN, C.RECONNECTING), { type: 'firstFrameTimeout' }]);
    expect(s).toMatchObject({ status: 'reconnecting', by: 'restart', restarts: 1, lastCode: -2301 });
  });

  it('is ignored once a frame was seen or when inactive', () => {
    const p = playing();
    expect(playerTransition(p, { type: 'firstFrameTimeout' })).toBe(p);
    const stopped = playerTransition(p, { type: 'stop' });
    expect(playerTransition(stopped, { type: 'firstFrameTimeout' })).toBe(stopped);
  });

  it('fail → error with the surface error; ignored when idle or stopped', () => {
    const error = { code: 0, reason: 'surface' as const, message: 'HLS is not playable here', fatal: true };
    expect(playerTransition(playing(), { type: 'fail', error })).toMatchObject({ status: 'error', error });
    const idle = createPlayerState();
    expect(playerTransition(idle, { type: 'fail', error })).toBe(idle);
  });
});
