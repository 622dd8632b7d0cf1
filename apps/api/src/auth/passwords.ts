import * as argon2 from 'argon2';
import { randomInt } from 'node:crypto';

/** argon2id with the library's defaults (64 MiB, 3 passes), as OWASP recommends for staff passwords. */
export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

// Verified when the email is unknown, so a wrong email takes as long as a wrong password.
const decoy = hashPassword('venule-decoy-password');

export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    await argon2.verify(await decoy, password);
    return false;
  }
  return argon2.verify(hash, password);
}

// No 0/o, 1/l/i: the admin reads it out or writes it down for the person.
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password for a reset, e.g. `hk7m-2pqa-x9dt` (about 59 bits), changed at the next sign-in. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return [group(), group(), group()].join('-');
}
