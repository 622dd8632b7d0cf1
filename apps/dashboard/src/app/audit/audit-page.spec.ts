import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AuditEvent, AuditStaffMember } from '@venule/api-contract';
import { signInAs } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { AuditPage } from './audit-page';
import { fieldLabel } from './audit-labels';

const event = (over: Partial<AuditEvent>): AuditEvent => ({
  id: '1',
  at: '2026-03-02T10:15:00Z',
  actorId: 'u1',
  actorEmail: 'cleo@clinic.test',
  actorName: 'Cleo Clinician',
  action: 'create',
  entity: 'adverse_event',
  entityId: 'ae1',
  patientId: 'p1',
  patientClinicNumber: 'VN-000042',
  patientName: 'Ada Lovelace',
  fields: ['type', 'severity', 'onsetOn'],
  occurredAt: null,
  ...over,
});
const staffList: AuditStaffMember[] = [
  { id: 'u1', displayName: 'Cleo Clinician', email: 'cleo@clinic.test', role: 'clinician', active: true },
  { id: 'u2', displayName: 'Rita Reception', email: 'rita@clinic.test', role: 'reception', active: true },
];
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function setup(url: string, items: AuditEvent[] = [event({})]) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'audit', component: AuditPage }], withComponentInputBinding()),
      provideClinicDates(),
    ],
  });
  signInAs('manager');
  const harness = await RouterTestingHarness.create(url);
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/audit/staff').flush(staffList);
  const list = http.expectOne((r) => r.url === '/api/audit');
  list.flush({ items, total: items.length, limit: 25, offset: 0 });
  await harness.fixture.whenStable();
  harness.detectChanges();
  const el = harness.routeNativeElement as HTMLElement;
  return { harness, http, el, listRequest: list.request };
}

describe('AuditPage', () => {
  it('names records, fields, staff and patients as staff know them, with the record one click away', async () => {
    const { el } = await setup('/audit');
    const cells = Array.from(el.querySelectorAll('tr[mat-row] td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    expect(cells.slice(1)).toEqual(['Cleo Clinician', 'Created', 'adverse event', 'Ada Lovelace VN-000042', 'type, severity, onset date']);
    expect(el.querySelector('tr[mat-row] a')?.getAttribute('href')).toBe('/patients/p1');
  });

  it('links a course row to the course page', async () => {
    const { el } = await setup('/audit', [event({ entity: 'course', entityId: 'c9', fields: [] })]);
    expect(el.querySelector('tr[mat-row] a')?.getAttribute('href')).toBe('/courses/c9');
  });

  it('reads the filters from the address, dates as DD/MM/YYYY, and asks the API for clinic days', async () => {
    const { el, listRequest } = await setup('/audit?from=2026-03-02&to=2026-03-31&action=read&actorId=u2');
    expect(listRequest.params.get('from')).toBe('2026-03-02');
    expect(listRequest.params.get('to')).toBe('2026-03-31');
    expect(listRequest.params.get('action')).toBe('read');
    const dates = Array.from(el.querySelectorAll<HTMLInputElement>('input[placeholder="DD/MM/YYYY"]')).map((i) => i.value);
    expect(dates).toEqual(['02/03/2026', '31/03/2026']);
    expect(el.textContent).toContain('Rita Reception');
    expect(el.textContent).toContain('Viewed only');
  });

  it('turns a typed DD/MM/YYYY date into the address and the query', async () => {
    const { harness, http, el } = await setup('/audit');
    const from = el.querySelector<HTMLInputElement>('input[placeholder="DD/MM/YYYY"]') as HTMLInputElement;
    from.value = '05/04/2026';
    from.dispatchEvent(new Event('input'));
    from.dispatchEvent(new Event('blur'));
    (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/audit?from=2026-04-05');
    expect(http.expectOne((r) => r.url === '/api/audit').request.params.get('from')).toBe('2026-04-05');
  });

  it('names the patient picked from the table in the patient field', async () => {
    const { harness, http, el } = await setup('/audit');
    const patientButton = Array.from(el.querySelectorAll<HTMLButtonElement>('td button.link')).find((b) => b.textContent?.includes('Ada'));
    patientButton?.click();
    await harness.fixture.whenStable();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/audit?patientId=p1');
    http
      .expectOne((r) => r.url === '/api/audit' && r.params.get('patientId') === 'p1')
      .flush({ items: [event({})], total: 1, limit: 25, offset: 0 });
    harness.detectChanges();
    expect((el.querySelector('input[placeholder^="Name"]') as HTMLInputElement).value).toBe('Ada Lovelace (VN-000042)');
  });

  it('labels fields from the one table, and any other camelCase field in words', () => {
    expect(fieldLabel('onsetOn')).toBe('onset date');
    expect(fieldLabel('gpName')).toBe('GP name');
    expect(fieldLabel('plannedSessions')).toBe('planned sessions');
  });
});
