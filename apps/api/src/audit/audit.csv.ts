/** The columns of the audit trail's CSV download, as a manager reads them. */
import type { AuditEvent } from '@venule/api-contract';
import { toCsv, type CsvColumn } from '../platform/http/csv';

const COLUMNS: CsvColumn<AuditEvent>[] = [
  { header: 'When', value: (e) => e.at },
  { header: 'Staff member', value: (e) => e.actorName ?? (e.actorId ? e.actorEmail : 'System') },
  { header: 'Staff email', value: (e) => e.actorEmail },
  { header: 'Action', value: (e) => e.action },
  { header: 'Record', value: (e) => e.entity },
  { header: 'Record id', value: (e) => e.entityId },
  { header: 'Patient', value: (e) => e.patientName },
  { header: 'Clinic number', value: (e) => e.patientClinicNumber },
  { header: 'Fields', value: (e) => e.fields.join(', ') },
  { header: 'Happened at', value: (e) => e.occurredAt },
];

export const auditCsv = (rows: readonly AuditEvent[]) => toCsv(COLUMNS, rows);
