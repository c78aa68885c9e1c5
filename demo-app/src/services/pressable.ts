export interface DemoPressableOptions {
  /** `link` for a control that opens another page. Default `button`. */
  role?: 'button' | 'link';
  /** Accessible name when the visible text is not enough. */
  label?: string;
  disabled?: boolean;
  /** A toggle's state (`aria-pressed`). */
  pressed?: boolean;
}

/**
 * Props that make a Taro `View` a real control for keyboards and screen readers: a role, a tab stop,
 * Enter/Space to activate, `aria-disabled` / `aria-pressed`. Views rather than Taro `Button`s: on H5 a
 * Taro Button is a custom element that assistive technology does not see as a button, and on weapp it
 * brings WeChat's native button chrome.
 */
export function pressable(onPress: () => void, options: DemoPressableOptions = {}) {
  const disabled = options.disabled === true;
  const press = () => {
    if (!disabled) onPress();
  };
  return {
    role: options.role ?? 'button',
    tabIndex: disabled ? -1 : 0,
    ...(options.label ? { 'aria-label': options.label } : {}),
    ...(disabled ? { 'aria-disabled': 'true' as const } : {}),
    ...(options.pressed !== undefined
      ? { 'aria-pressed': options.pressed ? ('true' as const) : ('false' as const) }
      : {}),
    onClick: press,
    onKeyDown: (event: { key?: string; preventDefault?: () => void }) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault?.();
      press();
    },
  };
}
