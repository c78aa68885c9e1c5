import type { ReactNode } from 'react';

export interface DanmakuViewportProps {
  className: string;
  /** Follow new rows at the bottom. */
  pinned: boolean;
  /** Changes whenever a row is added. */
  version: number;
  /** DOM id of the newest row ('' when there is none). */
  targetId: string;
  /** The viewer scrolled up (false) or back to the bottom (true). */
  onPinnedChange: (pinned: boolean) => void;
  children: ReactNode;
}
