import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import { problem, signInAs } from '../../testing/session';
import { PreTreatmentPage } from './pre-treatment-page';
import { booking, course } from './testing-fixtures';

const advice = {
  scheduledFor: '2026-03-02T14:00:00Z',
  scheduledOn: '2026-03-02',
  items: [
    {
      code: 'no_lotions',
      from: '2026-03-02T09:10:00.000+00:00',
      fromDate: '2026-03-02',
      text: 'Do not put any lotion, cream or oil on your legs from now until your appointment at 14:00 on Monday 2 March 2026.',
    },
    { code: 'loose_clothing', text: 'Wear loose, comfortable clothing: shorts or a loose skirt are ideal.' },
    { code: 'bring_stockings', text: 'Bring your support stockings: you will put them on straight after treatment.' },
  ],
};

async function open() {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([]),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
    ],
  });
  signInAs('reception');
  const fixture = TestBed.createComponent(PreTreatmentPage);
  fixture.componentRef.setInput('id', 's-2');
  fixture.detectChanges();
  return { fixture, http: TestBed.inject(HttpTestingController), el: fixture.nativeElement as HTMLElement };
}

describe('PreTreatmentPage', () => {
  it('prints the patient, the appointment and every piece of advice as the API words it', async () => {
    const { fixture, http, el } = await open();
    http.expectOne('/api/sessions/s-2').flush(
      booking({
        id: 's-2',
        sequence: 2,
        scheduledFor: advice.scheduledFor,
        scheduledOn: advice.scheduledOn,
        clinicianName: 'Dr Amara Okafor',
      }),
    );
    http.expectOne('/api/sessions/s-2/pre-treatment').flush(advice);
    http.expectOne('/api/clinic').flush({
      name: 'Clifton Vein Clinic',
      address: '27 Princess Victoria Street, Bristol BS8 4BX',
      phone: '0117 496 0321',
      outOfHoursPhone: '07700 900461',
    });
    http.expectOne('/api/courses/c-1').flush(course({ legs: ['left', 'right'] }));
    http.expectOne('/api/patients/p-1').flush({ id: 'p-1', firstName: 'Ann', lastName: 'Smith', clinicNumber: 'VN-001234' });
    await fixture.whenStable();
    const text = el.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(el.querySelector('h1')?.textContent).toBe('Before your treatment');
    expect(text).toContain('Ann Smith · VN-001234');
    expect(text).toContain('Treatment session 2 at 14:00 on Monday 2 March 2026');
    expect(text).toContain('with Dr Amara Okafor');
    expect(el.querySelector('.clinic')?.textContent).toBe('Clifton Vein Clinic');
    expect(el.querySelector('.clinic-contact')?.textContent).toBe('27 Princess Victoria Street, Bristol BS8 4BX · 0117 496 0321');
    expect(text).toContain('please call the clinic on 0117 496 0321 as early as you can');
    expect(Array.from(el.querySelectorAll('.advice li')).map((li) => li.textContent?.trim())).toEqual(advice.items.map((i) => i.text));
    const print = jest.spyOn(window, 'print').mockImplementation(() => undefined);
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Print'))
      ?.click();
    expect(print).toHaveBeenCalled();
  });

  it('says why when the session is no longer booked', async () => {
    const { fixture, http, el } = await open();
    http.expectOne('/api/sessions/s-2').flush(booking({ id: 's-2', status: 'completed' }));
    http
      .expectOne('/api/sessions/s-2/pre-treatment')
      .flush(problem(404, 'NO_PRE_TREATMENT_ADVICE', 'This session is completed; pre-treatment advice is for booked sessions.'), {
        status: 404,
        statusText: 'Not Found',
      });
    await fixture.whenStable();
    expect(el.textContent).toContain('This session is completed; pre-treatment advice is for booked sessions.');
  });
});
