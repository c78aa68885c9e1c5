import { LiveSellError } from '@livesell/core';
import { type CSSProperties, type MutableRefObject, type RefObject, useEffect } from 'react';

/** Anything a surface or platform call threw, as the kit's typed error. */
export function asMediaError(cause: unknown): LiveSellError {
  if (cause instanceof LiveSellError) return cause;
  return new LiveSellError('MEDIA', cause instanceof Error ? cause.message : String(cause), { cause });
}

export const mediaRootStyle: CSSProperties = { position: 'relative', overflow: 'hidden', backgroundColor: '#000' };

export const mediaDebugStyle: CSSProperties = {
  position: 'absolute',
  left: '4px',
  top: '4px',
  padding: '2px 6px',
  fontSize: '11px',
  lineHeight: '15px',
  color: '#fff',
  backgroundColor: 'rgba(0,0,0,0.6)',
  whiteSpace: 'pre',
};

interface Controller<S, E> {
  getState(): S;
  dispatch(event: E): void;
}

/**
 * The two kinds of ref method a player or pusher has: `command` goes through the state machine and
 * waits for the surface command the transition caused; `withSurface` calls the surface directly
 * (snapshot, camera, BGM …). Both reject with `LiveSellError`.
 */
export function mediaCommands<S, E, H>(options: {
  controller: Controller<S, E>;
  lastCommand: RefObject<Promise<void>>;
  surface: RefObject<H | null>;
  /** True when the machine refused to start because there is no URL. */
  missingUrl: (state: S) => boolean;
  /** `playUrl` / `pushUrl`, and `player` / `pusher`, for the error messages. */
  urlProp: string;
  what: string;
}) {
  const { controller, lastCommand, surface } = options;
  return {
    async command(event: E): Promise<void> {
      const before = controller.getState();
      controller.dispatch(event);
      const after = controller.getState();
      if (options.missingUrl(after))
        throw new LiveSellError('INVALID_ARGUMENT', `set ${options.urlProp} before start()`);
      if (after === before) return;
      try {
        await lastCommand.current;
      } catch (cause) {
        throw asMediaError(cause);
      }
    },
    async withSurface<T>(run: (s: H) => Promise<T>): Promise<T> {
      const s = surface.current;
      if (!s) throw new LiveSellError('NOT_READY', `the ${options.what} is not mounted`);
      try {
        return await run(s);
      } catch (cause) {
        throw asMediaError(cause);
      }
    },
  };
}

/** The part of a player or pusher controller a surface command reports back to. */
interface SurfaceFailTarget {
  getState(): { loadId: number; status: string };
  dispatch(event: { type: 'fail'; error: { code: 0; reason: 'surface'; message: string; fatal: boolean } }): void;
}

/**
 * Remembers the surface command a transition caused (ref methods wait for it) and turns its failure
 * into the machine's `fail` — unless the machine has moved on to another URL or already stopped.
 */
export function trackSurfaceCommand(
  controller: SurfaceFailTarget,
  lastCommand: MutableRefObject<Promise<void>>,
  command: Promise<void>,
  /** The `loadId` of the state whose transition caused the command. */
  loadId: number,
): void {
  lastCommand.current = command;
  command.catch((cause: unknown) => {
    const current = controller.getState();
    if (current.loadId !== loadId || current.status === 'error' || current.status === 'stopped') return;
    const error = asMediaError(cause);
    controller.dispatch({
      type: 'fail',
      error: { code: 0, reason: 'surface', message: error.message, fatal: error.fatal },
    });
  });
}

interface SourceTarget<Start extends string> {
  getState(): { status: string; error?: { reason: string } };
  dispatch(event: { type: 'load'; url: string } | { type: Start } | { type: 'mute'; muted: boolean }): void;
}

/**
 * Feeds the `playUrl`/`pushUrl` and `muted` props to the machine, and starts it when `auto` is on and
 * it is idle (or was only waiting for a URL).
 */
export function useMediaSource<Start extends string>(
  controller: SourceTarget<Start>,
  url: string,
  auto: boolean,
  start: Start,
  muted: boolean,
): void {
  useEffect(() => {
    controller.dispatch({ type: 'load', url });
    const s = controller.getState();
    if (auto && url && (s.status === 'idle' || (s.status === 'error' && s.error?.reason === 'no-url'))) {
      controller.dispatch({ type: start });
    }
  }, [controller, url, auto, start]);

  useEffect(() => {
    controller.dispatch({ type: 'mute', muted });
  }, [controller, muted]);
}
