import type { ClinicIdentity, ClinicInfo, ClinicSettings, OpeningHours, UpdateClinicSettingsRequest } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
export const clinicIdentityExample: ClinicIdentity = {
  name: 'Venule Vein Clinic',
  address: '12 Harley Street, London W1G 9PF',
  phone: '020 7946 0000',
  outOfHoursPhone: '020 7946 0999',
};

const weekday = { opens: '09:00', closes: '17:30' };
const openingHours: OpeningHours = {
  monday: weekday,
  tuesday: weekday,
  wednesday: weekday,
  thursday: { opens: '09:00', closes: '20:00' },
  friday: weekday,
  saturday: { opens: '09:00', closes: '13:00' },
  sunday: null,
};

export const clinicSettingsExample: ClinicSettings = {
  version: 3,
  updatedAt: '2026-02-01T12:00:00.000Z',
  clinic: clinicIdentityExample,
  scanValidityMonths: 12,
  minIntervalDays: 28,
  maxIntervalDays: 84,
  lateEntryDays: 7,
  sessionIdleMinutes: 30,
  namedDoctorFeePence: 5000,
  consultationDepositPence: 2500,
  openingHours,
  clinicians: [
    { clinicianId: '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21', displayName: 'Dr Sarah Lind', workingDays: ['monday', 'tuesday', 'thursday'] },
  ],
};

export const updateSettingsExample: UpdateClinicSettingsRequest = {
  version: 3,
  clinic: clinicIdentityExample,
  scanValidityMonths: 12,
  minIntervalDays: 28,
  maxIntervalDays: 84,
  lateEntryDays: 7,
  sessionIdleMinutes: 30,
  namedDoctorFeePence: 6000,
  consultationDepositPence: 2500,
  openingHours,
  clinicians: [{ clinicianId: '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21', workingDays: ['monday', 'tuesday', 'thursday', 'friday'] }],
};

export const clinicInfoExample: ClinicInfo = { ...clinicIdentityExample, openingHours };
