import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import { ClinicClock } from '../platform/config/clinic-clock';
import { seedDemoCourses } from './courses.demo';
import { DemoClinicRepository } from './demo-clinic.repository';
import { seedDemoStaff } from './demo-staff';
import { seedDemoFrontDesk } from './frontdesk.demo';
import { seedDemoMessages, seedDemoTemplates } from './messages.demo';
import { seedDemoPatients } from './patients.demo';
import { seedDemoScans } from './scans.demo';
import { seedDemoSettings } from './settings.demo';

/**
 * Loads the demo clinic into an empty embedded database, in one transaction: a half-seeded
 * clinic never exists. Every record is written through the repository its feature writes with, so
 * a column or constraint added there holds for the demo too. Never runs against a PostgreSQL server unless VENULE_DEMO=true says so.
 */
@Injectable()
export class DemoClinicService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ClinicClock,
    private readonly clinic: DemoClinicRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo) return;
    const seeded = await this.db.transaction(async (tx) => {
      if (!(await this.clinic.claimEmptyClinic(tx))) return false;
      const staff = await seedDemoStaff(tx);
      await seedDemoSettings(tx, staff);
      const today = this.clock.today();
      const patients = await seedDemoPatients(tx, staff, today);
      await seedDemoScans(tx, patients, staff.clinician, today);
      await seedDemoCourses(tx, staff, today, this.config.clinicTimeZone);
      await seedDemoFrontDesk(tx, staff, patients, today, this.config.clinicTimeZone);
      await seedDemoTemplates(tx, staff);
      await seedDemoMessages(tx, this.clinic, this.clock);
      return true;
    });
    if (seeded) this.logger.log('Loaded the demo clinic (sign in as reception@demo.venule, password demo-venule)');
  }
}
