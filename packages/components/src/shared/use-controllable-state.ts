import { useCallback, useRef, useState } from 'react';

/**
 * Radix-style controlled/uncontrolled state: `value` wins when given, otherwise internal state
 * starting at `defaultValue`; `onChange` is called either way, only on a real change.
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T,
  onChange?: (next: T) => void,
): [T, (next: T) => void] {
  const [inner, setInner] = useState(defaultValue);
  const controlled = value !== undefined;
  const current = controlled ? value : inner;
  const latest = useRef({ current, controlled, onChange });
  latest.current = { current, controlled, onChange };
  const set = useCallback((next: T) => {
    const { current: now, controlled: isControlled, onChange: notify } = latest.current;
    if (Object.is(now, next)) return;
    if (!isControlled) setInner(next);
    notify?.(next);
  }, []);
  return [current, set];
}
