import { TestBed } from '@angular/core/testing';
import type { Consultation } from '@venule/api-contract';
import { ReceiptSheet } from './receipt-sheet';

const consultation: Consultation = {
  id: 'c-1',
  version: 3,
  createdAt: '2026-11-20T10:00:00Z',
  updatedAt: '2026-12-02T10:00:00Z',
  type: 'named_doctor',
  patientId: 'p-1',
  patientName: 'Harriet Whitlock',
  clinicNumber: 'VN-000140',
  clinicianId: 'dr-2',
  clinicianName: 'Dr Imran Shah',
  startsAt: '2026-12-02T10:00:00Z',
  endsAt: '2026-12-02T10:30:00Z',
  startsOn: '2026-12-02',
  durationMinutes: 30,
  status: 'attended',
  statusReason: null,
  feePence: 5000,
  depositPence: 2500,
  paidPence: 5000,
  balanceDuePence: 0,
  payments: [
    {
      id: 'pay-1',
      kind: 'deposit',
      amountPence: 2500,
      method: 'card',
      reference: 'TERM-1',
      recordedBy: 'r',
      recordedAt: '2026-11-20T10:05:00Z',
    },
    {
      id: 'pay-2',
      kind: 'balance',
      amountPence: 3000,
      method: 'cash',
      reference: null,
      recordedBy: 'r',
      recordedAt: '2026-12-02T10:35:00Z',
    },
    {
      id: 'pay-3',
      kind: 'reversal',
      amountPence: 500,
      method: 'cash',
      reference: 'Overcharged',
      recordedBy: 'r',
      recordedAt: '2026-12-02T10:40:00Z',
    },
  ],
};

function render(clinic: object | null) {
  const fixture = TestBed.createComponent(ReceiptSheet);
  fixture.componentRef.setInput('consultation', consultation);
  fixture.componentRef.setInput('clinic', clinic);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

const rows = (el: HTMLElement, part: string) =>
  Array.from(el.querySelectorAll(`${part} tr`)).map((tr) => Array.from(tr.children).map((c) => c.textContent?.replace(/\s+/g, ' ').trim()));

describe('ReceiptSheet', () => {
  it('lists each payment in pounds from pence, a reversal taken off', () => {
    const el = render(null);
    expect(rows(el, 'tbody')).toEqual([
      ['20/11/2026', 'Deposit · TERM-1', 'Card', '£25.00'],
      ['02/12/2026', 'Balance', 'Cash', '£30.00'],
      ['02/12/2026', 'Reversal · Overcharged', 'Cash', '-£5.00'],
    ]);
    expect(rows(el, 'tfoot')).toEqual([
      ['Fee', '£50.00'],
      ['Paid', '£50.00'],
      ['Still due', '£0.00'],
    ]);
  });

  it('names the patient and the consultation', () => {
    const text = render(null).textContent?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Harriet Whitlock · VN-000140');
    expect(text).toContain('Named-doctor consultation on Wednesday 2 December 2026 at 10:00 with Dr Imran Shah');
  });

  it('prints the clinic’s identity when the server gives it, and nothing in its place until then', () => {
    const withClinic = render({
      name: 'Harley Vein Clinic',
      address: '1 Harley Street, London',
      phone: '020 7946 0000',
      outOfHoursPhone: '07700 900999',
    });
    expect(withClinic.querySelector('.clinic')?.textContent).toBe('Harley Vein Clinic');
    expect(withClinic.querySelector('.clinic-contact')?.textContent).toContain('1 Harley Street, London · 020 7946 0000');
    TestBed.resetTestingModule();
    expect(render(null).querySelector('.clinic')).toBeNull();
  });
});
