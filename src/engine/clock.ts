// Virtual time. Nothing in the engine waits on real time: components schedule timers
// here (plain data, so the world serialises) and the world fires them as time advances.

export interface Timer {
  at: number;
  /** Which component handles it, e.g. "kubelet.sync". */
  kind: string;
  /** The object it concerns, e.g. "default/nginx". */
  ref: string;
  seq: number;
}

export interface ClockJSON {
  now: number;
  timers: Timer[];
  seq: number;
}

export class Clock {
  private timers: Timer[] = [];
  private seq = 0;

  constructor(public now: number) {}

  static fromJSON(j: ClockJSON): Clock {
    const c = new Clock(j.now);
    c.timers = j.timers.map((t) => ({ ...t }));
    c.seq = j.seq;
    return c;
  }

  toJSON(): ClockJSON {
    return { now: this.now, timers: this.timers.map((t) => ({ ...t })), seq: this.seq };
  }

  schedule(delayMs: number, kind: string, ref: string): void {
    const at = this.now + Math.max(0, delayMs);
    // One pending timer per (kind, ref): the earliest wins, so re-scheduling is cheap and idempotent.
    const existing = this.timers.find((t) => t.kind === kind && t.ref === ref);
    if (existing) {
      if (existing.at <= at) return;
      existing.at = at;
      this.sortTimers();
      return;
    }
    this.timers.push({ at, kind, ref, seq: this.seq++ });
    this.sortTimers();
  }

  cancel(kind: string, ref: string): void {
    this.timers = this.timers.filter((t) => !(t.kind === kind && t.ref === ref));
  }

  nextAt(): number | undefined {
    return this.timers[0]?.at;
  }

  /** Removes and returns the timers due at or before `t`, earliest first. */
  takeDue(t: number): Timer[] {
    let i = 0;
    while (i < this.timers.length && (this.timers[i] as Timer).at <= t) i++;
    return this.timers.splice(0, i);
  }

  pending(): number {
    return this.timers.length;
  }

  iso(t = this.now): string {
    return new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  private sortTimers(): void {
    this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}
