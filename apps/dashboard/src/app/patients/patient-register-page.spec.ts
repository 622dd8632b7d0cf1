import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Patient } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { PatientRegisterPage } from './patient-register-page';

@Component({ selector: 'vn-stub', template: 'patient page' })
class Stub {}

const created: Patient = {
  id: 'p-9',
  version: 1,
  createdAt: '2026-11-25T10:00:00Z',
  updatedAt: '2026-11-25T10:00:00Z',
  clinicNumber: 'VN-000009',
  archived: false,
  firstName: 'Ann',
  lastName: 'Smith',
  dateOfBirth: '1980-05-20',
  sex: 'female',
  phone: '07700 900123',
  email: '',
};

async function setup() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'patients/new', component: PatientRegisterPage },
        { path: 'patients/:id', component: Stub },
      ]),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provideClinicDates(),
    ],
  });
  signInAs('reception');
  const harness = await RouterTestingHarness.create('/patients/new');
  const http = TestBed.inject(HttpTestingController);
  const el = () => harness.routeNativeElement as HTMLElement;
  const set = (name: string, value: string) => {
    const input = el().querySelector(`[formcontrolname=${name}]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const fill = async () => {
    set('firstName', 'Ann');
    set('lastName', 'Smith');
    set('dateOfBirth', '20/05/1980');
    set('phone', '07700 900123');
    set('email', 'ann@example.org');
    (el().querySelector('mat-select[formcontrolname=sex]') as HTMLElement).click();
    await harness.fixture.whenStable();
    (Array.from(document.querySelectorAll('mat-option')).find((o) => o.textContent?.includes('Female')) as HTMLElement).click();
    await harness.fixture.whenStable();
  };
  const submit = async () => {
    (el().querySelector('button[type=submit]') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
  };
  /** The text of the `<mat-error>` inside the form field holding this control. */
  const errorAt = (name: string) =>
    el().querySelector(`[formcontrolname=${name}]`)?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? null;
  return { harness, http, el, fill, submit, errorAt, set };
}

describe('PatientRegisterPage', () => {
  it('shows the server validation messages at the fields they belong to', async () => {
    const { http, fill, submit, errorAt, harness } = await setup();
    await fill();
    expect(errorAt('phone')).toBeNull();
    await submit();
    http.expectOne('/api/patients').flush(
      problem(400, 'VALIDATION_FAILED', 'phone: must be a UK phone number', {
        errors: [
          { field: 'phone', messages: ['must be a UK phone number'] },
          { field: 'dateOfBirth', messages: ['must not be in the future'] },
        ],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await harness.fixture.whenStable();
    expect(errorAt('phone')).toBe('Must be a UK phone number.');
    expect(errorAt('dateOfBirth')).toBe('Must not be in the future.');
    expect(errorAt('firstName')).toBeNull();
  });

  it('sends messages by email when an address is given, by text when only a phone is, and lets the patient opt out', async () => {
    const { http, fill, submit, set, el, harness, errorAt } = await setup();
    await fill();
    const preference = () => el().querySelector('mat-select[formcontrolname=contactPreference]')?.textContent?.trim();
    expect(preference()).toBe('Email');
    set('email', '');
    await harness.fixture.whenStable();
    expect(preference()).toBe('Text message');

    (el().querySelector('mat-select[formcontrolname=contactPreference]') as HTMLElement).click();
    await harness.fixture.whenStable();
    (Array.from(document.querySelectorAll('mat-option')).find((o) => o.textContent?.includes('Email')) as HTMLElement).click();
    await harness.fixture.whenStable();
    await submit();
    http.expectNone('/api/patients');
    expect(errorAt('contactPreference')).toBe('Add an email address, or choose another way');

    (el().querySelector('mat-select[formcontrolname=contactPreference]') as HTMLElement).click();
    await harness.fixture.whenStable();
    (Array.from(document.querySelectorAll('mat-option')).find((o) => o.textContent?.includes('opted out')) as HTMLElement).click();
    await harness.fixture.whenStable();
    expect(el().textContent).toContain('Nothing is sent; the outbox shows each message as not sent');
    await submit();
    expect(http.expectOne('/api/patients').request.body).toMatchObject({ phone: '07700 900123', email: null, contactPreference: 'none' });
  });

  it('reads a date of birth typed the British way, DD/MM/YYYY, and sends it as YYYY-MM-DD', async () => {
    const { http, fill, submit, set } = await setup();
    await fill();
    set('dateOfBirth', '12/03/1996');
    await submit();
    expect(http.expectOne('/api/patients').request.body).toMatchObject({ firstName: 'Ann', dateOfBirth: '1996-03-12' });
  });

  it('asks for DD/MM/YYYY when the date of birth cannot be read, and sends nothing', async () => {
    const { http, fill, submit, set, errorAt } = await setup();
    await fill();
    set('dateOfBirth', '31/02/1996');
    await submit();
    http.expectNone('/api/patients');
    expect(errorAt('dateOfBirth')).toBe('Enter the date as DD/MM/YYYY');
  });

  it('registers a patient who gives only a phone number, sending no email', async () => {
    const { http, fill, submit, set } = await setup();
    await fill();
    set('email', '');
    await submit();
    expect(http.expectOne('/api/patients').request.body).toMatchObject({ phone: '07700 900123', email: null });
  });

  it('asks for a phone number or an email address when both are empty, at the phone field, which gets the focus', async () => {
    const { http, fill, submit, set, errorAt, el } = await setup();
    await fill();
    set('phone', '');
    set('email', '');
    await submit();
    http.expectNone('/api/patients');
    expect(errorAt('phone')).toBe('Enter a phone number or an email address');
    expect(document.activeElement).toBe(el().querySelector('[formcontrolname=phone]'));
    set('email', 'ann@example.org');
    await submit();
    http.expectOne('/api/patients');
  });

  it('does not send a form missing required fields', async () => {
    const { http, submit, errorAt } = await setup();
    await submit();
    http.expectNone('/api/patients');
    expect(errorAt('firstName')).toBe('Enter the first name');
  });

  it('makes opening the existing patient the prominent, focused action of the duplicate warning', async () => {
    const { http, fill, submit, harness } = await setup();
    await fill();
    await submit();
    http.expectOne('/api/patients').flush(
      problem(409, 'DUPLICATE_PATIENT', 'A patient with this name and date of birth exists.', {
        matches: [
          {
            id: 'p-1',
            clinicNumber: 'VN-000001',
            firstName: 'Ann',
            lastName: 'Smith',
            dateOfBirth: '1980-05-20',
            phone: null,
            archived: false,
          },
        ],
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await harness.fixture.whenStable();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    const open = dialog.querySelector<HTMLButtonElement>('[cdkFocusInitial]') as HTMLButtonElement;
    expect(open.textContent?.trim()).toBe('Open the existing patient');
    expect(open.getAttribute('mat-flat-button')).not.toBeNull();
    const registerAnyway = Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent?.includes('Register anyway'));
    expect(registerAnyway?.getAttribute('mat-flat-button')).toBeNull();
    open.click();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/patients/p-1');
  });

  it('warns about a possible duplicate and registers anyway when confirmed', async () => {
    const { http, fill, submit, harness } = await setup();
    await fill();
    await submit();
    const first = http.expectOne('/api/patients');
    expect(first.request.body.confirmDuplicate).toBeUndefined();
    first.flush(
      problem(409, 'DUPLICATE_PATIENT', 'A patient with this name and date of birth exists.', {
        matches: [
          {
            id: 'p-1',
            clinicNumber: 'VN-000001',
            firstName: 'Ann',
            lastName: 'Smith',
            dateOfBirth: '1980-05-20',
            phone: '07700 900000',
            archived: false,
          },
        ],
      }),
      { status: 409, statusText: 'Conflict' },
    );
    await harness.fixture.whenStable();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(dialog.textContent).toContain('VN-000001');
    expect(dialog.textContent).toContain('Smith, Ann');
    (Array.from(dialog.querySelectorAll('button')).find((b) => b.textContent?.includes('Register anyway')) as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    const second = http.expectOne('/api/patients');
    expect(second.request.body).toMatchObject({ firstName: 'Ann', lastName: 'Smith', sex: 'female', confirmDuplicate: true });
    second.flush(created, { status: 201, statusText: 'Created' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/patients/p-9');
  });
});
