import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { Role, Scan } from '@venule/api-contract';
import { NO_HISTORY, clearanceOf, leg } from '../../testing/clearance';
import { signInAs } from '../../testing/session';
import { provideClinicDates } from '../core/clinic-dates';
import { PatientClearanceStore } from './patient-clearance';
import { ScansPanel } from './scans-panel';

const scan = (id: string, performedOn: string, legs: Scan['legs'], files: Scan['files'] = []): Scan => ({
  id,
  version: 1,
  createdAt: `${performedOn}T10:00:00Z`,
  updatedAt: `${performedOn}T10:00:00Z`,
  patientId: 'p-1',
  performedOn,
  performedBy: 'Leeds Vascular Lab',
  recordedBy: 'clinician-id',
  legs,
  files,
});

const history: Scan[] = [
  scan('s-2', '2026-10-02', { left: { findings: ['telangiectasia'], notes: 'Clusters on the outer thigh', conclusion: 'clear' } }, [
    {
      id: 'f-1',
      scanId: 's-2',
      originalName: 'duplex-report.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 2048,
      sha256: 'x',
      uploadedBy: 'c',
      createdAt: '2026-10-02T11:00:00Z',
    },
  ]),
  scan('s-1', '2025-04-10', {
    left: { findings: ['gsv_reflux'], notes: null, conclusion: 'underlying_disease' },
    right: { findings: [], notes: null, conclusion: 'inconclusive' },
  }),
];

async function open(role: Role) {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      PatientClearanceStore,
      { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      provideClinicDates(),
    ],
  });
  signInAs(role);
  const fixture = TestBed.createComponent(ScansPanel);
  fixture.componentRef.setInput('patientId', 'p-1');
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  const el = fixture.nativeElement as HTMLElement;
  const settle = () => fixture.whenStable();
  const button = (label: string) =>
    Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.includes(label)) as HTMLButtonElement | undefined;
  /** A clinician with no scans on file opens the form, names the lab and concludes both legs alike. */
  const startScan = async (performedBy: string, conclusion: string) => {
    http.expectOne('/api/patients/p-1/clearance').flush(clearanceOf(leg('no_scan'), leg('no_scan', undefined, 'right')));
    http.expectOne((r) => r.url === '/api/patients/p-1/scans').flush({ items: [], total: 0, limit: 100, offset: 0 });
    await settle();
    button('Record a scan')?.click();
    await settle();
    const by = el.querySelector('input[formcontrolname=performedBy]') as HTMLInputElement;
    by.value = performedBy;
    by.dispatchEvent(new Event('input'));
    for (const radio of Array.from(el.querySelectorAll('mat-radio-button')).filter((r) => r.textContent?.startsWith(conclusion))) {
      (radio.querySelector('input') as HTMLInputElement).click();
    }
  };
  return { fixture, http, el, settle, button, startScan };
}

