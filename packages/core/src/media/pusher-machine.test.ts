import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { codeSeverity, describeCode, PUSHER_ERROR as E, PUSHER_CODE as P, readNetStatus } from './codes';
import { createPusherController, pusherErrorToLiveSellError } from './pusher-controller';
import { createPusherState, type PusherEvent, type PusherState, pusherTransition } from './pusher-machine';

const URL = 'rtmp://push.example.com/live/s1?txSecret=x&txTime=1';
const run = (events: PusherEvent[], state: PusherState = createPusherState({ url: URL })) =>
  events.reduce(pusherTransition, state);
const codes = (...list: number[]): PusherEvent[] => list.map((code) => ({ type: 'code', code }));
const pushing = () =>
  run([{ type: 'startPreview' }, { type: 'start' }, ...codes(P.CAMERA_OPEN, P.CONNECTED, P.PUSHING)]);

describe('pusher machine: preview and push', () => {
  it('preview is independent of the push', () => {
    const p = run([{ type: 'startPreview' }]);
    expect(p).toMatchObject({ status: 'idle', preview: true });
    expect(pusherTransition(p, { type: 'startPreview' })).toBe(p);
    expect(run([{ type: 'stopPreview' }], p).preview).toBe(false);
    expect(run(codes(P.CAMERA_OPEN))).toMatchObject({ status: 'idle', preview: true, lastCode: 1003 });
  });

  it('start → connecting (1001 keeps it) → pushing at 1002', () => {
    const c = run([{ type: 'start' }, ...codes(P.CONNECTED, P.ENCODER_START, P.FIRST_FRAME)]);
    expect(c).toMatchObject({ status: 'connecting', loadId: 1, pushed: false, lastCode: 1007 });
    expect(pusherTransition(c, { type: 'code', code: P.PUSHING })).toMatchObject({ status: 'pushing', pushed: true });
  });

  it('start without a URL is a recoverable error', () => {
    expect(run([{ type: 'start' }], createPusherState())).toMatchObject({
      status: 'error',
      error: { reason: 'no-url' },
    });
  });

  it('push codes are ignored while no push runs; warnings are still recorded', () => {
    const idle = run(codes(P.PUSHING));
    expect(idle).toMatchObject({ status: 'idle', lastCode: 1002 });
    expect(run(codes(P.CONGESTED))).toMatchObject({ status: 'idle', lastWarning: 1101 });
  });

  it('stop keeps the preview; pause/resume return to pushing', () => {
    const stopped = pusherTransition(pushing(), { type: 'stop' });
    expect(stopped).toMatchObject({ status: 'stopped', preview: true, pushed: false });
    const paused = pusherTransition(pushing(), { type: 'pause' });
    expect(paused.status).toBe('paused');
    expect(pusherTransition(paused, { type: 'code', code: P.RECONNECTING })).toMatchObject({
      status: 'paused',
      lastWarning: 1102,
    });
    expect(pusherTransition(paused, { type: 'resume' }).status).toBe('pushing');
    const pausedEarly = run([{ type: 'start' }, { type: 'pause' }]);
    expect(pusherTransition(pausedEarly, { type: 'resume' }).status).toBe('connecting');
    const idle = createPusherState();
    expect(pusherTransition(idle, { type: 'pause' })).toBe(idle);
    expect(pusherTransition(idle, { type: 'resume' })).toBe(idle);
    expect(pusherTransition(idle, { type: 'stop' })).toBe(idle);
  });

  it('load reloads only a running push', () => {
    const other = 'rtmp://push.example.com/live/s2';
    expect(run([{ type: 'load', url: other }])).toMatchObject({ status: 'idle', url: other, loadId: 0 });
    expect(pusherTransition(pushing(), { type: 'load', url: other })).toMatchObject({
      status: 'connecting',
      loadId: 2,
    });
  });

  it('mute and net status', () => {
    const s = run([
      { type: 'mute', muted: true },
      { type: 'netStatus', info: { videoBitrate: 900 } },
    ]);
    expect(s).toMatchObject({ muted: true, netStatus: { videoBitrate: 900 } });
  });
});

