import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { MedicalHistoryInput } from '@venule/api-contract';
import { problem } from '../../../testing/session';
import { provideClinicDates } from '../../core/clinic-dates';
import { HttpErrorResponse } from '@angular/common/http';
import { MedicalHistoryForm } from './medical-history-form';

async function setup() {
  TestBed.configureTestingModule({
    imports: [MedicalHistoryForm],
    providers: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }, provideClinicDates()],
  });
  const fixture = TestBed.createComponent(MedicalHistoryForm);
  const saved: MedicalHistoryInput[] = [];
  fixture.componentInstance.saved.subscribe((v) => saved.push(v));
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const tick = async (label: string) => {
    const box = Array.from(el.querySelectorAll('mat-checkbox')).find((c) => c.textContent?.trim() === label);
    (box?.querySelector('input') as HTMLInputElement).click();
    await fixture.whenStable();
  };
  const notes = () => Array.from(el.querySelectorAll('textarea')) as HTMLTextAreaElement[];
  const submit = async () => {
    (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await fixture.whenStable();
  };
  return { fixture, el, saved, tick, notes, submit };
}

describe('MedicalHistoryForm', () => {
  it('groups the absolute and relative contraindications with their labels', async () => {
    const { el } = await setup();
    const legends = Array.from(el.querySelectorAll('legend')).map((l) => l.textContent ?? '');
    expect(legends[0]).toContain('Absolute contraindications');
    expect(legends[1]).toContain('Relative contraindications');
    expect(el.textContent).toContain('Severe arterial disease (Fontaine III–IV)');
    expect(el.textContent).toContain('Migraine with aura');
  });

  it('asks for a note for each ticked relative condition, and only then', async () => {
    const { tick, notes, submit, saved, el, fixture } = await setup();
    expect(notes()).toHaveLength(0);
    await tick('Smoking');
    await tick('Pregnancy');
    expect(notes()).toHaveLength(1);
    await submit();
    expect(saved).toHaveLength(0);
    expect(el.textContent).toContain('Note why treatment is still appropriate');
    notes()[0].value = '10 a day, advised to stop';
    notes()[0].dispatchEvent(new Event('input'));
    await fixture.whenStable();
    await submit();
    expect(saved).toEqual([
      {
        conditions: ['pregnancy', 'smoking'],
        acknowledgements: { smoking: '10 a day, advised to stop' },
        weightKg: null,
        weightMeasuredOn: null,
      },
    ]);
  });

  it('needs the date a weight was measured, typed DD/MM/YYYY and sent as YYYY-MM-DD', async () => {
    const { el, submit, saved, fixture } = await setup();
    const type = async (selector: string, value: string) => {
      const input = el.querySelector(selector) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    await type('input[type=number]', '68');
    await submit();
    expect(saved).toHaveLength(0);
    expect(el.textContent).toContain('Enter the date the weight was measured');
    await type('input[formcontrolname=weightMeasuredOn]', '01/11/2025');
    await submit();
    expect(saved).toEqual([{ conditions: [], acknowledgements: {}, weightKg: 68, weightMeasuredOn: '2025-11-01' }]);
  });

  it('moves the focus to the "Some answers need attention" banner after a refused save', async () => {
    const { tick, submit, el } = await setup();
    await tick('Smoking');
    await submit();
    expect(document.activeElement).toBe(el.querySelector('.vn-banner'));
    expect(document.activeElement?.textContent).toContain('Some answers need attention');
  });

  it('names an unmatched server field as the form labels it, and focuses that banner', async () => {
    const { fixture, el } = await setup();
    fixture.componentRef.setInput(
      'serverError',
      new HttpErrorResponse({
        status: 400,
        error: problem(400, 'VALIDATION_FAILED', 'x', {
          errors: [
            { field: 'weightMeasuredOn', messages: ['must not be in the future'] },
            { field: 'legs', messages: ['is required'] },
          ],
        }),
      }),
    );
    await fixture.whenStable();
    expect(document.activeElement).toBe(el.querySelector('.vn-banner'));
    expect(el.querySelector('.vn-banner')?.textContent).toContain('Legs is required.');
  });

  it('shows a server message at the note it is about', async () => {
    const { tick, fixture, el } = await setup();
    await tick('Past DVT');
    fixture.componentRef.setInput(
      'serverError',
      new HttpErrorResponse({
        status: 400,
        error: problem(400, 'VALIDATION_FAILED', 'x', {
          errors: [{ field: 'acknowledgements.past_dvt', messages: ['must not be empty'] }],
        }),
      }),
    );
    await fixture.whenStable();
    expect(el.querySelector('textarea')?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim()).toBe(
      'Must not be empty.',
    );
  });
});
