/** Explicit clinician confirmations sent with a session completion (`confirmations: [{code, reason}]`). */
export const CONFIRMATION_CODES = ['UNUSUAL_CONCENTRATION', 'TEST_INJECTION'] as const;
export type ConfirmationCode = (typeof CONFIRMATION_CODES)[number];

export interface Confirmation {
  code: string;
  reason: string;
}

/** True when `confirmations` holds `code` with a non-blank reason. */
export function isConfirmed(confirmations: readonly Confirmation[] | null | undefined, code: ConfirmationCode): boolean {
  return (confirmations ?? []).some((c) => c.code === code && typeof c.reason === 'string' && c.reason.trim().length > 0);
}