describe('ScansPanel', () => {
  it('shows reception the clearance of each leg in words, and never asks for scans', async () => {
    const { http, el, settle } = await open('reception');
    http
      .expectOne('/api/patients/p-1/clearance')
      .flush(clearanceOf(leg('cleared', '2027-10-01'), leg('no_scan', undefined, 'right'), [NO_HISTORY]));
    await settle();
    http.expectNone((r) => r.url.endsWith('/scans'));
    const legs = Array.from(el.querySelectorAll('vn-leg-clearance section')).map((s) => s.textContent?.replace(/\s+/g, ' ').trim());
    expect(legs[0]).toContain('Left leg');
    expect(legs[0]).toContain('Cleared');
    expect(legs[0]).toContain('Valid until 01/10/2027');
    expect(legs[1]).toContain('No scan');
    expect(legs[1]).toContain('Right leg: no duplex scan');
    expect(el.textContent).toContain('No medical history on file');
    expect(el.textContent).not.toContain('Scan history');
    expect(el.textContent).not.toContain('Record a scan');
    expect(el.textContent).toContain('Scan findings and reports are for clinicians and managers.');
  });

  it('shows a clinician the scans newest first with conclusions, findings, notes and the report link', async () => {
    const { http, el, settle } = await open('clinician');
    http.expectOne('/api/patients/p-1/clearance').flush(clearanceOf(leg('cleared', '2027-10-01'), leg('inconclusive', undefined, 'right')));
    const list = http.expectOne((r) => r.url === '/api/patients/p-1/scans');
    expect(list.request.params.get('limit')).toBe('100');
    list.flush({ items: history, total: 2, limit: 100, offset: 0 });
    await settle();
    const text = (node: Element | null | undefined) => node?.textContent?.trim();
    const items = Array.from(el.querySelectorAll('.timeline > li'));
    expect(items.map((li) => text(li.querySelector('h3'))?.replace(/\s+/g, ' '))).toEqual([
      '02/10/2026 by Leeds Vascular Lab',
      '10/04/2025 by Leeds Vascular Lab',
    ]);
    const legsOf = (li: Element) =>
      Array.from(li.querySelectorAll('section.leg')).map((section) => ({
        leg: text(section.querySelector('.leg-name')),
        conclusion: text(section.querySelector('.chip'))?.replace(/^\w+(?=[A-Z])/, ''),
        findings: Array.from(section.querySelectorAll('.findings li')).map((f) => text(f)),
        notes: text(section.querySelector('.notes')),
        other: text(section.querySelector('.vn-muted')),
      }));
    expect(legsOf(items[0])).toEqual([
      {
        leg: 'Left leg',
        conclusion: 'Clear',
        findings: ['Telangiectasia (thread veins)'],
        notes: 'Clusters on the outer thigh',
        other: undefined,
      },
      { leg: 'Right leg', conclusion: undefined, findings: [], notes: undefined, other: 'Not scanned' },
    ]);
    expect(legsOf(items[1])).toEqual([
      { leg: 'Left leg', conclusion: 'Underlying disease', findings: ['Great saphenous vein reflux'], notes: undefined, other: undefined },
      { leg: 'Right leg', conclusion: 'Inconclusive', findings: [], notes: undefined, other: 'No abnormal findings' },
    ]);
    const link = el.querySelector('.files a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/scans/s-2/files/f-1');
    expect(link.hasAttribute('download')).toBe(true);
  });

  it('lets a manager read the history but not record a scan', async () => {
    const { http, el, settle, button } = await open('manager');
    http.expectOne('/api/patients/p-1/clearance').flush(clearanceOf(leg('no_scan'), leg('no_scan', undefined, 'right')));
    http.expectOne((r) => r.url === '/api/patients/p-1/scans').flush({ items: [], total: 0, limit: 100, offset: 0 });
    await settle();
    expect(el.textContent).toContain('No duplex scans yet');
    expect(button('Record a scan')).toBeUndefined();
  });

  it('records a scan, attaches the report, and refreshes the clearance', async () => {
    const { http, el, settle, button, fixture, startScan } = await open('clinician');
    await startScan('Leeds Vascular Lab', 'Clear');
    const fileInput = el.querySelector('input[type=file]') as HTMLInputElement;
    Object.defineProperty(fileInput, 'files', { value: [new File(['%PDF-1.4'], 'report.pdf', { type: 'application/pdf' })] });
    fileInput.dispatchEvent(new Event('change'));
    await settle();
    button('Save scan')?.click();
    await settle();

    const post = http.expectOne((r) => r.method === 'POST' && r.url === '/api/patients/p-1/scans');
    expect(post.request.body.legs).toEqual({
      left: { findings: [], notes: null, conclusion: 'clear' },
      right: { findings: [], notes: null, conclusion: 'clear' },
    });
    post.flush(scan('s-9', '2026-11-25', post.request.body.legs));
    const upload = http.expectOne('/api/scans/s-9/files');
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.flush({});
    http
      .expectOne((r) => r.method === 'GET' && r.url === '/api/patients/p-1/scans')
      .flush({ items: [scan('s-9', '2026-11-25', post.request.body.legs)], total: 1, limit: 100, offset: 0 });
    http
      .expectOne('/api/patients/p-1/clearance')
      .flush(clearanceOf(leg('cleared', '2027-11-24'), leg('cleared', '2027-11-24', 'right'), [NO_HISTORY]));
    await settle();
    fixture.detectChanges();
    expect(el.querySelector('vn-scan-form')).toBeNull();
    expect(el.querySelectorAll('.timeline > li')).toHaveLength(1);
    expect(el.querySelector('vn-leg-clearance')?.textContent).toContain('Valid until 24/11/2027');
  });

  it('keeps the form open with the reasons when the server refuses', async () => {
    const { http, el, settle, button, startScan } = await open('clinician');
    await startScan('Lab', 'Inconclusive');
    await settle();
    button('Save scan')?.click();
    await settle();
    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        {
          type: 'about:blank',
          title: 'Refused',
          status: 422,
          code: 'MEDICAL_HISTORY_REQUIRED',
          detail: 'Refused.',
          reasons: [{ code: 'MEDICAL_HISTORY_REQUIRED', message: 'No medical history on file.' }],
        },
        { status: 422, statusText: 'Unprocessable Entity' },
      );
    await settle();
    expect(el.querySelector('vn-scan-form [role=alert]')?.textContent).toContain('No medical history on file.');
  });

  it('tells an admin that scans are not for their role', async () => {
    const { http, el } = await open('admin');
    http.expectNone(() => true);
    expect(el.textContent).toContain('Your role does not give access to scans or clearance.');
  });
});
