import { useState } from 'react';

let next = 0;

/** A DOM/WXML-safe id, stable for the component's life (React's `useId` contains colons). */
export function useStableId(prefix: string, given?: string): string {
  const [id] = useState(() => given ?? `${prefix}-${++next}`);
  return given ?? id;
}
