import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { ClearanceSummary, DiaryAppointment, DiaryLane } from '@venule/api-contract';
import { clinicWallTime } from '@venule/clinical-rules';
import { ArrivalMark, ClearanceColumn, DiaryDay, SlotPick } from './diary-day';

const DAY = '2026-12-02';
const at = (time: string) => clinicWallTime(DAY, time, 'Europe/London');

const consultation: DiaryAppointment = {
  kind: 'consultation',
  id: 'c-1',
  startsAt: at('09:00'),
  endsAt: at('09:30'),
  status: 'booked',
  patientId: 'p-1',
  patientName: 'Sophie Turner',
  clinicNumber: 'VN-000101',
  consultationType: 'named_doctor',
  balanceDuePence: 2500,
};
const session: DiaryAppointment = {
  kind: 'session',
  id: 's-1',
  startsAt: at('10:00'),
  endsAt: at('10:45'),
  status: 'scheduled',
  patientId: 'p-2',
  patientName: 'Leah Green',
  clinicNumber: 'VN-000102',
  courseId: 'course-1',
  sequence: 2,
};
const lanes: DiaryLane[] = [
  { clinicianId: 'dr-1', clinicianName: 'Dr Claire Hughes', appointments: [consultation, session] },
  { clinicianId: 'dr-2', clinicianName: 'Dr Imran Shah', appointments: [] },
];
const cleared: ClearanceSummary = {
  patientId: 'p-2',
  eligible: true,
  legs: { left: { status: 'cleared', validUntil: '2027-05-01' }, right: { status: 'no_scan' } },
  blockers: [],
};

function render(clearance: ClearanceColumn = { status: 'loaded', byPatient: new Map([['p-2', cleared]]) }, canBook = true) {
  const fixture = TestBed.createComponent(DiaryDay);
  fixture.componentRef.setInput('date', DAY);
  fixture.componentRef.setInput('lanes', lanes);
  fixture.componentRef.setInput('clearance', clearance);
  fixture.componentRef.setInput('canBook', canBook);
  fixture.componentRef.setInput('arrivalsOpen', true);
  fixture.componentRef.setInput('now', new Date('2026-01-01T00:00:00Z'));
  fixture.detectChanges();
  const el = fixture.nativeElement as HTMLElement;
  const lane = (name: string) => el.querySelector(`section[aria-label="${name}"]`) as HTMLElement;
  return { fixture, el, lane };
}

const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('DiaryDay', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [DiaryDay], providers: [provideRouter([])] }));

  it('shows one lane per clinician, appointments in time order between the free slots', () => {
    const { lane } = render();
    const items = Array.from(lane('Dr Claire Hughes').querySelectorAll('.entries > li')).map(text);
    expect(items[0]).toMatch(/^09:00–09:30\s*Sophie Turner · VN-000101\s*Named-doctor consultation/);
    expect(items[1]).toMatch(/09:30 Free/);
    expect(items[2]).toMatch(/^10:00–10:45\s*Leah Green · VN-000102\s*Treatment session 2/);
    expect(items[3]).toMatch(/11:00 Free/);
    expect(lane('Dr Imran Shah').querySelectorAll('.free')).toHaveLength(18);
  });

  it('links a booked treatment session to its printable pre-treatment sheet', () => {
    const { lane } = render();
    const [consultation, , session] = Array.from(lane('Dr Claire Hughes').querySelectorAll('.entries > li'));
    expect(session.querySelector('a.sheet-link')?.getAttribute('href')).toMatch(/^\/sessions\/[^/]+\/pre-treatment$/);
    expect(text(session.querySelector('a.sheet-link'))).toContain('Pre-treatment sheet');
    expect(consultation.querySelector('a.sheet-link')).toBeNull();
  });

  it('shows the balance due and each patient’s clearance for the day', () => {
    const { lane } = render();
    const [first, , second] = Array.from(lane('Dr Claire Hughes').querySelectorAll('.entries > li'));
    expect(text(first)).toContain('£25.00 due');
    expect(text(second)).toContain('Cleared until 01/05/2027');
    expect(second.querySelector('vn-clearance-badge')).not.toBeNull();
  });

  it('says so when clearance could not be loaded', () => {
    const { lane } = render({ status: 'error' });
    expect(text(lane('Dr Claire Hughes'))).toContain('Clearance not available');
  });

  it('books a free slot with its clinician and time', () => {
    const { fixture, el } = render();
    const picks: SlotPick[] = [];
    fixture.componentInstance.book.subscribe((pick) => picks.push(pick));
    (el.querySelector('button[aria-label="Book 09:30 with Dr Claire Hughes"]') as HTMLButtonElement).click();
    expect(picks).toEqual([{ clinicianId: 'dr-1', startsAt: at('09:30') }]);
  });

  it('marks arrivals: a consultation attended or not, a session only as not attended', () => {
    const { fixture, el } = render();
    const marks: ArrivalMark[] = [];
    fixture.componentInstance.mark.subscribe((m) => marks.push(m));
    (el.querySelector('button[aria-label="Attended: Sophie Turner"]') as HTMLButtonElement).click();
    (el.querySelector('button[aria-label="Did not attend: Leah Green"]') as HTMLButtonElement).click();
    expect(marks.map((m) => [m.appointment.id, m.outcome])).toEqual([
      ['c-1', 'attended'],
      ['s-1', 'did_not_attend'],
    ]);
    expect(el.querySelector('button[aria-label="Attended: Leah Green"]')).toBeNull();
  });

  it('offers no booking or arrivals to those who may only read the diary', () => {
    const { el } = render(undefined, false);
    expect(el.querySelectorAll('button')).toHaveLength(0);
    expect(text(el)).toContain('09:30 Free');
  });
});
