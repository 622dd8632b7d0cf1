import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { problem } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { todayIso } from '../core/dates';
import { ScanForm, type ScanSubmission } from './scan-form';

async function setup() {
  TestBed.configureTestingModule({
    imports: [ScanForm],
    providers: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }, provideClinicDates()],
  });
  const fixture = TestBed.createComponent(ScanForm);
  const saved: ScanSubmission[] = [];
  fixture.componentInstance.saved.subscribe((v) => saved.push(v));
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const settle = () => fixture.whenStable();
  const type = async (selector: string, value: string) => {
    const input = el.querySelector(selector) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await settle();
  };
  const fieldset = (legend: string) =>
    Array.from(el.querySelectorAll('fieldset')).find((f) => f.querySelector('legend')?.textContent?.trim() === legend) as HTMLElement;
  const checkbox = (scope: HTMLElement, label: string) =>
    Array.from(scope.querySelectorAll('mat-checkbox'))
      .find((c) => c.textContent?.includes(label))
      ?.querySelector('input') as HTMLInputElement;
  const tick = async (scope: HTMLElement, label: string) => {
    checkbox(scope, label).click();
    await settle();
  };
  const conclude = async (legend: string, label: string) => {
    const radio = Array.from(fieldset(legend).querySelectorAll('mat-radio-button')).find((r) => r.textContent?.includes(label));
    (radio?.querySelector('input') as HTMLInputElement).click();
    await settle();
  };
  const marker = (name: string) => el.querySelector(`[role=checkbox][aria-label="${name}"]`) as SVGGElement;
  const submit = async () => {
    (el.querySelector('button[type=submit]') as HTMLButtonElement).click();
    await settle();
  };
  const errorOf = (selector: string) =>
    el.querySelector(selector)?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim();
  return { fixture, el, saved, type, fieldset, checkbox, tick, conclude, marker, submit, errorOf, settle };
}

describe('ScanForm', () => {
  it('refuses a scan dated in the future', async () => {
    const { type, conclude, submit, saved, errorOf } = await setup();
    await type('input[formcontrolname=performedOn]', '01/01/2999');
    await type('input[formcontrolname=performedBy]', 'Vascular lab');
    await conclude('Left leg', 'Clear');
    await conclude('Right leg', 'Clear');
    await submit();
    expect(saved).toEqual([]);
    expect(errorOf('input[formcontrolname=performedOn]')).toMatch(/^The scan date cannot be after today \(\d{2}\/\d{2}\/\d{4}\)\.$/);
  });

  it('needs who performed it and a conclusion for each scanned leg', async () => {
    const { submit, saved, el } = await setup();
    await submit();
    expect(saved).toEqual([]);
    expect(el.textContent).toContain('Say who performed the scan');
    expect(Array.from(el.querySelectorAll('p.error')).map((p) => p.textContent?.trim())).toEqual([
      'Choose a conclusion',
      'Choose a conclusion',
    ]);
  });

  it('marks a finding from the leg diagram and the checklist alike, and sends only scanned legs', async () => {
    const { type, marker, fieldset, checkbox, tick, conclude, submit, saved, el } = await setup();
    await type('input[formcontrolname=performedBy]', 'Vascular lab');
    marker('Left leg, front: Telangiectasia (thread veins)').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await conclude('Left leg', 'Clear');
    expect(checkbox(fieldset('Left leg'), 'Telangiectasia').checked).toBe(true);
    await tick(fieldset('Left leg'), 'Reticular veins');
    expect(marker('Left leg, back: Reticular veins').getAttribute('aria-checked')).toBe('true');
    await tick(el, 'Right leg scanned');
    expect(fieldset('Right leg')).toBeUndefined();
    expect(marker('Right leg, front: Great saphenous vein reflux')).toBeNull();
    await type('textarea', '  Small clusters lateral thigh ');
    await submit();
    expect(saved).toEqual([
      {
        request: {
          performedOn: todayIso(),
          performedBy: 'Vascular lab',
          legs: { left: { findings: ['reticular_veins', 'telangiectasia'], notes: 'Small clusters lateral thigh', conclusion: 'clear' } },
        },
        file: null,
      },
    ]);
  });

  it('explains at once that clear contradicts underlying disease, and does not send it', async () => {
    const { type, marker, conclude, submit, saved, fieldset, tick, el } = await setup();
    await type('input[formcontrolname=performedBy]', 'Vascular lab');
    await tick(el, 'Left leg scanned');
    marker('Right leg, front: Great saphenous vein reflux').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await conclude('Right leg', 'Clear');
    expect(fieldset('Right leg').querySelector('p.error')?.textContent).toContain('Not clear with great saphenous vein reflux found');
    await submit();
    expect(saved).toEqual([]);
    await conclude('Right leg', 'Underlying disease');
    await submit();
    expect(saved[0].request.legs).toEqual({ right: { findings: ['gsv_reflux'], notes: null, conclusion: 'underlying_disease' } });
  });

  it('needs at least one leg scanned', async () => {
    const { tick, el, submit, saved } = await setup();
    await tick(el, 'Left leg scanned');
    await tick(el, 'Right leg scanned');
    await submit();
    expect(saved).toEqual([]);
    expect(el.textContent).toContain('Tick at least one leg that was scanned.');
  });

  it('shows server field errors at their fields', async () => {
    const { fixture, el, errorOf, settle } = await setup();
    fixture.componentRef.setInput(
      'serverError',
      new HttpErrorResponse({
        status: 400,
        error: problem(400, 'VALIDATION_FAILED', 'x', {
          errors: [
            { field: 'performedBy', messages: ['must be at most 200 characters'] },
            { field: 'legs.left.conclusion', messages: ['The left leg cannot be clear with deep venous reflux found'] },
          ],
        }),
      }),
    );
    await settle();
    expect(errorOf('input[formcontrolname=performedBy]')).toBe('Must be at most 200 characters.');
    expect(el.querySelector('fieldset p.error')?.textContent?.trim()).toBe('The left leg cannot be clear with deep venous reflux found.');
    expect(el.querySelector('[role=alert]')?.textContent).toContain('Some answers need attention.');
  });

  it('turns away a report that is not a PDF or image, or too big', async () => {
    const { el, settle } = await setup();
    const input = el.querySelector('input[type=file]') as HTMLInputElement;
    const pick = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await settle();
    };
    await pick(new File(['x'], 'notes.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
    expect(el.textContent).toContain('The report must be a PDF, PNG or JPEG file.');
    const big = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    await pick(big);
    expect(el.textContent).toContain('The report is 11 MB; the most is 10 MB.');
    await pick(new File(['%PDF'], 'report.pdf', { type: 'application/pdf' }));
    expect(el.textContent).toContain('report.pdf');
    expect(el.textContent).not.toContain('the most is');
  });
});