describe('pusher machine: warnings, reconnects and failures', () => {
  it('1101 and 3001–3005 are warnings while pushing', () => {
    for (const code of [P.CONGESTED, P.HW_ENCODE_FAIL, 3001, 3002, 3003, 3004, 3005, 1150]) {
      expect(pusherTransition(pushing(), { type: 'code', code })).toMatchObject({
        status: 'pushing',
        lastWarning: code,
      });
    }
    expect(pusherTransition(pushing(), { type: 'code', code: P.BITRATE_ADJUSTED })).toMatchObject({
      status: 'pushing',
      lastWarning: null,
    });
  });

  it('1102 → reconnecting by the pusher; 1002 recovers', () => {
    const r = pusherTransition(pushing(), { type: 'code', code: P.RECONNECTING });
    expect(r).toMatchObject({ status: 'reconnecting', by: 'pusher', retryInMs: null, loadId: 1 });
    expect(pusherTransition(r, { type: 'code', code: P.RECONNECTING })).toMatchObject({ status: 'reconnecting' });
    expect(pusherTransition(r, { type: 'code', code: P.PUSHING }).status).toBe('pushing');
  });

  it('−1307 restarts with back-off, then fails', () => {
    let s = run([{ type: 'start' }, ...codes(P.PUSHING)], createPusherState({ url: URL, policy: { maxRestarts: 2 } }));
    s = pusherTransition(s, { type: 'code', code: P.RECONNECTS_EXHAUSTED });
    expect(s).toMatchObject({ status: 'reconnecting', by: 'restart', retryInMs: 1000, restarts: 1 });
    expect(pusherTransition(s, { type: 'code', code: P.PUSHING })).toBe(s);
    s = pusherTransition(s, { type: 'restart' });
    expect(s).toMatchObject({ status: 'reconnecting', retryInMs: null, loadId: 2 });
    s = pusherTransition(s, { type: 'code', code: P.RECONNECTS_EXHAUSTED });
    expect(s).toMatchObject({ retryInMs: 2000, restarts: 2 });
    s = pusherTransition(pusherTransition(s, { type: 'restart' }), { type: 'code', code: P.RECONNECTS_EXHAUSTED });
    expect(s).toMatchObject({ status: 'error', error: { code: -1307, reason: 'restarts-exhausted', fatal: true } });
    expect(pusherTransition(s, { type: 'code', code: P.PUSHING })).toBe(s);
    expect(pusherTransition(s, { type: 'start' }).status).toBe('connecting');
  });

  it('−1301/−1302 are device failures even without a push and end the preview', () => {
    const preview = run([{ type: 'startPreview' }]);
    expect(pusherTransition(preview, { type: 'code', code: P.CAMERA_FAIL })).toMatchObject({
      status: 'error',
      preview: false,
      error: { code: -1301, reason: 'camera', fatal: true },
    });
    expect(pusherTransition(pushing(), { type: 'code', code: P.MIC_FAIL })).toMatchObject({
      status: 'error',
      preview: false,
      error: { code: -1302, reason: 'microphone' },
    });
  });

  it('−1303…−1306 and unknown negatives are fatal while pushing', () => {
    for (const code of [-1303, -1304, -1305, -1306, -1999]) {
      expect(pusherTransition(pushing(), { type: 'code', code })).toMatchObject({
        status: 'error',
        error: { code, reason: 'fatal-code' },
      });
    }
  });

  it('binderror 10001/10002 fail with a permission error; 10003/10004 are warnings', () => {
    expect(run([{ type: 'deviceError', code: E.CAMERA_DENIED }])).toMatchObject({
      status: 'error',
      error: { code: 10001, reason: 'permission', message: 'camera permission denied' },
    });
    expect(run([{ type: 'deviceError', code: E.MIC_DENIED, message: 'no mic' }])).toMatchObject({
      error: { code: 10002, message: 'no mic' },
    });
    const bgm = run([{ type: 'bgm', phase: 'start', duration: 30 }], pushing());
    expect(pusherTransition(bgm, { type: 'deviceError', code: E.BGM_LOAD_FAIL })).toMatchObject({
      status: 'pushing',
      lastWarning: 10003,
      bgm: { status: 'idle' },
    });
    expect(pusherTransition(pushing(), { type: 'deviceError', code: E.WAITING_IMAGE_FAIL })).toMatchObject({
      status: 'pushing',
      lastWarning: 10004,
    });
  });

  it('fail records a surface error', () => {
    const error = { code: 0, reason: 'surface' as const, message: 'WHIP refused', fatal: false };
    expect(pusherTransition(pushing(), { type: 'fail', error })).toMatchObject({
      status: 'error',
      error,
      preview: true,
    });
  });
});

