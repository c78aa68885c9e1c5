import { useEffect, useRef } from 'react';

const FOCUSABLE = '[tabindex="0"], button, input, textarea, select, a[href]';

/**
 * Keyboard focus for the modal sheet with DOM id `id` while `open`: focus moves into it, Tab and
 * Shift+Tab stay inside, Escape closes it, and focus returns to where it was when it closes.
 */
export function useDialogFocus(id: string, open: boolean, close: () => void): void {
  const latestClose = useRef(close);
  latestClose.current = close;
  useEffect(() => {
    if (!open || typeof document === 'undefined') return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = () => document.getElementById(id);
    const focusables = () => {
      const root = dialog();
      if (!root) return [];
      return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
        (el) => el.getAttribute('aria-disabled') !== 'true',
      );
    };
    // Taro's H5 components are custom elements that finish rendering a few frames after React's
    // commit, and drop focus on the way: keep focus inside until it has stayed there a few frames.
    let frames = 0;
    let settled = 0;
    let pending = 0;
    const focusInside = () => {
      const root = dialog();
      if (root?.contains(document.activeElement)) settled++;
      else {
        settled = 0;
        focusables()[0]?.focus();
      }
      if (settled < 3 && frames++ < 30) pending = requestAnimationFrame(focusInside);
    };
    focusInside();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        latestClose.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const list = focusables();
      const first = list[0];
      const last = list[list.length - 1];
      if (!first || !last) return;
      const inside = dialog()?.contains(document.activeElement) ?? false;
      if (event.shiftKey && (document.activeElement === first || !inside)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      cancelAnimationFrame(pending);
      document.removeEventListener('keydown', onKeyDown);
      if (opener?.isConnected) opener.focus();
    };
  }, [id, open]);
}
