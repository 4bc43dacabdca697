// date: GNU coreutils date over the world's virtual clock. Hosts run in UTC.

import { fail, ok, type Tool } from '../tool';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime as GNU date understands it (UTC only). */
export function strftime(fmt: string, ms: number): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const H = d.getUTCHours();
  const M = d.getUTCMinutes();
  const S = d.getUTCSeconds();
  const wd = d.getUTCDay();
  const yday = Math.floor((Date.UTC(Y, mo, day) - Date.UTC(Y, 0, 1)) / 86_400_000) + 1;
  const conv: Record<string, () => string> = {
    a: () => (DAYS[wd] as string).slice(0, 3),
    A: () => DAYS[wd] as string,
    b: () => (MONTHS[mo] as string).slice(0, 3),
    h: () => (MONTHS[mo] as string).slice(0, 3),
    B: () => MONTHS[mo] as string,
    c: () => strftime('%a %b %e %H:%M:%S %Y', ms),
    C: () => p2(Math.floor(Y / 100)),
    d: () => p2(day),
    D: () => strftime('%m/%d/%y', ms),
    e: () => String(day).padStart(2),
    F: () => strftime('%Y-%m-%d', ms),
    H: () => p2(H),
    I: () => p2(H % 12 || 12),
    j: () => String(yday).padStart(3, '0'),
    k: () => String(H).padStart(2),
    l: () => String(H % 12 || 12).padStart(2),
    m: () => p2(mo + 1),
    M: () => p2(M),
    n: () => '\n',
    N: () => String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0'),
    p: () => (H < 12 ? 'AM' : 'PM'),
    P: () => (H < 12 ? 'am' : 'pm'),
    r: () => strftime('%I:%M:%S %p', ms),
    R: () => strftime('%H:%M', ms),
    s: () => String(Math.floor(ms / 1000)),
    S: () => p2(S),
    t: () => '\t',
    T: () => strftime('%H:%M:%S', ms),
    u: () => String(wd || 7),
    w: () => String(wd),
    x: () => strftime('%m/%d/%y', ms),
    X: () => strftime('%H:%M:%S', ms),
    y: () => p2(Y % 100),
    Y: () => String(Y),
    z: () => '+0000',
    Z: () => 'UTC',
    '%': () => '%',
  };
  return fmt.replace(/%([-_0^#]?)(:?[a-zA-Z%])/g, (all, flag: string, c: string) => {
    if (c === ':z') return '+00:00';
    const f = conv[c];
    if (!f) return all;
    const v = f();
    if (flag === '-') return v.replace(/^[0 ]+(?=\d)/, '');
    if (flag === '^') return v.toUpperCase();
    return v;
  });
}

const UNITS: Record<string, number> = { second: 1000, sec: 1000, minute: 60_000, min: 60_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

/** The `-d STRING` forms people use: now, today, yesterday, tomorrow, @EPOCH, ISO dates, "N units [ago]". */
export function parseDate(text: string, now: number): number | undefined {
  let s = text.trim().toLowerCase();
  if (s === '' || s === 'now' || s === 'today') return now;
  if (s === 'yesterday') return now - 86_400_000;
  if (s === 'tomorrow') return now + 86_400_000;
  const epoch = /^@(-?\d+(?:\.\d+)?)$/.exec(s);
  if (epoch) return Math.round(Number(epoch[1]) * 1000);
  const rel = /^(?:(now|today)\s+)?([+-]?\s*\d+)\s*(second|sec|minute|min|hour|day|week|month|year)s?(\s+ago)?$/.exec(s);
  if (rel) {
    const n = Number((rel[2] as string).replace(/\s/g, '')) * (rel[4] ? -1 : 1);
    const unit = rel[3] as string;
    if (unit === 'month' || unit === 'year') {
      const d = new Date(now);
      if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n);
      else d.setUTCFullYear(d.getUTCFullYear() + n);
      return d.getTime();
    }
    return now + n * (UNITS[unit] as number);
  }
  s = s.replace(/\s+utc$/, 'z');
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*(z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (iso) {
    const [, y, mo, d, h = '0', mi = '0', se = '0', tz] = iso;
    let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
    if (tz && tz !== 'z') {
      const m = /([+-])(\d{2}):?(\d{2})/.exec(tz);
      if (m) t -= (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
    }
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

const ISO: Record<string, string> = { date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z', seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z' };
const RFC3339: Record<string, string> = { date: '%Y-%m-%d', seconds: '%Y-%m-%d %H:%M:%S%:z', ns: '%Y-%m-%d %H:%M:%S.%N%:z' };

export const date: Tool = async (args, ctx) => {
  let at = ctx.world.clock.now;
  let format = '%a %b %e %H:%M:%S %Z %Y';
  let formatSet = false;
  const setFormat = (f: string) => {
    if (formatSet) return false;
    format = f;
    formatSet = true;
    return true;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const dOpt = /^(?:-d|--date)(?:=(.*))?$/.exec(a) ?? (a.startsWith('-d') && a.length > 2 ? [a, a.slice(2)] : null);
    if (dOpt) {
      const text = dOpt[1] ?? args[++i];
      if (text === undefined) return fail("date: option requires an argument -- 'd'\nTry 'date --help' for more information.");
      const t = parseDate(text, ctx.world.clock.now);
      if (t === undefined) return fail(`date: invalid date ‘${text}’`);
      at = t;
    } else if (a === '-u' || a === '--utc' || a === '--universal') {
      // Already UTC.
    } else if (a === '-R' || a === '--rfc-email') {
      setFormat('%a, %d %b %Y %H:%M:%S %z');
    } else if (/^(-I|--iso-8601)/.test(a)) {
      const spec = a.replace(/^(-I|--iso-8601=?)/, '') || 'date';
      const f = ISO[spec];
      if (!f) return fail(`date: invalid argument ‘${spec}’ for ‘--iso-8601’\nValid arguments are:\n  - ‘hours’\n  - ‘minutes’\n  - ‘date’\n  - ‘seconds’\n  - ‘ns’\nTry 'date --help' for more information.`);
      if (!setFormat(f)) return fail('date: multiple output formats specified');
    } else if (a.startsWith('--rfc-3339=')) {
      const f = RFC3339[a.slice(11)];
      if (!f) return fail(`date: invalid argument ‘${a.slice(11)}’ for ‘--rfc-3339’`);
      if (!setFormat(f)) return fail('date: multiple output formats specified');
    } else if (a.startsWith('+')) {
      if (!setFormat(a.slice(1))) return fail('date: multiple output formats specified');
    } else if (a.startsWith('-') && a !== '-') {
      return fail(`date: invalid option -- '${a.replace(/^-+/, '')[0] ?? ''}'\nTry 'date --help' for more information.`);
    } else {
      // Setting the clock needs CAP_SYS_TIME on the real host; the simulated clock is the world's.
      return fail(`date: cannot set date: Operation not permitted\n${strftime(format, ctx.world.clock.now)}`);
    }
  }
  return ok(strftime(format, at) + '\n');
};
