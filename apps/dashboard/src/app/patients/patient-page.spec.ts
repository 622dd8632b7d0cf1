import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { Patient, Role } from '@venule/api-contract';
import { NO_HISTORY, clearanceOf, leg } from '../../testing/clearance';
import { signInAs } from '../../testing/session';
import { PatientPage } from './patient-page';

const patient: Patient = {
  id: 'p-1',
  version: 2,
  createdAt: '2026-01-10T10:00:00Z',
  updatedAt: '2026-02-01T10:00:00Z',
  clinicNumber: 'VN-000001',
  archived: false,
  firstName: 'Ann',
  lastName: 'Smith',
  dateOfBirth: '1980-05-20',
  sex: 'female',
  phone: '07700 900123',
  email: 'ann@example.org',
  contactPreference: 'email',
};

async function open(role: Role, url = '/patients/p-1') {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'patients/:id', component: PatientPage }], withComponentInputBinding()),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  signInAs(role);
  const harness = await RouterTestingHarness.create(url);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/patients/p-1').flush(patient);
  await harness.fixture.whenStable();
  const el = harness.routeNativeElement as HTMLElement;
  const tabs = Array.from(el.querySelectorAll('[role=tab]')).map((t) => t.textContent?.trim());
  const buttons = Array.from(el.querySelectorAll('a, button')).map((b) => b.textContent?.trim() ?? '');
  return { el, tabs, buttons, http, harness };
}

describe('PatientPage', () => {
  it('hides the Medical history tab from reception', async () => {
    const { tabs } = await open('reception');
    expect(tabs).toEqual(['Details', 'Scans', 'Courses', 'Messages']);
  });

  it.each<Role>(['clinician', 'manager'])('shows the Medical history tab to a %s', async (role) => {
    const { tabs } = await open(role);
    expect(tabs).toEqual(['Details', 'Medical history', 'Scans', 'Courses', 'Messages']);
  });

  it('lets reception edit and archive, but not a manager', async () => {
    expect((await open('reception')).buttons.some((b) => b.includes('Archive'))).toBe(true);
    TestBed.resetTestingModule();
    const manager = await open('manager');
    expect(manager.buttons.some((b) => b.includes('Archive'))).toBe(false);
    expect(manager.buttons.some((b) => b.endsWith('Edit'))).toBe(false);
    expect(manager.buttons.some((b) => b.includes('Audit trail'))).toBe(true);
  });

  it('shows the demographics on the Details tab', async () => {
    const { el } = await open('clinician');
    expect(el.querySelector('h1')?.textContent).toContain('Ann Smith');
    expect(el.textContent).toContain('VN-000001');
    expect(el.textContent).toContain('20/05/1980');
    expect(el.textContent).toContain('ann@example.org');
  });

  it('shows reception the clearance badge in the header', async () => {
    const { el, http, harness } = await open('reception');
    http.expectOne('/api/patients/p-1/clearance').flush(clearanceOf(leg('no_scan'), leg('no_scan', undefined, 'right'), [NO_HISTORY]));
    await harness.fixture.whenStable();
    const badge = el.querySelector('header vn-clearance-badge .badge');
    expect(badge?.textContent).toContain('No scan · No medical history');
    expect(badge?.classList).toContain('vn-tone-bad');
  });

  it('asks once for the clearance that the header and the Scans tab both show', async () => {
    const { el, http, harness } = await open('reception', '/patients/p-1?tab=scans');
    http.expectOne('/api/patients/p-1/clearance').flush(clearanceOf(leg('cleared', '2027-06-30'), leg('cleared', '2027-06-30', 'right')));
    await harness.fixture.whenStable();
    http.expectNone('/api/patients/p-1/clearance');
    expect(el.querySelector('header vn-clearance-badge')?.textContent).toContain('Cleared until 30/06/2027');
    expect(el.querySelector('vn-scans-panel vn-leg-clearance')?.textContent).toContain('Valid until 30/06/2027');
  });

  it('lists the patient’s messages on the Messages tab, with how they get them', async () => {
    const { el, http, harness } = await open('reception', '/patients/p-1?tab=messages');
    http.expectOne('/api/patients/p-1/clearance').flush(clearanceOf(leg('no_scan'), leg('no_scan', undefined, 'right'), [NO_HISTORY]));
    http
      .expectOne((r) => r.url === '/api/messages' && r.params.get('patientId') === 'p-1')
      .flush({ items: [], total: 0, limit: 20, offset: 0 });
    await harness.fixture.whenStable();
    expect(el.textContent).toContain('Reminders and aftercare by email to ann@example.org.');
    expect(el.textContent).toContain('No messages yet');
  });

  it('shows an admin no clearance and no clinical tabs', async () => {
    const { el, http } = await open('admin');
    http.expectNone('/api/patients/p-1/clearance');
    expect(el.querySelector('vn-clearance-badge')).toBeNull();
    const tabs = [...el.querySelectorAll('[role="tab"]')].map((t) => t.textContent?.trim());
    expect(tabs).toEqual(['Details']);
  });
});
