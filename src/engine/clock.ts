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
  /** Pending timers in firing order (at, then seq); `byKey` finds one by kind and ref. */
  private timers: Timer[] = [];
  private byKey = new Map<string, Timer>();
  private seq = 0;

  constructor(public now: number) {}

  static fromJSON(j: ClockJSON): Clock {
    const c = new Clock(j.now);
    c.timers = j.timers.map((t) => ({ ...t }));
    for (const t of c.timers) c.byKey.set(keyOf(t.kind, t.ref), t);
    c.seq = j.seq;
    return c;
  }

  toJSON(): ClockJSON {
    return { now: this.now, timers: this.timers.map((t) => ({ ...t })), seq: this.seq };
  }

  /** Returns when the (kind, ref) timer now fires: `delayMs` from now, or earlier if one was pending. */
  schedule(delayMs: number, kind: string, ref: string): number {
    const at = this.now + Math.max(0, delayMs);
    // One pending timer per (kind, ref): the earliest wins, so re-scheduling is cheap and idempotent.
    const k = keyOf(kind, ref);
    const existing = this.byKey.get(k);
    if (existing) {
      if (existing.at <= at) return existing.at;
      this.timers.splice(this.timers.indexOf(existing), 1);
      existing.at = at;
      this.insert(existing);
      return at;
    }
    const t = { at, kind, ref, seq: this.seq++ };
    this.byKey.set(k, t);
    this.insert(t);
    return at;
  }

  cancel(kind: string, ref: string): void {
    const k = keyOf(kind, ref);
    const t = this.byKey.get(k);
    if (!t) return;
    this.byKey.delete(k);
    this.timers.splice(this.timers.indexOf(t), 1);
  }

  nextAt(): number | undefined {
    return this.timers[0]?.at;
  }

  /** Removes and returns the timers due at or before `t`, earliest first. */
  takeDue(t: number): Timer[] {
    let i = 0;
    while (i < this.timers.length && (this.timers[i] as Timer).at <= t) i++;
    const due = this.timers.splice(0, i);
    for (const d of due) this.byKey.delete(keyOf(d.kind, d.ref));
    return due;
  }

  pending(): number {
    return this.timers.length;
  }

  iso(t = this.now): string {
    const sec = Math.floor(t / 1000);
    // Called for every status and event write; most calls fall in the same second.
    if (sec !== this.isoSec) {
      this.isoSec = sec;
      this.isoText = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
    }
    return this.isoText;
  }

  private isoSec = NaN;
  private isoText = '';

  /** Inserts keeping (at, seq) order: after every timer that sorts before it. */
  private insert(t: Timer): void {
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.timers[mid] as Timer;
      if (m.at < t.at || (m.at === t.at && m.seq < t.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, t);
  }
}

function keyOf(kind: string, ref: string): string {
  return `${kind}\u0000${ref}`;
}
