/** Keeps the k best (id, score) pairs in a min-heap: O(n log k) instead of sorting every candidate. */
export class TopK {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  /** Scores below this cannot enter (the worst kept score once full): callers may skip offer() for them. */
  floor = -Infinity;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(Math.max(0, k));
    this.scores = new Float64Array(Math.max(0, k));
  }

  offer(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.size < this.k) {
      this.ids[this.size] = id;
      this.scores[this.size] = score;
      this.up(this.size++);
    } else if (this.better(score, id, this.scores[0]!, this.ids[0]!)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0);
    } else return;
    if (this.size === this.k) this.floor = this.scores[0]!;
  }

  /** Best first; equal scores keep the earlier sentence first, so results are stable. */
  sorted(): { id: number; score: number }[] {
    const out: { id: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ id: this.ids[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private better(scoreA: number, idA: number, scoreB: number, idB: number): boolean {
    return scoreA > scoreB || (scoreA === scoreB && idA < idB);
  }

  private swap(i: number, j: number): void {
    const id = this.ids[i]!;
    const score = this.scores[i]!;
    this.ids[i] = this.ids[j]!;
    this.scores[i] = this.scores[j]!;
    this.ids[j] = id;
    this.scores[j] = score;
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(this.scores[parent]!, this.ids[parent]!, this.scores[i]!, this.ids[i]!)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.size;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < n && this.better(this.scores[worst]!, this.ids[worst]!, this.scores[left]!, this.ids[left]!)) worst = left;
      if (right < n && this.better(this.scores[worst]!, this.ids[worst]!, this.scores[right]!, this.ids[right]!)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
