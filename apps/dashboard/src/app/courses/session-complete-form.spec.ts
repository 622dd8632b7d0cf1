import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { CompletionFacts, Course } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { SessionCompleteForm } from './session-complete-form';
import { booking, course } from './testing-fixtures';

const today = '2026-03-02';

const facts = (over: Partial<CompletionFacts> = {}): CompletionFacts => ({
  on: today,
  polidocanolMgSameDay: 0,
  completedSessionsBefore: 3,
  weightKg: 70,
  weightMeasuredOn: '2026-01-10',
  conditions: [],
  ...over,
});

async function open(body: Course = course(), session = booking(), given: Partial<CompletionFacts> = {}) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provideClinicDates(),
    ],
  });
  signInAs('clinician');
  const fixture = TestBed.createComponent(SessionCompleteForm);
  fixture.componentRef.setInput('session', session);
  fixture.componentRef.setInput('course', body);
  fixture.componentRef.setInput('today', today);
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne((r) => r.url === '/api/sessions/s-1/completion-facts' && !r.params.has('treatedAt')).flush(facts(given));
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const type = async (name: string, value: string) => {
    const input = el.querySelector<HTMLInputElement>(`input[formcontrolname=${name}]`);
    if (!input) throw new Error(`no input ${name}`);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const dose = () => el.querySelector('section[aria-label=Dose]') as HTMLElement;
  const marker = (name: string) => el.querySelector(`vn-leg-diagram [role=checkbox][aria-label="${name}"]`) as SVGGElement;
  const select = async (name: string) => {
    marker(name).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await fixture.whenStable();
  };
  const legBox = (label: string) =>
    Array.from(el.querySelectorAll<HTMLInputElement>('fieldset input[type=checkbox]')).find(
      (i) => i.closest('mat-checkbox')?.textContent?.trim() === label,
    ) as HTMLInputElement;
  const areas = () => el.querySelector<HTMLInputElement>('input[formcontrolname=areas]')?.value;
  const submitValid = async () => {
    await type('batchNumber', 'PD123');
    await type('concentrationPercent', '0.5');
    await type('volumeMl', '4');
    await type('injections', '12');
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    return http.expectOne('/api/sessions/s-1/complete').request.body;
  };
  return { fixture, el, http, type, dose, marker, select, legBox, areas, submitValid };
}

