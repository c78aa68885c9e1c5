/**
 * In-page measurement, installed into the page as plain JavaScript (no bundler helpers): every
 * animation frame's timestamp, every long task (> 50 ms) from `PerformanceObserver`, and the
 * page's element count once a second. `start()` / `stop()` bracket the measured window.
 */
export interface ProbeResult {
  /** rAF timestamps (ms, page clock). */
  frames: number[];
  longTasks: Array<{ start: number; duration: number }>;
  /** [time, elements] once a second. */
  elements: Array<[number, number]>;
  startedAt: number;
  stoppedAt: number;
}

export const PROBE_SOURCE = `(() => {
  if (window.__benchProbe) return;
  let running = false;
  let frames = [];
  let longTasks = [];
  let elements = [];
  let startedAt = 0;
  let timer = 0;
  const count = () => elements.push([performance.now(), document.getElementsByTagName('*').length]);
  const loop = (t) => {
    if (!running) return;
    frames.push(t);
    requestAnimationFrame(loop);
  };
  new PerformanceObserver((list) => {
    if (!running) return;
    for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask' });
  window.__benchProbe = {
    start() {
      frames = [];
      longTasks = [];
      elements = [];
      running = true;
      startedAt = performance.now();
      count();
      timer = setInterval(count, 1000);
      requestAnimationFrame(loop);
    },
    stop() {
      running = false;
      clearInterval(timer);
      count();
      return { frames, longTasks, elements, startedAt, stoppedAt: performance.now() };
    },
  };
})()`;
