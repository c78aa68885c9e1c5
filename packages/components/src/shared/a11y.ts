export interface PressableOptions {
  disabled?: boolean;
  /** A toggle button's state (`aria-pressed`). */
  pressed?: boolean;
  /** Whether the thing this button opens is open (`aria-expanded`). */
  expanded?: boolean;
  busy?: boolean;
}

/** What `pressable` spreads onto a Taro `View`. */
export interface PressableProps {
  role: 'button';
  'aria-label': string;
  'aria-disabled'?: 'true';
  'aria-pressed'?: 'true' | 'false';
  'aria-expanded'?: 'true' | 'false';
  'aria-busy'?: 'true';
  tabIndex: number;
  onClick: (event?: { stopPropagation?: () => void }) => void;
  onKeyDown: (event: { key?: string; preventDefault?: () => void }) => void;
}

/**
 * Props that make a Taro `View` a button: `role` and `aria-*` (attribute names with a dash reach
 * the H5 element as written; camel-cased `ariaLabel` would not), keyboard focus and Enter/Space on
 * desktop. Buttons are Views, not Taro `Button`s, so weapp's native button chrome never shows.
 */
export function pressable(
  label: string,
  onPress: (() => void) | undefined,
  options: PressableOptions = {},
): PressableProps {
  const disabled = options.disabled === true;
  const press = () => {
    if (!disabled) onPress?.();
  };
  const props: PressableProps = {
    role: 'button',
    'aria-label': label,
    tabIndex: disabled ? -1 : 0,
    onClick: (event) => {
      // Overlays sit on the player: a tap on a button is not a tap on the video.
      event?.stopPropagation?.();
      press();
    },
    onKeyDown: (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault?.();
      press();
    },
  };
  if (disabled) props['aria-disabled'] = 'true';
  if (options.pressed !== undefined) props['aria-pressed'] = options.pressed ? 'true' : 'false';
  if (options.expanded !== undefined) props['aria-expanded'] = options.expanded ? 'true' : 'false';
  if (options.busy) props['aria-busy'] = 'true';
  return props;
}
