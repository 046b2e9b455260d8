/**
 * What reversing a paid request gives back to the fund: what its payment still has out, the
 * register's own figures (amount − withheld − returned), as the ledger counts it (PaymentReversed
 * `givenBack`). Decimal strings, counted on integers (BigInt), never on floats.
 */
export interface ComesBack {
  back: string;
  /** The cash shares closed before the payment, which it left out. */
  withheld: string;
  /** The money of closed shares given back to the fund since the payment. */
  returned: string;
  /** True when less than the request's amount comes back. */
  less: boolean;
}

function scaleOf(value: string): number {
  return (value.split('.')[1] ?? '').length;
}

function scaled(value: string, scale: number): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole + fraction.padEnd(scale, '0'));
}

function decimalOf(value: bigint, scale: number): string {
  const sign = value < 0n ? '-' : '';
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  if (scale === 0) return sign + digits;
  const fraction = digits.slice(-scale).replace(/0+$/, '');
  return sign + digits.slice(0, -scale) + (fraction ? `.${fraction}` : '');
}

export function whatComesBack(row: { amount: string; withheld?: string | null; returned?: string | null }): ComesBack {
  const withheld = row.withheld || '0';
  const returned = row.returned || '0';
  const scale = Math.max(scaleOf(row.amount), scaleOf(withheld), scaleOf(returned));
  const amount = scaled(row.amount, scale);
  const back = amount - scaled(withheld, scale) - scaled(returned, scale);
  return { back: decimalOf(back, scale), withheld, returned, less: back < amount };
}
