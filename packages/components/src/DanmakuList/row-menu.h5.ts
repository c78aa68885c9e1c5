/**
 * H5: a "⋯" button on each row the user may moderate, reachable by keyboard and named for
 * screen readers (a long-press is neither). `row-menu.ts` is weapp's.
 */
export const ROW_MENU: 'button' | 'longpress' = 'button';
