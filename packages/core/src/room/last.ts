/** The last `max` items of `list` (the list itself when it is no longer): what a capped list keeps. */
export function last<T>(list: T[], max: number): T[];
export function last<T>(list: readonly T[], max: number): readonly T[];
export function last<T>(list: readonly T[], max: number): readonly T[] {
  return list.length > max ? list.slice(list.length - max) : list;
}
