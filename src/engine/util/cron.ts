// Cron schedules as the CronJob controller reads them (robfig/cron's standard parser): five
// fields — minute hour day-of-month month day-of-week — with lists, ranges, steps, names,
// `?`, and the @yearly/@monthly/@weekly/@daily/@hourly descriptors. Times are UTC (the
// simulated hosts run in UTC), so spec.timeZone other than UTC/Etc/UTC is not modelled.

export interface CronSchedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function value(s: string, names: string[] | undefined, offset: number, field: string): number {
  const i = names ? names.indexOf(s.toLowerCase()) : -1;
  if (i >= 0) return i + offset;
  if (!/^\d+$/.test(s)) throw new Error(`failed to parse int from ${s}: strconv.Atoi: parsing "${s}": invalid syntax`);
  void field;
  return Number(s);
}

function parseField(text: string, min: number, max: number, names?: string[], offset = 0): { set: Set<number>; star: boolean } {
  const set = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : value(stepText, undefined, 0, text);
    if (step <= 0) throw new Error(`step of range should be a positive number: ${part}`);
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = min;
      hi = max;
      if (stepText === undefined) star = true;
    } else if (range.includes('-')) {
      const [a, b] = range.split('-') as [string, string];
      lo = value(a, names, offset, text);
      hi = value(b, names, offset, text);
    } else {
      lo = value(range, names, offset, text);
      hi = stepText === undefined ? lo : max;
    }
    if (lo < min) throw new Error(`beginning of range (${lo}) below minimum (${min}): ${part}`);
    if (hi > max) throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
    if (lo > hi) throw new Error(`beginning of range (${lo}) beyond end of range (${hi}): ${part}`);
    for (let v = lo; v <= hi; v += step) set.add(v);
  }
  return { set, star };
}

/** Parses a schedule; throws with robfig/cron's message (which the API server shows). */
export function parseCron(spec: string): CronSchedule {
  const text = DESCRIPTORS[spec.trim()] ?? spec.trim();
  const fields = text.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new Error(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  const [mi, h, dom, mo, dow] = fields as [string, string, string, string, string];
  const d = parseField(dom, 1, 31);
  const w = parseField(dow, 0, 7, DAYS);
  if (w.set.has(7)) {
    w.set.delete(7);
    w.set.add(0);
  }
  return { minute: parseField(mi, 0, 59).set, hour: parseField(h, 0, 23).set, dom: d.set, month: parseField(mo, 1, 12, MONTHS, 1).set, dow: w.set, domStar: d.star, dowStar: w.star };
}

function dayMatches(s: CronSchedule, d: Date): boolean {
  const dm = s.dom.has(d.getUTCDate());
  const wm = s.dow.has(d.getUTCDay());
  // Both restricted: either may match (as cron and robfig/cron do).
  if (!s.domStar && !s.dowStar) return dm || wm;
  return dm && wm;
}

/** The first scheduled minute strictly after `afterMs` (UTC), or undefined within 5 years. */
export function nextRun(s: CronSchedule, afterMs: number): number | undefined {
  const d = new Date(Math.floor(afterMs / 60_000) * 60_000 + 60_000);
  const limit = afterMs + 5 * 366 * 86_400_000;
  while (d.getTime() <= limit) {
    if (!s.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!dayMatches(s, d)) {
      d.setUTCDate(d.getUTCDate() + 1);
      d.setUTCHours(0, 0, 0, 0);
      continue;
    }
    if (!s.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return d.getTime();
  }
  return undefined;
}
