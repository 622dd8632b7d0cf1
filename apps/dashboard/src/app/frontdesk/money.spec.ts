import { formatPence, parsePounds, signedPence } from './money';

describe('money', () => {
  it('shows integer pence as pounds and pence', () => {
    expect(formatPence(2500)).toBe('£25.00');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(123456)).toBe('£1,234.56');
    expect(formatPence(-2500)).toBe('-£25.00');
  });

  it('reads amounts as people type them, in whole pence', () => {
    expect(parsePounds('25')).toBe(2500);
    expect(parsePounds('£25.5')).toBe(2550);
    expect(parsePounds(' 25.05 ')).toBe(2505);
    expect(parsePounds('25.555')).toBeNull();
    expect(parsePounds('twenty')).toBeNull();
    expect(parsePounds('')).toBeNull();
  });

  it('counts a reversal against what was paid', () => {
    expect(signedPence({ kind: 'deposit', amountPence: 2500 })).toBe(2500);
    expect(signedPence({ kind: 'reversal', amountPence: 2500 })).toBe(-2500);
  });
});
