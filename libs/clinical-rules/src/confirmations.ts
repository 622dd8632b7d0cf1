import type { ConfirmationCode, ConfirmationInput } from '@venule/api-contract';

/** True when `confirmations` holds `code` with a non-blank reason. */
export function isConfirmed(confirmations: readonly ConfirmationInput[] | null | undefined, code: ConfirmationCode): boolean {
  return (confirmations ?? []).some((c) => c.code === code && typeof c.reason === 'string' && c.reason.trim().length > 0);
}
