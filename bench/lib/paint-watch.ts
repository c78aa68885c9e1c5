/**
 * Installed into the receiving page as plain JavaScript: watches the DOM and, for each awaited
 * text, records the moment it was painted — the start of the first animation frame after the
 * mutation that put it in the document (`performance.timeOrigin + performance.now()`, a clock all
 * pages of one browser share).
 */
export interface PaintWatchResult {
  /** text → painted at (ms since the epoch, sub-ms). */
  painted: Record<string, number>;
}

export const PAINT_WATCH_SOURCE = `(() => {
  if (window.__paintWatch) return;
  const awaited = new Set();
  const painted = {};
  const wallNow = () => performance.timeOrigin + performance.now();
  const scan = () => {
    if (awaited.size === 0) return;
    const text = document.body.textContent || '';
    for (const marker of [...awaited]) {
      if (!text.includes(marker)) continue;
      awaited.delete(marker);
      requestAnimationFrame(() => {
        painted[marker] = wallNow();
      });
    }
  };
  new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
  window.__paintWatch = {
    expect(marker) {
      awaited.add(marker);
      scan();
    },
    result() {
      return { painted: { ...painted } };
    },
  };
})()`;
