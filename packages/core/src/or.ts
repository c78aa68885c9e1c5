/**
 * `value ?? fallback` as a call. ES2015 output lowers each `??` into a temporary and a `!= null`
 * test; over the option defaults of the live-room modules that adds up against the @livesell/core
 * size budget. For defaults only: unlike `??`, the fallback is evaluated even when unused.
 */
export const or = <T>(value: T | null | undefined, fallback: T): T => (value != null ? value : fallback);
