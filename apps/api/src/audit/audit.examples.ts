import type { AuditEvent, AuditStaffMember } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const auditEventExample: AuditEvent = {
  id: 'd4e5f6a7-b8c9-4d0e-9f1a-2b3c4d5e6f70',
  at: '2026-03-02T09:15:00.000Z',
  actorId: '7d3e2c1b-5a4f-4e3d-9c2b-1a0f9e8d7c6b',
  actorEmail: 'reception@demo.venule',
  actorName: 'Rita Reception',
  action: 'create',
  entity: 'patient',
  entityId: '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10',
  patientId: '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10',
  patientClinicNumber: 'V-000142',
  patientName: 'Margaret Okafor',
  fields: ['firstName', 'lastName', 'dateOfBirth', 'sex', 'phone', 'email', 'postcode'],
  occurredAt: null,
  address: null,
  changes: null,
};

export const auditStaffExample: AuditStaffMember = {
  id: '7d3e2c1b-5a4f-4e3d-9c2b-1a0f9e8d7c6b',
  displayName: 'Rita Reception',
  email: 'reception@demo.venule',
  role: 'reception',
  active: true,
};
