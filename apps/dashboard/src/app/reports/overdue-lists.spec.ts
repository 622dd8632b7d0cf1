import { TestBed } from '@angular/core/testing';
import type { OverdueReport, RecallRow } from '@venule/api-contract';
import { OverdueLists } from './overdue-lists';

const recall = (over: Partial<RecallRow>): RecallRow => ({
  courseId: 'c1', patientId: 'p1', patientName: 'Ada Lovelace', clinicNumber: 'VN-000001', phone: '07700 900001',
  lastSessionOn: '2026-06-01', windowOpensOn: '2026-06-29', windowClosesOn: '2026-08-24', daysOverdue: 20, ...over,
});

function texts(report: OverdueReport): { headers: string[]; cells: string[][] } {
  const fixture = TestBed.createComponent(OverdueLists);
  fixture.componentRef.setInput('report', report);
  fixture.detectChanges();
  const el: HTMLElement = fixture.nativeElement;
  return {
    headers: Array.from(el.querySelectorAll('table')[0].querySelectorAll('th')).map((th) => th.textContent?.trim() ?? ''),
    cells: Array.from(el.querySelectorAll('tr[mat-row]')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim() ?? '')),
  };
}

const base: OverdueReport = { on: '2026-09-13', overdue: [], recall: [], recallDays: 14, scanExpiring: [], scanExpiryDays: 30 };

describe('OverdueLists', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [OverdueLists] }));

  it('shows reception names, phones and dates, and no course column when the API sent no clinical detail', () => {
    const { headers, cells } = texts({ ...base, overdue: [recall({})] });
    expect(headers).toEqual(['Patient', 'Phone', 'Was due by']);
    expect(cells[0]).toEqual(['Ada Lovelace VN-000001', '07700 900001', '24/08/2026 (20 days ago)']);
  });

  it('adds legs and sessions for clinicians and managers', () => {
    const { headers, cells } = texts({ ...base, overdue: [recall({ clinical: { legs: ['left', 'right'], sessionsCompleted: 2, plannedSessions: 4 } })] });
    expect(headers).toEqual(['Patient', 'Phone', 'Was due by', 'Course']);
    expect(cells[0][3]).toBe('Left leg, Right leg · 2 of 4 sessions');
  });

  it('says so when a list is empty', () => {
    const fixture = TestBed.createComponent(OverdueLists);
    fixture.componentRef.setInput('report', base);
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('Nobody is overdue.');
    expect(fixture.nativeElement.textContent).toContain('No clear scans are about to run out.');
  });
});
