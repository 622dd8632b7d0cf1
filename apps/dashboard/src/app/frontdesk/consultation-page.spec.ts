import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Consultation } from '@venule/api-contract';
import { signInAs } from '../../testing/session';
import { ConsultationPage } from './consultation-page';

const awaiting: Consultation = {
  id: 'c-1',
  version: 1,
  createdAt: '2026-11-30T10:00:00Z',
  updatedAt: '2026-11-30T10:00:00Z',
  type: 'named_doctor',
  patientId: 'p-1',
  patientName: 'Harriet Whitlock',
  clinicNumber: 'VN-000140',
  clinicianId: 'dr-2',
  clinicianName: 'Dr Imran Shah',
  startsAt: '2099-12-01T17:30:00Z',
  endsAt: '2099-12-01T18:00:00Z',
  startsOn: '2099-12-01',
  durationMinutes: 30,
  status: 'awaiting_deposit',
  statusReason: null,
  feePence: 5000,
  depositPence: 2500,
  paidPence: 0,
  balanceDuePence: 5000,
  payments: [],
};
const deposit = {
  id: 'pay-1',
  kind: 'deposit' as const,
  amountPence: 2500,
  method: 'card' as const,
  reference: 'TERM-1',
  recordedBy: 'r',
  recordedAt: '2026-11-30T10:05:00Z',
};
const booked: Consultation = { ...awaiting, version: 2, status: 'booked', paidPence: 2500, balanceDuePence: 2500, payments: [deposit] };

async function setup(consultation: Consultation) {
  TestBed.configureTestingModule({
    imports: [ConsultationPage],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  signInAs('reception');
  const fixture = TestBed.createComponent(ConsultationPage);
  fixture.componentRef.setInput('id', 'c-1');
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/consultations/c-1').flush(consultation);
  fixture.detectChanges();
  await fixture.whenStable();
  fixture.detectChanges();
  return { fixture, http, el: fixture.nativeElement as HTMLElement };
}

const text = (el: Element) => el.textContent?.replace(/\s+/g, ' ') ?? '';

describe('ConsultationPage', () => {
  it('asks for the deposit while the consultation awaits it, amount filled in', async () => {
    const { el } = await setup(awaiting);
    expect(text(el)).toContain('Awaiting deposit: take the £25.00 deposit to confirm the booking.');
    expect(el.querySelector('h2#pay-heading')?.textContent).toBe('Take the deposit');
    expect((el.querySelector('input[formcontrolname="amountPence"]') as HTMLInputElement).value).toBe('25.00');
  });

  it('records the deposit in pence with its method and reference, and shows it booked', async () => {
    const { el, fixture, http } = await setup(awaiting);
    const component = fixture.componentInstance as unknown as { payment: { patchValue(v: object): void } };
    component.payment.patchValue({ method: 'card', reference: ' TERM-1 ' });
    (el.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    const request = http.expectOne('/api/consultations/c-1/payments');
    expect(request.request.body).toEqual({ kind: 'deposit', amountPence: 2500, method: 'card', reference: 'TERM-1' });
    request.flush(booked);
    fixture.detectChanges();
    expect(text(el)).toContain('Booked');
    expect(text(el)).not.toContain('Awaiting deposit:');
    expect(text(el.querySelector('table') as Element)).toContain('£25.00');
    // The balance is taken on the day, not before: only a correction is offered.
    expect(el.querySelector('h2#pay-heading')).toBeNull();
    expect(text(el)).toContain('Correct a payment');
  });

  it('refuses an amount that is not pounds and pence without asking the server', async () => {
    const { el, fixture, http } = await setup(awaiting);
    const component = fixture.componentInstance as unknown as { payment: { patchValue(v: object): void } };
    component.payment.patchValue({ amountPence: '25.555', method: 'cash' });
    (el.querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(text(el)).toContain('Enter pounds and pence, e.g. 25.00');
    http.expectNone('/api/consultations/c-1/payments');
  });

  it('says the deposit is kept when cancelling', async () => {
    const { el, fixture } = await setup(booked);
    const cancel = Array.from(el.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Cancel consultation'),
    ) as HTMLButtonElement;
    cancel.click();
    fixture.detectChanges();
    await fixture.whenStable();
    expect(document.body.textContent).toContain('The £25.00 already paid is kept: the deposit is non-refundable.');
  });
});
