import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { PatientSummary, Role } from '@venule/api-contract';
import { signInAs } from '../../testing/session';
import { PatientSearch, SEARCH_DEBOUNCE_MS } from './patient-search';

@Component({ selector: 'vn-stub', template: 'patient page' })
class Stub {}

const summary = (id: string, lastName: string, dateOfBirth = '1980-05-20'): PatientSummary => ({
  id,
  clinicNumber: `VN-${id}`,
  firstName: 'Ann',
  lastName,
  dateOfBirth,
  phone: '07700 900123',
  archived: false,
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function setup(role: Role = 'reception', url = '/patients') {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [
          { path: 'patients', component: PatientSearch },
          { path: 'patients/:id', component: Stub },
        ],
        withComponentInputBinding(),
      ),
      { provide: SEARCH_DEBOUNCE_MS, useValue: 0 },
    ],
  });
  signInAs(role);
  const harness = await RouterTestingHarness.create(url);
  const http = TestBed.inject(HttpTestingController);
  const el = () => harness.routeNativeElement as HTMLElement;
  const input = () => el().querySelector('input[type=search]') as HTMLInputElement;
  const type = async (text: string) => {
    input().value = text;
    input().dispatchEvent(new Event('input'));
    await harness.fixture.whenStable();
    await settle();
  };
  const key = async (name: string) => {
    input().dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true }));
    await harness.fixture.whenStable();
  };
  const activeRow = () => el().querySelector('tbody tr.active');
  return { harness, http, el, input, type, key, activeRow };
}

