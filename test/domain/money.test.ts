import fc from 'fast-check';
import { AmountError, canonicalWan, minorToWan, wanToMinor, yuanToWan } from '../../src/domain/money';

describe('exact money in 万元', () => {
  it('parses and formats without floats', () => {
    expect(wanToMinor('42.21')).toBe(42_210_000);
    expect(minorToWan(42_210_000)).toBe('42.21');
    expect(minorToWan(0)).toBe('0');
    expect(minorToWan(1)).toBe('0.000001');
    expect(canonicalWan('042.2100')).toBe('42.21');
  });

  it('converts 元 to 万元 by moving the point', () => {
    expect(yuanToWan('251000')).toBe('25.1');
    expect(yuanToWan('79000.1')).toBe('7.90001');
    expect(yuanToWan('5')).toBe('0.0005');
    expect(yuanToWan('0')).toBe('0');
  });

  it('refuses what is not an exact amount, naming what was expected', () => {
    expect(() => wanToMinor('12,5')).toThrow(AmountError);
    expect(() => wanToMinor('0.0000001')).toThrow(/6 decimal places/);
  });

  it('round-trips every whole number of 分', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => wanToMinor(minorToWan(minor)) === minor));
  });
});
