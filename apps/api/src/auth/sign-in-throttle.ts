import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RateLimitService } from '../platform/rate-limit/rate-limit.service';

/**
 * Sign-in limits, per 15-minute window. Every attempt is counted before its password is checked,
 * and a successful one is taken back, so the counts are of attempts that failed or are in flight.
 *
 * - One address, any accounts: 20. Hard: the address itself gets 429 until the window ends.
 * - One account from one address: 5. Guessing one account from one place stops there.
 * - One account from addresses it has not signed in from in the last 30 days: 10 in all. This
 *   holds off guessing spread over many addresses, while the member of staff still signs in from
 *   an address they used before: an outsider cannot lock them out of the account.
 */
export const SIGN_IN_LIMITS = {
  windowSeconds: 15 * 60,
  perAddress: 20,
  perAccountFromAddress: 5,
  perAccountFromNewAddresses: 10,
  knownAddressDays: 30,
} as const;

/** The limit that refused an attempt, as the audit trail names it. */
export type SignInLimit = 'address' | 'account_from_address' | 'account_from_new_addresses';

export type Admission =
  { admitted: true; fromKnownAddress: boolean } | { admitted: false; limit: SignInLimit; retryAfterSeconds: number; firstRefusal: boolean };

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

@Injectable()
export class SignInThrottle {
  constructor(private readonly counters: RateLimitService) {}

  /**
   * Counts the attempt, one counter at a time so that an attempt refused by the address limit does
   * not also count against the account (else one address could shut the account to new addresses).
   */
  async admit(email: string, address: string): Promise<Admission> {
    const keys = this.keys(email, address);
    const known = await this.counters.isActive(keys.known);
    const checks: [string, number, SignInLimit][] = [
      [keys.address, SIGN_IN_LIMITS.perAddress, 'address'],
      [keys.accountFromAddress, SIGN_IN_LIMITS.perAccountFromAddress, 'account_from_address'],
    ];
    if (!known) checks.push([keys.account, SIGN_IN_LIMITS.perAccountFromNewAddresses, 'account_from_new_addresses']);
    for (const [key, max, limit] of checks) {
      const { hits, retryAfterSeconds } = await this.counters.hit(key, SIGN_IN_LIMITS.windowSeconds);
      if (hits > max) return { admitted: false, limit, retryAfterSeconds, firstRefusal: hits === max + 1 };
    }
    return { admitted: true, fromKnownAddress: known };
  }

  /** The attempt was right: it counts against nobody, and the address is now known for the account. */
  async succeeded(email: string, address: string, admission: { fromKnownAddress: boolean }): Promise<void> {
    const keys = this.keys(email, address);
    await this.counters.refund(keys.address);
    if (!admission.fromKnownAddress) await this.counters.refund(keys.account);
    await this.counters.reset(keys.accountFromAddress);
    await this.counters.remember(keys.known, SIGN_IN_LIMITS.knownAddressDays * 24 * 60 * 60);
  }

  /** Counters whose window ended, a bounded batch per sign-in so the table cannot grow without end. */
  sweep(): Promise<void> {
    return this.counters.deleteExpired(200);
  }

  // Accounts appear in keys only as a digest: the counters table holds no email addresses.
  private keys(email: string, address: string) {
    const account = digest(email);
    return {
      address: `sign-in:address:${address}`,
      accountFromAddress: `sign-in:account-address:${account}:${address}`,
      account: `sign-in:account:${account}`,
      known: `sign-in:known:${account}:${address}`,
    };
  }
}
