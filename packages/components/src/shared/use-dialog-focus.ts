/**
 * Keyboard focus for a modal sheet. Mini programs have no keyboard focus to manage: this seam does
 * nothing there; `use-dialog-focus.h5.ts` is the browser's.
 */
export function useDialogFocus(_id: string, _open: boolean, _close: () => void): void {}
