import { ScrollView } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { nextStick, STICK_THRESHOLD, type StickState } from './stick-to-bottom';
import type { DanmakuViewportProps } from './viewport-types';

let instances = 0;

interface ScrollDetail {
  scrollTop?: number;
  scrollHeight?: number;
}

/**
 * weapp: a native scroll-view. It follows the newest row with `scroll-into-view` (the row's id
 * changes with every new row, so each one scrolls once; '' while the viewer reads). The scroll
 * event has no viewport height, so it is measured once with a selector query.
 */
export function DanmakuViewport({ className, pinned, targetId, onPinnedChange, children }: DanmakuViewportProps) {
  const [id] = useState(() => `ls-danmaku-viewport-${++instances}`);
  const viewportHeight = useRef(0);
  const stick = useRef<StickState>({ pinned, lastTop: 0 });
  stick.current.pinned = pinned;

  useEffect(() => {
    const query = typeof Taro.createSelectorQuery === 'function' ? Taro.createSelectorQuery() : undefined;
    query
      ?.select(`#${id}`)
      .boundingClientRect((rect) => {
        const box = Array.isArray(rect) ? rect[0] : rect;
        viewportHeight.current = box?.height ?? 0;
      })
      .exec();
  }, [id]);

  const report = (next: StickState) => {
    const changed = next.pinned !== stick.current.pinned;
    stick.current = next;
    if (changed) onPinnedChange(next.pinned);
  };

  return (
    <ScrollView
      id={id}
      className={className}
      scrollY
      scrollIntoView={pinned ? targetId : ''}
      lowerThreshold={STICK_THRESHOLD}
      onScrollToLower={() => report({ pinned: true, lastTop: stick.current.lastTop })}
      onScroll={(event) => {
        const detail = (event.detail ?? {}) as ScrollDetail;
        report(
          nextStick(stick.current, {
            scrollTop: detail.scrollTop ?? 0,
            scrollHeight: detail.scrollHeight ?? 0,
            viewportHeight: viewportHeight.current,
          }),
        );
      }}
    >
      {children}
    </ScrollView>
  );
}
