import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { OverdueReport, RecallRow } from '@venule/api-contract';
import { OverdueLists } from './overdue-lists';

const recall = (over: Partial<RecallRow>): RecallRow => ({
  courseId: 'c1',
  patientId: 'p1',
  patientName: 'Ada Lovelace',
  clinicNumber: 'VN-000001',
  phone: '07700 900001',
  lastSessionOn: '2026-06-01',
  windowOpensOn: '2026-06-29',
  windowClosesOn: '2026-08-24',
  daysOverdue: 20,
  lastCall: null,
  ...over,
});

function texts(report: OverdueReport): { headers: string[]; cells: string[][] } {
  const fixture = TestBed.createComponent(OverdueLists);
  fixture.componentRef.setInput('report', report);
  fixture.detectChanges();
  const el: HTMLElement = fixture.nativeElement;
  return {
    headers: Array.from(el.querySelectorAll('table')[0].querySelectorAll('th')).map((th) => th.textContent?.trim() ?? ''),
    cells: Array.from(el.querySelectorAll('tr[mat-row]')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? ''),
    ),
  };
}

const base: OverdueReport = {
  on: '2026-09-13',
  items: [],
  total: 0,
  limit: 0,
  offset: 0,
  overdue: [],
  recall: [],
  recallDays: 14,
  scanExpiring: [],
  scanExpiryDays: 30,
};

describe('OverdueLists', () => {
  beforeEach(() =>
    TestBed.configureTestingModule({ imports: [OverdueLists], providers: [provideHttpClient(), provideHttpClientTesting()] }),
  );

  it('shows reception names, phones and dates, and no course column when the API sent no clinical detail', () => {
    const { headers, cells } = texts({ ...base, overdue: [recall({})] });
    expect(headers).toEqual(['Patient', 'Phone', 'Was due by', 'Call']);
    expect(cells[0].slice(0, 3)).toEqual(['Ada Lovelace VN-000001', '07700 900001', '24/08/2026 (20 days ago)']);
  });

  it('adds legs and sessions for clinicians and managers', () => {
    const { headers, cells } = texts({
      ...base,
      overdue: [recall({ clinical: { legs: ['left', 'right'], sessionsCompleted: 2, plannedSessions: 4 } })],
    });
    expect(headers).toEqual(['Patient', 'Phone', 'Was due by', 'Course', 'Call']);
    expect(cells[0][3]).toBe('Left leg, Right leg · 2 of 4 sessions');
  });

  it('gives the recall list the same columns and call buttons, with its own "when"', () => {
    const fixture = TestBed.createComponent(OverdueLists);
    fixture.componentRef.setInput('report', {
      ...base,
      overdue: [recall({ daysOverdue: 1 })],
      recall: [recall({ courseId: 'c2', daysOverdue: 0 })],
    });
    fixture.detectChanges();
    const [overdue, recalls] = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('table'));
    const row = (t: HTMLTableElement) =>
      Array.from(t.querySelectorAll('tr[mat-row] td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    expect(Array.from(recalls.querySelectorAll('th')).map((th) => th.textContent?.trim())).toEqual([
      'Patient',
      'Phone',
      'Book between',
      'Call',
    ]);
    expect(row(overdue)[2]).toBe('24/08/2026 (1 day ago)');
    expect(row(recalls)[2]).toBe('29/06/2026 and 24/08/2026');
    expect(recalls.querySelectorAll('tr[mat-row] button')).toHaveLength(3);
  });

  it('says so when a list is empty', () => {
    const fixture = TestBed.createComponent(OverdueLists);
    fixture.componentRef.setInput('report', base);
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('Nobody is overdue.');
    expect(fixture.nativeElement.textContent).toContain('No clear scans are about to run out.');
  });

  describe('call outcomes', () => {
    const render = (row: RecallRow) => {
      const fixture = TestBed.createComponent(OverdueLists);
      fixture.componentRef.setInput('report', { ...base, overdue: [row] });
      fixture.detectChanges();
      return fixture;
    };
    const buttons = (el: HTMLElement) => Array.from(el.querySelectorAll<HTMLButtonElement>('tr[mat-row] button'));

    it('offers one button per outcome and shows the last call on the row', () => {
      const el: HTMLElement = render(
        recall({ lastCall: { outcome: 'left_message', note: null, calledAt: '2026-09-12T09:30:00Z', calledByName: 'Rita Reception' } }),
      ).nativeElement;
      expect(buttons(el).map((b) => b.textContent?.trim())).toEqual(['Left a message', 'Booked', 'Declined']);
      expect(el.querySelector('.last')?.textContent).toMatch(/^Left a message · .*12\/09\/2026, 10:30 · Rita Reception$/);
    });

    it('records the outcome in one click and shows it at once', () => {
      const fixture = render(recall({}));
      const el: HTMLElement = fixture.nativeElement;
      expect(el.querySelector('.last')).toBeNull();
      buttons(el)[1].click();
      const req = TestBed.inject(HttpTestingController).expectOne('/api/reports/overdue/calls');
      expect([req.request.method, req.request.body]).toEqual(['POST', { courseId: 'c1', outcome: 'booked' }]);
      req.flush({ outcome: 'booked', note: null, calledAt: '2026-09-13T10:00:00Z', calledByName: 'Rita Reception' });
      fixture.detectChanges();
      expect(el.querySelector('.last')?.textContent).toContain('Booked');
    });

    it('says why a call could not be recorded', () => {
      const fixture = render(recall({}));
      buttons(fixture.nativeElement)[2].click();
      TestBed.inject(HttpTestingController)
        .expectOne('/api/reports/overdue/calls')
        .flush({ status: 404, title: 'Not found', detail: 'The course was not found.' }, { status: 404, statusText: 'Not Found' });
      fixture.detectChanges();
      expect(fixture.nativeElement.querySelector('[role=alert]')?.textContent).toContain('The course was not found.');
      expect(fixture.nativeElement.querySelector('.last')).toBeNull();
    });
  });
});
