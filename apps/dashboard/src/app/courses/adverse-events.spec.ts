import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { AdverseEvent, Role } from '@venule/api-contract';
import { problem, signInAs } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { AdverseEvents } from './adverse-events';

function event(overrides: Partial<AdverseEvent> = {}): AdverseEvent {
  return {
    id: 'ae-1',
    version: 1,
    createdAt: '2026-03-20T09:00:00Z',
    updatedAt: '2026-03-20T09:00:00Z',
    sessionId: 's-1',
    type: 'matting',
    severity: 'moderate',
    onsetOn: '2026-03-16',
    resolved: true,
    resolvedOn: '2026-03-30',
    notes: null,
    recordedBy: 'clinician-id',
    ...overrides,
  };
}

async function open(role: Role, events: AdverseEvent[] = []) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provideClinicDates(),
    ],
  });
  signInAs(role);
  const fixture = TestBed.createComponent(AdverseEvents);
  fixture.componentRef.setInput('sessionId', 's-1');
  fixture.componentRef.setInput('sequence', 1);
  fixture.componentRef.setInput('completedOn', '2026-03-02');
  fixture.componentRef.setInput('events', events);
  fixture.componentRef.setInput('today', '2026-03-31');
  fixture.detectChanges();
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const http = TestBed.inject(HttpTestingController);
  const button = (label: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim().endsWith(label));
  const click = async (label: string) => {
    button(label)?.click();
    await fixture.whenStable();
  };
  const choose = async (name: string, option: string) => {
    (el.querySelector(`mat-select[formcontrolname=${name}]`) as HTMLElement).click();
    await fixture.whenStable();
    (Array.from(document.querySelectorAll('mat-option')).find((o) => o.textContent?.trim() === option) as HTMLElement).click();
    await fixture.whenStable();
  };
  const type = async (name: string, value: string) => {
    const input = el.querySelector(`[formcontrolname=${name}]`) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  };
  const items = () => Array.from(el.querySelectorAll('li > span')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
  return { fixture, el, http, button, click, choose, type, items };
}

