/** The last `size` IDs added: this client's own messages when the service echoes them, things shown once. */
export class RecentIDs {
  private readonly ring: string[] = [];
  private readonly set = new Set<string>();
  private next = 0;

  constructor(private readonly size: number) {}

  /** Adds `id`; false when it is already there. An empty ID is never kept (nor a duplicate). */
  add(id: string): boolean {
    if (!id) return true;
    if (this.set.has(id)) return false;
    const old = this.ring[this.next];
    if (old !== undefined) this.set.delete(old);
    this.ring[this.next] = id;
    this.set.add(id);
    this.next = (this.next + 1) % this.size;
    return true;
  }

  has(id: string): boolean {
    return this.set.has(id);
  }
}
