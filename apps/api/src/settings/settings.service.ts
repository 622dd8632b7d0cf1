import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { WEEKDAYS, type ClinicInfo, type ClinicSettings } from '@venule/api-contract';
import { openingHoursProblems } from '@venule/clinical-rules';
import { DataSource } from 'typeorm';
import { AuditService, type AuditChanges } from '../platform/audit/audit.service';
import { invalidFields, versionConflict } from '../platform/errors/domain-error';
import type { UpdateSettingsDto } from './dto/update-settings.dto';
import { SettingsRepository } from './settings.repository';

const pounds = (pence: number) => `£${(pence / 100).toFixed(2)}`;

/** Rules between fields that class-validator cannot see one field at a time. */
function crossFieldProblems(dto: UpdateSettingsDto): { field: string; message: string }[] {
  const problems = openingHoursProblems(dto.openingHours);
  if (dto.consultationDepositPence > dto.namedDoctorFeePence) {
    problems.push({
      field: 'consultationDepositPence',
      message: `must not be more than the named-doctor fee (${pounds(dto.namedDoctorFeePence)})`,
    });
  }
  if (dto.maxIntervalDays < dto.minIntervalDays) {
    problems.push({
      field: 'maxIntervalDays',
      message: `must be at least the shortest interval between treatments (${dto.minIntervalDays} days)`,
    });
  }
  const seen = new Set<string>();
  dto.clinicians.forEach((c, i) => {
    if (seen.has(c.clinicianId.toLowerCase())) problems.push({ field: `clinicians.${i}.clinicianId`, message: 'is listed twice' });
    seen.add(c.clinicianId.toLowerCase());
  });
  return problems;
}

/** Each value that differs, keyed by the form's field path; clinicians by name, for a reader of the trail. */
function changesBetween(before: ClinicSettings, after: ClinicSettings): AuditChanges {
  const flat = (s: ClinicSettings): Record<string, unknown> => ({
    ...Object.fromEntries(Object.entries(s.clinic).map(([k, v]) => [`clinic.${k}`, v])),
    scanValidityMonths: s.scanValidityMonths,
    minIntervalDays: s.minIntervalDays,
    maxIntervalDays: s.maxIntervalDays,
    lateEntryDays: s.lateEntryDays,
    sessionIdleMinutes: s.sessionIdleMinutes,
    namedDoctorFeePence: s.namedDoctorFeePence,
    consultationDepositPence: s.consultationDepositPence,
    ...Object.fromEntries(WEEKDAYS.map((d) => [`openingHours.${d}`, s.openingHours ? s.openingHours[d] : 'not set'])),
    ...Object.fromEntries(s.clinicians.map((c) => [`workingDays.${c.displayName}`, c.workingDays])),
  });
  const was = flat(before);
  const now = flat(after);
  const changes: AuditChanges = {};
  for (const key of Object.keys(now)) {
    if (JSON.stringify(was[key]) !== JSON.stringify(now[key])) changes[key] = { before: was[key] ?? null, after: now[key] };
  }
  return changes;
}

/** The clinic settings (every SPEC *setting* and the clinic's identity): read and saved whole, versioned, audited. */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
  ) {}

  get(): Promise<ClinicSettings> {
    return this.db.transaction('REPEATABLE READ', (tx) => this.settings.read(tx));
  }

  clinic(): Promise<ClinicInfo> {
    return this.settings.info(this.db.manager);
  }

  /**
   * Saves the whole document if nobody saved since it was read (409 VERSION_CONFLICT otherwise),
   * with the clinicians' working days, in one transaction; the audit row keeps each value before
   * and after.
   */
  async update(dto: UpdateSettingsDto, staffId: string): Promise<ClinicSettings> {
    const problems = crossFieldProblems(dto);
    if (problems.length) throw invalidFields(problems);
    return this.db.transaction(async (tx) => {
      const before = await this.settings.read(tx, true);
      if (before.version !== dto.version) throw versionConflict('The clinic settings');
      const strangers = new Set(
        await this.settings.notActiveClinicians(
          tx,
          dto.clinicians.map((c) => c.clinicianId),
        ),
      );
      const unknown = dto.clinicians.flatMap((c, i) =>
        strangers.has(c.clinicianId) ? [{ field: `clinicians.${i}.clinicianId`, message: 'must be an active clinician' }] : [],
      );
      if (unknown.length) throw invalidFields(unknown);
      if (!(await this.settings.update(tx, dto))) throw versionConflict('The clinic settings');
      await this.settings.setWorkingDays(
        tx,
        dto.clinicians.map((c) => ({ clinicianId: c.clinicianId, workingDays: WEEKDAYS.filter((d) => c.workingDays.includes(d)) })),
      );
      const after = await this.settings.read(tx);
      const changes = changesBetween(before, after);
      await this.audit.record(
        { actorId: staffId, action: 'update', entity: 'clinic_settings', entityId: '1', fields: Object.keys(changes), changes },
        tx,
      );
      return after;
    });
  }
}
