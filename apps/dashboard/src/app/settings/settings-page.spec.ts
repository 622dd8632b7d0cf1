import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { ClinicSettings } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { SettingsPage } from './settings-page';

const SETTINGS: ClinicSettings = {
  version: 4,
  updatedAt: '2026-11-30T09:00:00Z',
  clinic: {
    name: 'Clifton Vein Clinic',
    address: '27 Princess Victoria Street, Bristol BS8 4BX',
    phone: '0117 496 0321',
    outOfHoursPhone: '07700 900461',
  },
  scanValidityMonths: 12,
  minIntervalDays: 28,
  maxIntervalDays: 84,
  lateEntryDays: 7,
  sessionIdleMinutes: 30,
  namedDoctorFeePence: 5000,
  consultationDepositPence: 2500,
  openingHours: {
    monday: { opens: '08:30', closes: '18:00' },
    tuesday: { opens: '08:30', closes: '18:00' },
    wednesday: { opens: '08:30', closes: '19:30' },
    thursday: { opens: '08:30', closes: '18:00' },
    friday: { opens: '08:30', closes: '17:00' },
    saturday: { opens: '09:00', closes: '13:00' },
    sunday: null,
  },
  clinicians: [
    { clinicianId: 'c1', displayName: 'Dr Claire Hughes', workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] },
  ],
};

async function setup(settings: ClinicSettings = SETTINGS) {
  TestBed.configureTestingModule({
    imports: [SettingsPage],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provideClinicDates(),
    ],
  });
  signInAs('admin');
  const fixture = TestBed.createComponent(SettingsPage);
  const http = TestBed.inject(HttpTestingController);
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  expect(el.textContent).toContain('Loading clinic settings');
  http.expectOne('/api/settings').flush(settings);
  await fixture.whenStable();
  const input = (label: string) =>
    Array.from(el.querySelectorAll('mat-form-field'))
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)
      ?.querySelector('input, textarea') as HTMLInputElement | undefined;
  const type = async (label: string, value: string) => {
    const field = input(label) as HTMLInputElement;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const submit = async () => {
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Save settings')) as HTMLButtonElement).click();
    await fixture.whenStable();
  };
  return { fixture, http, el, input, type, submit };
}

describe('SettingsPage', () => {
  it('shows every setting, with money in pounds, the week and each clinician’s days', async () => {
    const { el, input } = await setup();
    expect(input('Clinic name')?.value).toBe('Clifton Vein Clinic');
    expect(input('Out-of-hours phone')?.value).toBe('07700 900461');
    expect(input('Named-doctor fee')?.value).toBe('50.00');
    expect(input('Deposit')?.value).toBe('25.00');
    expect(input('Course overdue after')?.value).toBe('84');
    expect(el.querySelector<HTMLInputElement>('input[aria-label="Wednesday closes"]')?.value).toBe('19:30');
    expect(el.querySelector('[aria-label="Sunday"]')?.textContent).toContain('Closed');
    const rota = el.querySelector('fieldset') as HTMLElement;
    expect(rota.querySelector('legend')?.textContent).toContain('Dr Claire Hughes');
    const checked = Array.from(rota.querySelectorAll('mat-checkbox')).filter((c) => c.querySelector<HTMLInputElement>('input')?.checked);
    expect(checked.map((c) => c.textContent?.trim())).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']);
  });

  it('saves the whole document with the version it read, and says so', async () => {
    const { fixture, http, el, type, submit } = await setup();
    await type('Deposit', '30');
    await type('Named-doctor fee', '60.00');
    await submit();
    const req = http.expectOne('/api/settings');
    expect(req.request.method).toBe('PUT');
    expect(req.request.body).toMatchObject({
      version: 4,
      namedDoctorFeePence: 6000,
      consultationDepositPence: 3000,
      openingHours: { sunday: null, wednesday: { opens: '08:30', closes: '19:30' } },
      clinicians: [{ clinicianId: 'c1', workingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] }],
    });
    req.flush({ ...SETTINGS, version: 5, namedDoctorFeePence: 6000, consultationDepositPence: 3000 });
    await fixture.whenStable();
    expect(el.querySelector('[role=status]')?.textContent).toContain('Settings saved');
    expect(el.textContent).toContain('Version 5');
  });

  it('reads opening times typed on the 24-hour clock and sends them as HH:mm, closing after opening', async () => {
    const { fixture, http, el, submit } = await setup();
    const time = async (label: string, value: string) => {
      const field = el.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`) as HTMLInputElement;
      field.value = value;
      field.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    await time('Saturday closes', '8:45');
    await submit();
    http.expectNone('/api/settings');
    expect(el.textContent).toContain('Must be later than the opening time');
    await time('Saturday closes', '17:15');
    await time('Monday opens', '7:30');
    await submit();
    expect(http.expectOne('/api/settings').request.body.openingHours).toMatchObject({
      monday: { opens: '07:30', closes: '18:00' },
      saturday: { opens: '09:00', closes: '17:15' },
    });
  });

  it('does not send a deposit above the fee, and says so at the deposit', async () => {
    const { http, el, type, submit } = await setup();
    await type('Deposit', '75');
    await submit();
    http.expectNone('/api/settings');
    expect(el.textContent).toContain('Must not be more than the named-doctor fee');
  });

  it('puts the server’s field errors at the fields they name', async () => {
    const { fixture, http, el, submit } = await setup();
    await submit();
    http.expectOne('/api/settings').flush(
      problem(400, 'VALIDATION_FAILED', 'clinic.phone: must be a UK phone number', {
        errors: [
          { field: 'clinic.phone', messages: ['must be a UK phone number (e.g. 07700 900123)'] },
          { field: 'openingHours.monday.closes', messages: ['must be later than the opening time on Mondays (08:30)'] },
        ],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    const errors = Array.from(el.querySelectorAll('mat-error')).map((e) => e.textContent?.trim());
    expect(errors).toContain('Must be a UK phone number (e.g. 07700 900123).');
    expect(errors).toContain('Must be later than the opening time on Mondays (08:30).');
  });

  it('explains when someone else saved first and loads their version', async () => {
    const { fixture, http, el, submit } = await setup();
    await submit();
    http.expectOne('/api/settings').flush(problem(409, 'VERSION_CONFLICT', 'stale'), { status: 409, statusText: 'Conflict' });
    await fixture.whenStable();
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Someone else saved the settings');
    (Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes('Load latest')) as HTMLButtonElement).click();
    http.expectOne('/api/settings').flush({ ...SETTINGS, version: 6 });
    await fixture.whenStable();
    expect(el.textContent).toContain('Version 6');
  });

  it('starts from the usual hours when none are set yet', async () => {
    const { el } = await setup({ ...SETTINGS, openingHours: null });
    expect(el.textContent).toContain('Not set yet');
    expect(el.querySelector<HTMLInputElement>('input[aria-label="Monday opens"]')?.value).toBe('09:00');
  });
});
