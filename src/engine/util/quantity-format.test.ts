import { describe, expect, it } from 'vitest';
import { canonicalQuantity, canonicalize } from './quantity-format';

describe('canonical quantities', () => {
  it('prints decimal quantities with the largest whole suffix', () => {
    expect(canonicalQuantity(0, 'DecimalSI')).toBe('0');
    expect(canonicalQuantity(0.5, 'DecimalSI')).toBe('500m');
    expect(canonicalQuantity(1.5, 'DecimalSI')).toBe('1500m');
    expect(canonicalQuantity(2, 'DecimalSI')).toBe('2');
    expect(canonicalQuantity(1500, 'DecimalSI')).toBe('1500');
    expect(canonicalQuantity(2000, 'DecimalSI')).toBe('2k');
    expect(canonicalQuantity(5e8, 'DecimalSI')).toBe('500M');
  });
  it('prints binary quantities in Ki/Mi/Gi, falling back to decimal', () => {
    expect(canonicalQuantity(0, 'BinarySI')).toBe('0');
    expect(canonicalQuantity(500, 'BinarySI')).toBe('500');
    expect(canonicalQuantity(1536 * 2 ** 20, 'BinarySI')).toBe('1536Mi');
    expect(canonicalQuantity(2 ** 30, 'BinarySI')).toBe('1Gi');
    expect(canonicalQuantity(1500, 'BinarySI')).toBe('1500');
  });
  it('canonicalizes written quantities', () => {
    expect(canonicalize('0.5')).toBe('500m');
    expect(canonicalize('1000m')).toBe('1');
    expect(canonicalize('1024Mi')).toBe('1Gi');
    expect(canonicalize('10')).toBe('10');
    expect(canonicalize('1G')).toBe('1G');
  });
});
