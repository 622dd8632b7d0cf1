import * as argon2 from 'argon2';

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
