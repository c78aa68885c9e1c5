/**
 * How the host and admins open a chat row's member menu. weapp: a long-press on the row (no
 * keyboard, and no extra node per row); `row-menu.h5.ts` is the browser's "⋯" button.
 */
export const ROW_MENU: 'button' | 'longpress' = 'longpress';
