import type { EntityManager } from 'typeorm';

/**
 * The demo clinic's identity, week and rota. Phone numbers are from Ofcom's ranges kept for
 * drama (0117 496 0xxx, 07700 900xxx), so no real person is ever rung from a demo sheet.
 */
export async function seedDemoSettings(tx: EntityManager): Promise<void> {
  await tx.query(
    `UPDATE clinic_settings
        SET clinic_name = 'Clifton Vein Clinic', address = '27 Princess Victoria Street, Clifton, Bristol BS8 4BX',
            phone = '0117 496 0321', out_of_hours_phone = '07700 900461',
            opening_hours = $1::jsonb, version = version + 1, updated_at = now()
      WHERE id = 1`,
    [
      JSON.stringify({
        monday: { opens: '08:30', closes: '18:00' },
        tuesday: { opens: '08:30', closes: '18:00' },
        wednesday: { opens: '08:30', closes: '19:30' },
        thursday: { opens: '08:30', closes: '18:00' },
        friday: { opens: '08:30', closes: '17:00' },
        saturday: { opens: '09:00', closes: '13:00' },
        sunday: null,
      }),
    ],
  );
  await tx.query(`UPDATE users SET working_days = '{monday,tuesday,wednesday,thursday,friday}' WHERE email = 'clinician@demo.venule'`);
  await tx.query(`UPDATE users SET working_days = '{monday,wednesday,thursday,friday,saturday}' WHERE email = 'imran.shah@demo.venule'`);
}
