import type { Payment } from '@venule/api-contract';

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Integer pence as pounds: 2500 → "£25.00", -2500 → "-£25.00". */
export function formatPence(pence: number): string {
  return POUNDS.format(pence / 100);
}

/** What a person typed as pounds ("25", "£25.50", "25.5") in whole pence; null when it is not an amount. */
export function parsePounds(text: string): number | null {
  const m = /^\s*£?\s*(\d{1,6})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A payment's effect on what was paid: reversals subtract. */
export function signedPence(payment: Pick<Payment, 'kind' | 'amountPence'>): number {
  return payment.kind === 'reversal' ? -payment.amountPence : payment.amountPence;
}
