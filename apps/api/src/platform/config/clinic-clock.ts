import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate } from '@venule/api-contract';
import { clinicDate } from '@venule/clinical-rules';
import { APP_CONFIG, type AppConfig } from './app-config';

/** The one place the API reads the clock as a calendar date: the clinic's, which every rule counts in. */
@Injectable()
export class ClinicClock {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The clinic's IANA time zone (`CLINIC_TIMEZONE`). */
  get timeZone(): string {
    return this.config.clinicTimeZone;
  }

  /** The current instant. */
  now(): Date {
    return new Date();
  }

  /** Today's date in the clinic's time zone. */
  today(): IsoDate {
    return clinicDate(this.now().toISOString(), this.config.clinicTimeZone);
  }
}
