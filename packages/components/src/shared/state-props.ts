/**
 * A component state as both `data-state` (H5, tests, DevTools) and a `block--state` modifier class.
 * The kit's CSS styles the class: Taro's weapp templates render no `data-*` attributes, so a
 * `[data-state]` selector would never match in the mini program.
 */
export function stateProps(block: string, state: string, extra?: string): { className: string; 'data-state': string } {
  return {
    className: extra ? `${block} ${block}--${state} ${extra}` : `${block} ${block}--${state}`,
    'data-state': state,
  };
}
