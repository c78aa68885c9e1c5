import './tokens.css';

/** The CSS variables of the kit's theme (see `theme/tokens.css` for the defaults). */
export interface LiveTheme {
  accent?: string;
  accent2?: string;
  accentGradient?: string;
  accentText?: string;
  gold?: string;
  overlayBg?: string;
  overlayBgStrong?: string;
  overlayText?: string;
  sheetBg?: string;
  sheetText?: string;
  price?: string;
  radius?: string;
}

const VARS: Record<keyof LiveTheme, string> = {
  accent: '--ls-accent',
  accent2: '--ls-accent-2',
  accentGradient: '--ls-accent-gradient',
  accentText: '--ls-accent-text',
  gold: '--ls-gold',
  overlayBg: '--ls-overlay-bg',
  overlayBgStrong: '--ls-overlay-bg-strong',
  overlayText: '--ls-overlay-text',
  sheetBg: '--ls-sheet-bg',
  sheetText: '--ls-sheet-text',
  price: '--ls-price',
  radius: '--ls-radius',
};

/**
 * An inline style that sets theme variables on one element, e.g.
 * `<View style={themeStyle({ accent: '#00b578' })}>…</View>`; everything inside picks them up.
 */
export function themeStyle(theme: LiveTheme): Record<string, string> {
  const style: Record<string, string> = {};
  for (const key of Object.keys(theme) as Array<keyof LiveTheme>) {
    const value = theme[key];
    if (value) style[VARS[key]] = value;
  }
  return style;
}
