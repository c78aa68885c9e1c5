export interface RecentIDs {
  /** Adds `id`; false when it is already there. An empty ID is never kept (nor a duplicate). */
  add(id: string): boolean;
  has(id: string): boolean;
}

/** The last `size` IDs added: this client's own messages when the service echoes them, things shown once. */
export function recentIDs(size: number): RecentIDs {
  const ring: string[] = [];
  const set = new Set<string>();
  let next = 0;
  return {
    add(id) {
      if (!id) return true;
      if (set.has(id)) return false;
      const old = ring[next];
      if (old !== undefined) set.delete(old);
      ring[next] = id;
      set.add(id);
      next = (next + 1) % size;
      return true;
    },
    has: (id) => set.has(id),
  };
}
