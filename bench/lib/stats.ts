/** Small statistics for benchmark figures. */

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export const max = (values: readonly number[]): number => values.reduce((m, v) => Math.max(m, v), 0);

export const f1 = (n: number): string => n.toFixed(1);
export const f2 = (n: number): string => n.toFixed(2);
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