describe('PatientSearch', () => {
  describe('keeps its terms in the URL', () => {
    const flush = (http: HttpTestingController, q: string, lastName: string) => {
      const req = http.expectOne((r) => r.url === '/api/patients' && r.params.get('q') === q);
      req.flush({ items: [summary('1', lastName)], total: 1, limit: 25, offset: 0 });
    };

    it('writes each search to the address bar, archived patients too', async () => {
      const { http, type, harness, el } = await setup();
      await type('smyth');
      flush(http, 'smyth', 'Smith');
      await harness.fixture.whenStable();
      expect(TestBed.inject(Router).url).toBe('/patients?q=smyth');
      (el().querySelector('mat-slide-toggle button') as HTMLButtonElement).click();
      await harness.fixture.whenStable();
      await settle();
      expect(http.expectOne((r) => r.url === '/api/patients').request.params.get('includeArchived')).toBe('true');
      expect(TestBed.inject(Router).url).toBe('/patients?q=smyth&archived=1');
    });

    it('opens a bookmarked search with its terms in the box and its results', async () => {
      const { http, input, harness, el } = await setup('reception', '/patients?q=jones&archived=1');
      await settle();
      const req = http.expectOne((r) => r.url === '/api/patients');
      expect(req.request.params.get('q')).toBe('jones');
      expect(req.request.params.get('includeArchived')).toBe('true');
      req.flush({ items: [summary('7', 'Jones')], total: 1, limit: 25, offset: 0 });
      await harness.fixture.whenStable();
      expect(input().value).toBe('jones');
      expect(el().textContent).toContain('Jones, Ann');
    });

    it('comes back to the search after opening a patient, and goes forward again', async () => {
      const { http, type, harness, key, input, el } = await setup();
      await type('smyth');
      flush(http, 'smyth', 'Smith');
      await harness.fixture.whenStable();
      await key('Enter');
      await harness.fixture.whenStable();
      expect(TestBed.inject(Router).url).toBe('/patients/1');
      // What Back does: the browser restores the previous URL and the router follows it.
      await harness.navigateByUrl('/patients?q=smyth');
      await settle();
      flush(http, 'smyth', 'Smith');
      await harness.fixture.whenStable();
      expect(input().value).toBe('smyth');
      expect(el().textContent).toContain('Smith, Ann');
      await harness.navigateByUrl('/patients?q=brown');
      await settle();
      flush(http, 'brown', 'Brown');
      await harness.fixture.whenStable();
      expect(input().value).toBe('brown');
    });
  });

  it('puts the cursor in the search box', async () => {
    const { input } = await setup();
    expect(document.activeElement).toBe(input());
  });

  it('searches as you type and shows clinic number, name, date of birth and age', async () => {
    const { http, type, el, harness } = await setup();
    await type('smyth');
    const req = http.expectOne((r) => r.url === '/api/patients');
    expect(req.request.params.get('q')).toBe('smyth');
    req.flush({ items: [summary('1', 'Smith', '2000-01-01')], total: 1, limit: 25, offset: 0 });
    await harness.fixture.whenStable();
    const cells = Array.from(el().querySelectorAll('tbody tr td')).map((td) => td.textContent?.trim());
    expect(cells.slice(0, 3)).toEqual(['VN-1', 'Smith, Ann', '01/01/2000']);
    expect(Number(cells[3])).toBeGreaterThanOrEqual(26);
  });

  it('moves through results with the arrow keys and opens the active one with Enter', async () => {
    const { http, type, key, activeRow, input, harness } = await setup();
    await type('ann');
    http
      .expectOne((r) => r.url === '/api/patients')
      .flush({ items: [summary('1', 'Abbott'), summary('2', 'Baker'), summary('3', 'Cole')], total: 3, limit: 25, offset: 0 });
    await harness.fixture.whenStable();
    expect(activeRow()?.textContent).toContain('Abbott');
    await key('ArrowDown');
    await key('ArrowDown');
    expect(activeRow()?.textContent).toContain('Cole');
    expect(input().getAttribute('aria-activedescendant')).toBe(activeRow()?.id);
    await key('ArrowDown');
    expect(activeRow()?.textContent).toContain('Cole');
    await key('ArrowUp');
    expect(activeRow()?.textContent).toContain('Baker');
    await key('Enter');
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/patients/2');
  });

  it('says so when nothing matches, and offers registration to reception', async () => {
    const { http, type, el, harness } = await setup('reception');
    await type('zzz');
    http.expectOne((r) => r.url === '/api/patients').flush({ items: [], total: 0, limit: 25, offset: 0 });
    await harness.fixture.whenStable();
    expect(el().textContent).toContain('No patients match “zzz”');
    expect(Array.from(el().querySelectorAll('a')).some((a) => a.textContent?.includes('Register a patient'))).toBe(true);
  });

  it('does not offer registration to a manager', async () => {
    const { el } = await setup('manager');
    expect(Array.from(el().querySelectorAll('a')).some((a) => a.textContent?.includes('Register a patient'))).toBe(false);
  });

  it('shows a failed search with a retry', async () => {
    const { http, type, el, harness } = await setup();
    await type('ann');
    http.expectOne((r) => r.url === '/api/patients').flush(null, { status: 500, statusText: 'Server Error' });
    await harness.fixture.whenStable();
    expect(el().querySelector('[role=alert]')?.textContent).toContain('The server had a problem');
    (Array.from(el().querySelectorAll('button')).find((b) => b.textContent?.includes('Try again')) as HTMLButtonElement).click();
    await harness.fixture.whenStable();
    await settle();
    http.expectOne((r) => r.url === '/api/patients');
  });

  it('fetches the clearance badges of all rows in one request and shows each in its row', async () => {
    const { http, type, el, harness } = await setup('reception');
    await type('ann');
    http
      .expectOne((r) => r.url === '/api/patients')
      .flush({ items: [summary('1', 'Abbott'), summary('2', 'Baker')], total: 2, limit: 25, offset: 0 });
    await harness.fixture.whenStable();
    expect(el().querySelector('tbody')?.textContent).toContain('Checking clearance');
    const batch = http.expectOne((r) => r.url === '/api/clearance');
    expect(batch.request.params.get('patientIds')).toBe('1,2');
    batch.flush({
      on: '2026-11-25',
      items: [
        {
          patientId: '1',
          eligible: true,
          legs: { left: { status: 'cleared', validUntil: '2027-04-30' }, right: { status: 'cleared', validUntil: '2027-04-30' } },
          blockers: [],
        },
        { patientId: '2', eligible: false, legs: { left: { status: 'referred' }, right: { status: 'referred' } }, blockers: [] },
      ],
    });
    await harness.fixture.whenStable();
    const badges = Array.from(el().querySelectorAll('tbody tr')).map((row) => row.querySelector('.badge'));
    expect(badges.map((b) => b?.textContent?.trim())).toEqual(['check_circleCleared until 30/04/2027', 'blockNot cleared: Referred']);
    expect(badges.map((b) => b?.classList.contains('vn-tone-ok'))).toEqual([true, false]);
    http.expectNone((r) => r.url.includes('/clearance'));
  });

  it('leaves the clearance column out for an admin', async () => {
    const { http, type, el, harness } = await setup('admin');
    await type('ann');
    http.expectOne((r) => r.url === '/api/patients').flush({ items: [summary('1', 'Abbott')], total: 1, limit: 25, offset: 0 });
    await harness.fixture.whenStable();
    http.expectNone((r) => r.url === '/api/clearance');
    expect(Array.from(el().querySelectorAll('th')).map((th) => th.textContent?.trim())).not.toContain('Clearance');
  });
});