describe('AdverseEvents', () => {
  it("lists the session's events with type, severity, onset and whether resolved", async () => {
    const { items } = await open('manager', [
      event(),
      event({ id: 'ae-2', type: 'hyperpigmentation', severity: 'mild', resolved: false, resolvedOn: null }),
    ]);
    expect(items()).toEqual([
      'Matting · Moderate · onset 16/03/2026 · resolved 30/03/2026',
      'Hyperpigmentation · Mild · onset 16/03/2026 · not resolved',
    ]);
  });

  it('lets a manager read but not log or resolve', async () => {
    const { button, el } = await open('manager', [event({ resolved: false, resolvedOn: null })]);
    expect(button('Log adverse event')).toBeUndefined();
    expect(button('Mark resolved')).toBeUndefined();
    expect(el.querySelector('form')).toBeNull();
  });

  it('posts what the clinician entered and shows the new event in the list', async () => {
    const { click, choose, type, http, fixture, items, el } = await open('clinician');
    expect(items()).toEqual([]);
    await click('Log adverse event');
    expect(el.querySelector<HTMLInputElement>('input[formcontrolname=onsetOn]')?.value).toBe('31/03/2026');
    await choose('type', 'Superficial thrombophlebitis');
    await choose('severity', 'Moderate');
    await type('onsetOn', '09/03/2026');
    await type('notes', 'Tender cord along the medial calf; compression and NSAID advised.');
    (el.querySelector('form button[type=submit]') as HTMLButtonElement).click();

    const request = http.expectOne('/api/sessions/s-1/adverse-events');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      type: 'superficial_thrombophlebitis',
      severity: 'moderate',
      onsetOn: '2026-03-09',
      resolved: false,
      notes: 'Tender cord along the medial calf; compression and NSAID advised.',
    });
    request.flush(
      event({
        id: 'ae-9',
        type: 'superficial_thrombophlebitis',
        onsetOn: '2026-03-09',
        resolved: false,
        resolvedOn: null,
        notes: 'Tender cord along the medial calf; compression and NSAID advised.',
      }),
    );
    await fixture.whenStable();
    expect(el.querySelector('form')).toBeNull();
    expect(items()).toEqual([
      'Superficial thrombophlebitis · Moderate · onset 09/03/2026 · not resolved · Tender cord along the medial calf; compression and NSAID advised.',
    ]);
  });

  it('asks for a description of an event of type other before sending, and shows a field error from the server', async () => {
    const { click, choose, http, fixture, el, type } = await open('clinician');
    await click('Log adverse event');
    await choose('type', 'Other');
    await choose('severity', 'Mild');
    const submit = () => (el.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    submit();
    await fixture.whenStable();
    http.expectNone('/api/sessions/s-1/adverse-events');
    expect(el.querySelector('textarea')?.closest('mat-form-field')?.textContent).toContain('Describe the event');

    await type('notes', 'Bruising');
    await type('onsetOn', '01/03/2026');
    submit();
    await fixture.whenStable();
    http.expectNone('/api/sessions/s-1/adverse-events');
    expect(el.querySelector('input[formcontrolname=onsetOn]')?.closest('mat-form-field')?.textContent).toContain('Not before 02/03/2026');
    await type('onsetOn', '02/03/2026');
    submit();
    http.expectOne('/api/sessions/s-1/adverse-events').flush(
      problem(400, 'VALIDATION_FAILED', 'Some fields are invalid.', {
        errors: [{ field: 'onsetOn', messages: ['must not be before the session (2026-03-02)'] }],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();
    expect(el.querySelector('input[formcontrolname=onsetOn]')?.closest('mat-form-field')?.textContent).toContain(
      'Must not be before the session (2026-03-02).',
    );
  });

  it('marks an open event resolved on the date the clinician enters, and shows it resolved', async () => {
    const { click, http, fixture, items, button, el } = await open('clinician', [
      event(),
      event({ id: 'ae-2', resolved: false, resolvedOn: null }),
    ]);
    expect(el.querySelectorAll('button[aria-label="Mark Matting resolved"]')).toHaveLength(1);
    await click('Mark resolved');
    expect(el.querySelector<HTMLInputElement>('li.resolving input')?.value).toBe('31/03/2026');
    const input = el.querySelector('li.resolving input') as HTMLInputElement;
    input.value = '25/03/2026';
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    await click('Save');

    const request = http.expectOne('/api/adverse-events/ae-2/resolve');
    expect(request.request.body).toEqual({ resolvedOn: '2026-03-25' });
    request.flush(event({ id: 'ae-2', resolved: true, resolvedOn: '2026-03-25', version: 2 }));
    await fixture.whenStable();
    expect(items()).toEqual([
      'Matting · Moderate · onset 16/03/2026 · resolved 30/03/2026',
      'Matting · Moderate · onset 16/03/2026 · resolved 25/03/2026',
    ]);
    expect(button('Mark resolved')).toBeUndefined();
  });

  it("shows the server's refusal of a resolution date beside the date", async () => {
    const { click, http, fixture, el } = await open('clinician', [event({ resolved: false, resolvedOn: null })]);
    await click('Mark resolved');
    await click('Save');
    http
      .expectOne('/api/adverse-events/ae-1/resolve')
      .flush(problem(409, 'ADVERSE_EVENT_ALREADY_RESOLVED', 'This adverse event is already marked resolved.'), {
        status: 409,
        statusText: 'Conflict',
      });
    await fixture.whenStable();
    expect(el.querySelector('li.resolving')?.textContent).toContain('This adverse event is already marked resolved.');
  });

  it('sends the resolution date with an event logged as already resolved', async () => {
    const { click, choose, type, http, el, fixture } = await open('clinician');
    await click('Log adverse event');
    await choose('type', 'Matting');
    await choose('severity', 'Mild');
    await type('onsetOn', '10/03/2026');
    expect(el.querySelector('input[formcontrolname=resolvedOn]')).toBeNull();
    (el.querySelector('mat-checkbox input') as HTMLInputElement).click();
    await fixture.whenStable();
    expect(el.querySelector<HTMLInputElement>('input[formcontrolname=resolvedOn]')?.value).toBe('31/03/2026');
    await type('resolvedOn', '20/03/2026');
    (el.querySelector('form button[type=submit]') as HTMLButtonElement).click();
    expect(http.expectOne('/api/sessions/s-1/adverse-events').request.body).toEqual({
      type: 'matting',
      severity: 'mild',
      onsetOn: '2026-03-10',
      resolved: true,
      resolvedOn: '2026-03-20',
    });
  });
});