describe('pusher machine: background music', () => {
  it('start → progress → pause → resume → complete', () => {
    let s = run([{ type: 'bgm', phase: 'start', duration: 120 }]);
    expect(s.bgm).toEqual({ status: 'playing', progress: 0, duration: 120 });
    s = run([{ type: 'bgm', phase: 'progress', progress: 12 }], s);
    expect(s.bgm).toEqual({ status: 'playing', progress: 12, duration: 120 });
    s = run([{ type: 'bgm', phase: 'pause' }], s);
    expect(s.bgm.status).toBe('paused');
    expect(run([{ type: 'bgm', phase: 'pause' }], s)).toBe(s);
    s = run([{ type: 'bgm', phase: 'resume' }], s);
    expect(s.bgm.status).toBe('playing');
    expect(run([{ type: 'bgm', phase: 'resume' }], s)).toBe(s);
    expect(run([{ type: 'bgm', phase: 'complete' }], s).bgm).toEqual({ status: 'idle', progress: 0, duration: 0 });
    expect(run([{ type: 'bgm', phase: 'stop' }], s).bgm.status).toBe('idle');
  });
});

describe('pusher controller', () => {
  it('schedules restarts on the injected clock', () => {
    const clock = createManualClock(0);
    const pusher = createPusherController({ clock, url: URL, restart: { baseDelayMs: 500 } });
    pusher.dispatch({ type: 'start' });
    pusher.dispatch({ type: 'code', code: P.PUSHING });
    pusher.dispatch({ type: 'code', code: P.RECONNECTS_EXHAUSTED });
    expect(pusher.getState()).toMatchObject({ status: 'reconnecting', loadId: 1 });
    clock.advance(499);
    expect(pusher.getState()).toMatchObject({ loadId: 1 });
    clock.advance(1);
    expect(pusher.getState()).toMatchObject({ status: 'reconnecting', retryInMs: null, loadId: 2 });
    pusher.dispatch({ type: 'code', code: P.PUSHING });
    expect(pusher.getState()).toMatchObject({ status: 'pushing', restarts: 0 });
    pusher.dispatch({ type: 'code', code: P.RECONNECTS_EXHAUSTED });
    pusher.dispatch({ type: 'stop' });
    expect(clock.pending()).toBe(0);
    pusher.destroy();
  });

  it('device errors become DEVICE LiveSellErrors', () => {
    expect(
      pusherErrorToLiveSellError({ code: 10001, reason: 'permission', message: 'denied', fatal: true }),
    ).toMatchObject({
      code: 'DEVICE',
      details: { code: 10001 },
    });
    expect(
      pusherErrorToLiveSellError({ code: -1307, reason: 'restarts-exhausted', message: 'x', fatal: true }).code,
    ).toBe('MEDIA');
  });
});

describe('codes', () => {
  it('classify by the documented ranges', () => {
    expect([-2301, -1307, -5, 10001, 10002].map(codeSeverity)).toEqual(['fatal', 'fatal', 'fatal', 'fatal', 'fatal']);
    expect([1101, 1199, 2101, 2199, 3000, 3999, 10003, 10004].every((c) => codeSeverity(c) === 'warning')).toBe(true);
    expect([1001, 1002, 2004, 2009, 1200, 2200, 4000].every((c) => codeSeverity(c) === 'info')).toBe(true);
    expect(describeCode(2004)).toBe('playback started');
    expect(describeCode(4242)).toBe('code 4242');
  });

  it('readNetStatus keeps known numeric fields only', () => {
    expect(
      readNetStatus({ videoBitrate: 800, videoFPS: '25', netSpeed: 'fast', evil: 1, videoWidth: Number.NaN }),
    ).toEqual({
      videoBitrate: 800,
      videoFPS: 25,
    });
    expect(readNetStatus(null)).toEqual({});
  });
});
