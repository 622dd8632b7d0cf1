import type { ClinicianOption, Diary } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const clinicianOptionExample: ClinicianOption = { id: '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21', name: 'Dr Sarah Lind' };

export const diaryExample: Diary = {
  from: '2026-04-13',
  to: '2026-04-19',
  timeZone: 'Europe/London',
  lanes: [
    {
      clinicianId: clinicianOptionExample.id,
      clinicianName: clinicianOptionExample.name,
      appointments: [
        {
          kind: 'session',
          id: 'e4d3c2b1-a098-4765-8321-0fedcba98765',
          startsAt: '2026-04-14T09:30:00.000Z',
          endsAt: '2026-04-14T10:00:00.000Z',
          status: 'scheduled',
          patientId: '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10',
          patientName: 'Margaret Okafor',
          clinicNumber: 'V-000142',
          courseId: '9a7c3e15-2b6d-4f80-8e1a-4c5d6e7f8091',
          sequence: 2,
        },
      ],
    },
  ],
};
