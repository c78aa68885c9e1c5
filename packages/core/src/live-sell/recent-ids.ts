/** The last `size` IDs added, for telling this client's own messages when the service echoes them. */
export class RecentIDs {
  private readonly ring: string[] = [];
  private readonly set = new Set<string>();
  private next = 0;

  constructor(private readonly size: number) {}

  add(id: string): void {
    if (!id || this.set.has(id)) return;
    const old = this.ring[this.next];
    if (old !== undefined) this.set.delete(old);
    this.ring[this.next] = id;
    this.set.add(id);
    this.next = (this.next + 1) % this.size;
  }

  has(id: string): boolean {
    return this.set.has(id);
  }
}
