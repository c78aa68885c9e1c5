import type { CDPSession } from 'playwright-core';

/**
 * Main-thread tasks of the page's renderer from a Chrome trace (`toplevel` category only, so the
 * trace itself costs little). Each task has its wall time and its thread (CPU) time: on a shared
 * machine a task can last 200 ms of wall time while using 5 ms of CPU because the OS ran
 * something else — the CPU time is the page's own work.
 */
export interface MainThreadTasks {
  count: number;
  /** Tasks longer than 50 ms of wall time (what a long-task observer reports). */
  wallOver50: number;
  /** Tasks that used more than 50 ms of CPU. */
  cpuOver50: number;
  maxWallMs: number;
  maxCpuMs: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export async function startMainThreadTrace(cdp: CDPSession): Promise<() => Promise<MainThreadTasks>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    for (const v of e.value) events.push(v as TraceEvent);
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['toplevel', '__metadata'], excludedCategories: ['*'] },
  });
  return async () => {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await complete;
    cdp.off('Tracing.dataCollected', onData);
    const mains = new Set(
      events
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    const tasks = events.filter(
      (e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && mains.has(`${e.pid}:${e.tid}`),
    );
    const wall = tasks.map((t) => (t.dur ?? 0) / 1000);
    const cpu = tasks.map((t) => (t.tdur ?? 0) / 1000);
    return {
      count: tasks.length,
      wallOver50: wall.filter((ms) => ms > 50).length,
      cpuOver50: cpu.filter((ms) => ms > 50).length,
      maxWallMs: Math.max(0, ...wall),
      maxCpuMs: Math.max(0, ...cpu),
    };
  };
}
