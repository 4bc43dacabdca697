// resource.Quantity's canonical text, the form the API server writes back: a quantity keeps the
// format it was written in (binary "Mi"/"Gi" suffixes, or decimal ones), and prints as the
// largest suffix that keeps the number whole ("1536Mi", "1500m", "2k", "0").

import { parseQuantity } from './quantity';

export type QuantityFormat = 'BinarySI' | 'DecimalSI';

/** The format a written quantity carries: binary suffixes mean BinarySI, anything else DecimalSI. */
export function quantityFormat(q: string | undefined): QuantityFormat {
  return q && /(Ki|Mi|Gi|Ti|Pi|Ei)$/.test(q.trim()) ? 'BinarySI' : 'DecimalSI';
}

const DECIMAL_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BINARY_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

function decimal(value: number): string {
  // Whole nanos as a BigInt, so large byte counts stay exact.
  let mantissa = Number.isInteger(value) ? BigInt(value) * 1_000_000_000n : BigInt(Math.round(value * 1e9));
  if (mantissa === 0n) return '0';
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  // The exponent must be a multiple of 3 to have a suffix; push the remainder into the number.
  while (((exponent % 3) + 3) % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  while (exponent > 18) {
    mantissa *= 1000n;
    exponent -= 3;
  }
  return `${mantissa}${DECIMAL_SUFFIX[exponent]}`;
}

/** The canonical text of `value` (base units) in `format`, as Quantity.String() prints it. */
export function canonicalQuantity(value: number, format: QuantityFormat): string {
  // BinarySI falls back to decimal below 1024 and for anything not a whole number of bytes.
  if (format === 'DecimalSI' || Math.abs(value) < 1024 || !Number.isInteger(value)) return decimal(value);
  let n = BigInt(value);
  let i = 0;
  while (i < BINARY_SUFFIX.length - 1 && n % 1024n === 0n) {
    n /= 1024n;
    i++;
  }
  return `${n}${BINARY_SUFFIX[i]}`;
}

/** A written quantity in its canonical form ("0.5" → "500m", "1024Mi" → "1Gi"); unparsable text stays. */
export function canonicalize(q: string): string {
  const v = parseQuantity(q);
  return Number.isNaN(v) ? q : canonicalQuantity(v, quantityFormat(q));
}
