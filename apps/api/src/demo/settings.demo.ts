import type { EntityManager } from 'typeorm';
import { SettingsRepository } from '../settings/settings.repository';
import type { DemoStaff } from './demo-staff';

const settings = new SettingsRepository();

/**
 * The demo clinic's identity, week and rota, saved as an admin's settings page saves them. Phone
 * numbers are from Ofcom's ranges kept for drama (0117 496 0xxx, 07700 900xxx), so no real person
 * is ever rung from a demo sheet.
 */
export async function seedDemoSettings(tx: EntityManager, staff: DemoStaff): Promise<void> {
  const current = await settings.read(tx);
  await settings.update(tx, {
    ...current,
    clinic: {
      name: 'Clifton Vein Clinic',
      address: '27 Princess Victoria Street, Clifton, Bristol BS8 4BX',
      phone: '0117 496 0321',
      outOfHoursPhone: '07700 900461',
    },
    openingHours: {
      monday: { opens: '08:30', closes: '18:00' },
      tuesday: { opens: '08:30', closes: '18:00' },
      wednesday: { opens: '08:30', closes: '19:30' },
      thursday: { opens: '08:30', closes: '18:00' },
      friday: { opens: '08:30', closes: '17:00' },
      saturday: { opens: '09:00', closes: '13:00' },
      sunday: null,
    },
  });
  await settings.setWorkingDays(tx, [
    { clinicianId: staff.clinician, workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] },
    { clinicianId: staff.secondClinician, workingDays: ['monday', 'wednesday', 'thursday', 'friday', 'saturday'] },
  ]);
}