describe('SessionCompleteForm', () => {
  it('shows the polidocanol dose against the daily limit while typing, and turns to an error over it', async () => {
    const { type, dose } = await open();
    await type('concentrationPercent', '1');
    await type('volumeMl', '10');
    expect(dose().textContent).toContain('100 mg');
    expect(dose().textContent).toContain('of 140 mg daily limit (70 kg)');
    expect(dose().textContent).toContain('40 mg left today');
    expect(dose().classList).not.toContain('over');
    expect(dose().querySelector('[role=alert]')).toBeNull();

    await type('volumeMl', '15');
    expect(dose().textContent).toContain('150 mg');
    expect(dose().classList).toContain('over');
    expect(dose().querySelector('[role=alert]')?.textContent).toContain('would exceed the 140 mg daily limit for 70 kg');
  });

  it('asks for a reason when the concentration is outside the usual range', async () => {
    const { el, type } = await open();
    expect(el.textContent).not.toContain('Reason for the unusual concentration');
    await type('concentrationPercent', '3');
    expect(el.textContent).toContain('Reason for the unusual concentration');
    expect(el.textContent).toContain('confirm with a reason');
  });

  it('ticks the leg and adds the area when a region of the diagram is selected, and sends both', async () => {
    const { fixture, select, legBox, areas, marker, submitValid } = await open();
    legBox('Left leg').click();
    await fixture.whenStable();
    expect(legBox('Left leg').checked).toBe(false);

    await select('Left leg, front: Medial calf');
    expect(legBox('Left leg').checked).toBe(true);
    expect(areas()).toBe('calf, medial calf');
    expect(marker('Left leg, front: Medial calf').getAttribute('aria-checked')).toBe('true');
    expect(await submitValid()).toMatchObject({ legs: ['left'], areas: ['calf', 'medial calf'] });
  });

  it('offers only the legs of the course on the diagram and keeps it in step with the areas typed', async () => {
    const { el, type, select, marker, areas } = await open();
    const names = Array.from(el.querySelectorAll('vn-leg-diagram [role=checkbox]')).map((m) => m.getAttribute('aria-label') ?? '');
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(names.every((n) => n.startsWith('Left leg'))).toBe(true);

    await type('areas', 'Lateral thighs, popliteal fossa');
    expect(marker('Left leg, back: Lateral thigh').getAttribute('aria-checked')).toBe('true');
    expect(marker('Left leg, back: Behind the knee').getAttribute('aria-checked')).toBe('true');
    await select('Left leg, back: Lateral thigh');
    expect(areas()).toBe('popliteal fossa');
    expect(marker('Left leg, back: Lateral thigh').getAttribute('aria-checked')).toBe('false');
  });

  it('names the leg with the area when the course treats both legs', async () => {
    const { fixture, select, legBox, areas, submitValid } = await open(course({ legs: ['left', 'right'], areas: [] }));
    legBox('Right leg').click();
    await fixture.whenStable();
    await select('Right leg, back: Behind the knee');
    await select('Left leg, front: Ankle and foot');
    expect(legBox('Right leg').checked).toBe(true);
    expect(areas()).toBe('right behind the knee, left ankle and foot');

    legBox('Right leg').click();
    await fixture.whenStable();
    expect(areas()).toBe('left ankle and foot');
    expect(await submitValid()).toMatchObject({ legs: ['left'], areas: ['left ankle and foot'] });
  });

  it("lists every reason of the server's refusal in words", async () => {
    const { el, http, type, fixture } = await open();
    await type('batchNumber', 'PD123');
    await type('concentrationPercent', '0.5');
    await type('volumeMl', '4');
    await type('injections', '12');
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    const request = http.expectOne('/api/sessions/s-1/complete');
    expect(request.request.body).toMatchObject({
      legs: ['left'],
      agent: 'polidocanol',
      batchNumber: 'PD123',
      concentrationPercent: 0.5,
      volumeMl: 4,
    });
    request.flush(
      problem(422, 'CONSENT_REQUIRED', 'The session cannot be recorded as completed.', {
        reasons: [
          { code: 'CONSENT_REQUIRED', message: 'No consent is on file for this course. Record the signed consent first.' },
          { code: 'SCAN_EXPIRED', message: 'The clear scan expired on 1 March 2026.', leg: 'left' },
        ],
      }),
      { status: 422, statusText: 'Unprocessable Content' },
    );
    await fixture.whenStable();
    const alert = el.querySelector('vn-reason-list [role=alert]')?.textContent ?? '';
    expect(alert).toContain('The session cannot be recorded as completed.');
    expect(alert).toContain('No consent is on file for this course.');
    expect(alert).toContain('Left leg: The clear scan expired on 1 March 2026.');
  });

  it("records a treatment given earlier: asks for the day and time, counts that day's polidocanol, and sends treatedAt", async () => {
    const { el, http, type, dose, submitValid, fixture } = await open(
      course(),
      booking({ scheduledFor: '2026-02-28T10:00:00Z', scheduledOn: '2026-02-28' }),
    );
    expect(el.querySelector('input[formcontrolname=givenOn]')).toBeNull();
    const late = Array.from(el.querySelectorAll<HTMLInputElement>('input[type=checkbox]')).find((i) =>
      i.closest('mat-checkbox')?.textContent?.includes('Recording a treatment given earlier'),
    ) as HTMLInputElement;
    late.click();
    await fixture.whenStable();
    const day = el.querySelector('input[formcontrolname=givenOn]') as HTMLInputElement;
    expect(day.getAttribute('min')).toMatch(/^2026-02-28T00:00/);
    expect(day.getAttribute('max')).toMatch(new RegExp(`^${today}T00:00`));
    day.value = '01/03/2026';
    day.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    // The day's facts are asked again for the day it was given: 100 mg went in on another course.
    http
      .expectOne((r) => r.url === '/api/sessions/s-1/completion-facts' && r.params.get('treatedAt')?.startsWith('2026-03-01') === true)
      .flush(facts({ on: '2026-03-01', polidocanolMgSameDay: 100 }));
    await fixture.whenStable();
    await type('givenAt', '09:30');
    await type('concentrationPercent', '0.5');
    await type('volumeMl', '4');
    expect(dose().textContent).toContain('Includes 100 mg given earlier on 01/03/2026');
    expect(dose().textContent).toContain('20 mg left on 01/03/2026');
    const body = await submitValid();
    expect(Date.parse(body.treatedAt)).toBe(Date.parse('2026-03-01T09:30:00Z'));
  });

  it('reads a day it cannot parse as an error, and forgets it when the treatment is recorded as it happens after all', async () => {
    const { el, type, submitValid, fixture } = await open();
    const late = () => el.querySelector<HTMLInputElement>('fieldset.when mat-checkbox input') as HTMLInputElement;
    late().click();
    await fixture.whenStable();
    await type('givenOn', '31/02/2026');
    (el.querySelector('input[formcontrolname=givenOn]') as HTMLInputElement).dispatchEvent(new Event('blur'));
    el.querySelector<HTMLButtonElement>('button[type=submit]')?.click();
    await fixture.whenStable();
    expect(el.querySelector('input[formcontrolname=givenOn]')?.closest('mat-form-field')?.textContent).toContain(
      'Enter the date as DD/MM/YYYY',
    );
    late().click();
    await fixture.whenStable();
    expect(await submitValid()).not.toHaveProperty('treatedAt');
  });

  it('sends no treatedAt when the treatment is recorded as it happens', async () => {
    const { submitValid } = await open();
    expect(await submitValid()).not.toHaveProperty('treatedAt');
  });
});
