import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { clinicWallTime } from '@venule/clinical-rules';
import { problem } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { BookDialog, type BookDialogData } from './book-dialog';

const slot = { clinicianId: 'dr-2', startsAt: clinicWallTime('2026-12-02', '11:30', 'Europe/London') };
const patient = {
  id: 'p-1',
  clinicNumber: 'VN-000140',
  firstName: 'Harriet',
  lastName: 'Whitlock',
  dateOfBirth: '1985-06-20',
  phone: '07700 900314',
  archived: false,
};

function setup() {
  const close = jest.fn();
  TestBed.configureTestingModule({
    imports: [BookDialog],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideClinicDates(),
      {
        provide: MAT_DIALOG_DATA,
        useValue: {
          clinicians: [
            { id: 'dr-1', name: 'Dr Claire Hughes' },
            { id: 'dr-2', name: 'Dr Imran Shah' },
          ],
          slot,
          date: '2026-12-02',
        } satisfies BookDialogData,
      },
      { provide: MatDialogRef, useValue: { close, disableClose: false } },
    ],
  });
  const fixture = TestBed.createComponent(BookDialog);
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const http = TestBed.inject(HttpTestingController);
  return { fixture, el, http, close };
}

async function pickPatient(fixture: ReturnType<typeof setup>['fixture']) {
  // The autocomplete's choice, as a person makes it.
  (fixture.componentInstance as unknown as { pickPatient(p: typeof patient): void }).pickPatient(patient);
  fixture.detectChanges();
  await fixture.whenStable();
}

describe('BookDialog', () => {
  it('starts at the free slot clicked, with its clinician', async () => {
    const { el, fixture } = setup();
    await fixture.whenStable();
    fixture.detectChanges();
    expect(el.textContent).toContain('Dr Imran Shah');
    expect((el.querySelector('input[placeholder="DD/MM/YYYY"]') as HTMLInputElement).value).toBe('02/12/2026');
    expect(el.textContent).toContain('11:30');
  });

  it('asks for the patient before booking', () => {
    const { el, fixture, http } = setup();
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(el.textContent).toContain('Choose the patient from the list');
    http.expectNone('/api/consultations');
  });

  it('books a named-doctor consultation at the slot and hands back its id', async () => {
    const { el, fixture, http, close } = setup();
    await pickPatient(fixture);
    http.match(() => true).forEach((r) => r.flush({ items: [], total: 0, limit: 100, offset: 0 }));
    (el.querySelector('mat-radio-button[value="named_doctor"] input') as HTMLInputElement).click();
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    const request = http.expectOne('/api/consultations');
    expect(request.request.body).toEqual({
      type: 'named_doctor',
      patientId: 'p-1',
      clinicianId: 'dr-2',
      startsAt: slot.startsAt,
      durationMinutes: 30,
    });
    request.flush({ id: 'c-9' });
    expect(close).toHaveBeenCalledWith({ kind: 'consultation', id: 'c-9' });
  });

  it('shows why the diary refused the time', async () => {
    const { el, fixture, http, close } = setup();
    await pickPatient(fixture);
    http.match(() => true).forEach((r) => r.flush({ items: [], total: 0, limit: 100, offset: 0 }));
    (el.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    const message = 'Dr Imran Shah already has a session on 02/12/2026 from 11:30 to 12:15. Choose another time or clinician.';
    http.expectOne('/api/consultations').flush(problem(422, 'DOUBLE_BOOKED', message, { reasons: [{ code: 'DOUBLE_BOOKED', message }] }), {
      status: 422,
      statusText: 'Unprocessable',
    });
    fixture.detectChanges();
    expect(el.textContent).toContain('already has a session on 02/12/2026');
    expect(close).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve));
    expect(document.activeElement).toBe(el.querySelector('.banner-anchor'));
  });
});
