/**
 * Exact money. Amounts are 万元 (10,000 yuan) in every document and at the API, as decimal strings;
 * inside the domain and the database they are integers of 分 (0.01 yuan), so sums never round.
 * 1 万元 = 10,000 元 = 1,000,000 分.
 */

/** Minor units (分) per 万元. */
export const MINOR_PER_WAN = 1_000_000;
const WAN_DECIMALS = 6;
const YUAN_PER_WAN_DIGITS = 4;

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export class AmountError extends Error {
  constructor(readonly expected: string, readonly received: string) {
    super(`expected ${expected}, received ${JSON.stringify(received)}`);
  }
}

/**
 * Parses a decimal string in 万元 ("42.21", "0", "-3.5") into integer 分.
 * @throws AmountError when the text is not a plain decimal, is finer than 1 分, or is too large to be exact.
 */
export function wanToMinor(text: string): number {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new AmountError('a decimal number of 万元 such as "42.21"', text);
  const [, sign, whole, frac = ''] = m;
  const trimmedFrac = frac.replace(/0+$/, '');
  if (trimmedFrac.length > WAN_DECIMALS) throw new AmountError('at most 6 decimal places of 万元 (1 分)', text);
  const digits = (whole + trimmedFrac.padEnd(WAN_DECIMALS, '0')).replace(/^0+(?=\d)/, '');
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new AmountError('an amount below 90 billion 万元', text);
  return sign === '-' && value !== 0 ? -value : value;
}

/** Formats integer 分 as a decimal string of 万元 without trailing zeros: 42210000 → "42.21". */
export function minorToWan(minor: number): string {
  if (!Number.isSafeInteger(minor)) throw new AmountError('a whole number of 分', String(minor));
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(WAN_DECIMALS + 1, '0');
  const whole = digits.slice(0, -WAN_DECIMALS);
  const frac = digits.slice(-WAN_DECIMALS).replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** Converts a decimal string of 元 to a decimal string of 万元, exactly: "251000" → "25.1", "79000.1" → "7.90001". */
export function yuanToWan(text: string): string {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new AmountError('a decimal number of 元 such as "251000"', text);
  const [, sign, whole, frac = ''] = m;
  const padded = whole.padStart(YUAN_PER_WAN_DIGITS + 1, '0');
  const wanWhole = padded.slice(0, -YUAN_PER_WAN_DIGITS).replace(/^0+(?=\d)/, '');
  const wanFrac = (padded.slice(-YUAN_PER_WAN_DIGITS) + frac).replace(/0+$/, '');
  const result = `${wanWhole}${wanFrac ? `.${wanFrac}` : ''}`;
  return sign && result !== '0' ? `-${result}` : result;
}

/** Canonical form of a decimal string of 万元 ("042.210" → "42.21"). */
export function canonicalWan(text: string): string {
  return minorToWan(wanToMinor(text));
}
