import { View } from '@tarojs/components';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { nextStick, type StickState } from './stick-to-bottom';
import type { DanmakuViewportProps } from './viewport-types';

/**
 * H5: a scrolling View driven through its element: scroll to the bottom right after a commit that
 * added rows (before paint), and read real sizes on scroll.
 */
export function DanmakuViewport({ className, pinned, version, onPinnedChange, children }: DanmakuViewportProps) {
  const ref = useRef<HTMLElement | null>(null);
  const stick = useRef<StickState>({ pinned, lastTop: 0 });
  const notify = useRef(onPinnedChange);
  notify.current = onPinnedChange;

  // `version` is the trigger: every commit that adds rows scrolls a pinned list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version on purpose, see above
  useLayoutEffect(() => {
    stick.current.pinned = pinned;
    const el = ref.current;
    if (!el || !pinned) return;
    el.scrollTop = el.scrollHeight;
    stick.current.lastTop = el.scrollTop;
  }, [pinned, version]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      const next = nextStick(stick.current, {
        scrollTop: el.scrollTop,
        scrollHeight: el.scrollHeight,
        viewportHeight: el.clientHeight,
      });
      const changed = next.pinned !== stick.current.pinned;
      stick.current = next;
      if (changed) notify.current(next.pinned);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    // Rows change height after the commit too (fonts, custom elements upgrading, a resized
    // window): keep a pinned list at the bottom through those.
    const observer =
      typeof ResizeObserver === 'function'
        ? new ResizeObserver(() => {
            if (stick.current.pinned) el.scrollTop = el.scrollHeight;
          })
        : undefined;
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, []);

  return (
    <View ref={ref} className={className}>
      {children}
    </View>
  );
}
