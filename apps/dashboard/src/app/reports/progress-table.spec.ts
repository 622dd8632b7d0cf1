import { TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';
import { provideRouter } from '@angular/router';
import type { CourseProgressPage, CourseProgressRow } from '@venule/api-contract';
import { ProgressTable } from './progress-table';

const row = (over: Partial<CourseProgressRow>): CourseProgressRow => ({
  courseId: 'c1',
  patientId: 'p1',
  patientName: 'Ada Lovelace',
  clinicNumber: 'VN-000001',
  legs: ['left'],
  clinicianId: 'u1',
  clinicianName: 'Dr Vein',
  plannedOn: '2026-01-05',
  sessionsCompleted: 1,
  plannedSessions: 3,
  lastSessionOn: '2026-08-01',
  nextSessionOn: null,
  state: 'overdue',
  daysOverdue: 12,
  patientRatedImprovement: 70,
  clinicianRatedImprovement: null,
  ...over,
});

function render(page: CourseProgressPage) {
  const fixture = TestBed.createComponent(ProgressTable);
  fixture.componentRef.setInput('page', page);
  fixture.detectChanges();
  return fixture;
}

describe('ProgressTable', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [ProgressTable], providers: [provideRouter([]), provideNoopAnimations()] }));

  it('shows each course with a link to it, its state, sessions, dates and ratings', () => {
    const el: HTMLElement = render({
      items: [row({}), row({ courseId: 'c2', patientName: 'Grace Hopper', state: 'on_track', daysOverdue: 0 })],
      total: 2,
      limit: 25,
      offset: 0,
    }).nativeElement;
    const rows = Array.from(el.querySelectorAll('tr[mat-row]')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows[0]).toEqual(['Ada LovelaceVN-000001 · Left leg', 'Dr Vein', '1 of 3', '01/08/2026', '—', 'Overdue', '12', '70 % / —']);
    expect(rows[1][5]).toBe('On track');
    expect(Array.from(el.querySelectorAll('tr[mat-row] a')).map((a) => a.getAttribute('href'))).toEqual(['/courses/c1', '/courses/c2']);
  });

  it('asks the server for another order when a header is clicked, and another page from the paginator', () => {
    const fixture = render({ items: [row({})], total: 60, limit: 25, offset: 0 });
    const sorts: unknown[] = [];
    const pages: number[] = [];
    fixture.componentInstance.sortChange.subscribe((s) => sorts.push(s));
    fixture.componentInstance.pageChange.subscribe((p) => pages.push(p.pageIndex));
    const header = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('th')).find((th) =>
      th.textContent?.includes('Patient'),
    );
    (header?.querySelector('.mat-sort-header-container') as HTMLElement).click();
    (fixture.nativeElement.querySelector('.mat-mdc-paginator-navigation-next') as HTMLButtonElement).click();
    expect(sorts).toEqual([{ sort: 'patientName', direction: 'asc' }]);
    expect(pages).toEqual([1]);
  });
});
