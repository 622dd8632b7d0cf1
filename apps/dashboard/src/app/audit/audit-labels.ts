import type { AuditAction } from '@venule/api-contract';

/** The one table of how the audit trail names things to staff: records, actions and fields. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Created',
  read: 'Viewed',
  update: 'Changed',
  delete: 'Deleted',
  sign: 'Signed',
  login: 'Signed in',
  logout: 'Signed out',
  login_failed: 'Sign-in failed',
  login_throttled: 'Sign-in refused (too many attempts)',
  export: 'Downloaded',
};

export const ENTITY_LABELS: Record<string, string> = {
  patient: 'patient record',
  medical_history: 'medical history',
  clearance: 'clearance',
  consent: 'consent',
  scan: 'duplex scan',
  scan_file: 'scan report file',
  course: 'treatment course',
  session: 'session',
  session_note: 'session note',
  note_addendum: 'note addendum',
  adverse_event: 'adverse event',
  outcome: 'outcome rating',
  recall_call: 'recall call',
  report: 'report',
  audit_trail: 'audit trail',
  user: 'staff account',
};

const FIELD_LABELS: Record<string, string> = {
  gpName: 'GP name',
  dateOfBirth: 'date of birth',
  weightKg: 'weight (kg)',
  onsetOn: 'onset date',
  resolvedOn: 'resolution date',
  treatedAt: 'treatment time',
  scheduledFor: 'appointment time',
  on: 'date',
  content: 'file content',
  sizeBytes: 'file size',
  mediaType: 'file type',
  originalName: 'file name',
};

/** `onsetOn` → "onset date", `treatedAt` → "treated time", `displayName` → "display name", unless the table names it. */
export function fieldLabel(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.replace(/ on$/, ' date').replace(/ at$/, ' time');
}

export function entityLabel(entity: string): string {
  return ENTITY_LABELS[entity] ?? entity.replace(/_/g, ' ');
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action as AuditAction] ?? action;
}
