import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Scan } from '@venule/api-contract';
import { Observable, catchError, of, switchMap } from 'rxjs';
import { can } from '../core/access';
import { problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { EmptyState, ErrorState, Loading } from '../shared/view-state';
import { LegClearance } from './leg-clearance';
import { PatientClearanceStore } from './patient-clearance';
import { ScanForm, type ScanSubmission } from './scan-form';
import { ScanHistory } from './scan-history';
import { ScansApi } from './scans-api';

type ScansState = { status: 'loading' } | { status: 'loaded'; scans: Scan[] } | { status: 'error'; message: string };

/**
 * The Scans tab: clearance per leg for everyone who may read it; the scan history for clinicians
 * and managers (reception gets 403 on findings); the form for clinicians.
 */
@Component({
  selector: 'vn-scans-panel',
  imports: [MatButtonModule, MatIconModule, LegClearance, ScanHistory, ScanForm, Loading, ErrorState, EmptyState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (!canReadClearance()) {
      <vn-empty-state icon="lock" title="Scans are for clinical and reception staff" message="Your role does not give access to scans or clearance." />
    } @else {
      <section aria-labelledby="clearance-title">
        <h2 id="clearance-title">Clearance today</h2>
        @switch (clearanceState().status) {
          @case ('loading') { <vn-loading label="Checking clearance…" /> }
          @case ('error') { <vn-error-state [message]="clearanceError()" (retry)="store.refresh()" /> }
          @default {
            @if (clearance(); as c) { <vn-leg-clearance [clearance]="c" /> }
          }
        }
      </section>

      @if (canReadScans()) {
        <section aria-labelledby="history-title">
          <div class="section-head">
            <h2 id="history-title">Scan history</h2>
            @if (canWriteScans() && !recording()) {
              <button mat-flat-button type="button" (click)="startRecording()"><mat-icon>add</mat-icon> Record a scan</button>
            }
          </div>
          @if (fileWarning(); as text) {
            <div class="vn-banner vn-banner-warn" role="alert"><mat-icon aria-hidden="true">attach_file</mat-icon><span>{{ text }}</span></div>
          }
          @if (recording()) {
            <vn-scan-form [busy]="busy()" [serverError]="serverError()" (saved)="save($event)" (cancelled)="recording.set(false)" />
          }
          @switch (scansState().status) {
            @case ('loading') { <vn-loading label="Loading scans…" /> }
            @case ('error') { <vn-error-state [message]="scansError()" (retry)="loadScans()" /> }
            @default {
              @if (scans().length) {
                <vn-scan-history [scans]="scans()" />
              } @else if (!recording()) {
                <vn-empty-state icon="ecg" title="No duplex scans yet"
                  [message]="canWriteScans() ? 'Record the scan report when it arrives: treatment needs a clear scan of each leg.' : 'A clinician records scan reports as they arrive.'" />
              }
            }
          }
        </section>
      } @else {
        <p class="vn-muted">Scan findings and reports are for clinicians and managers.</p>
      }
    }
  `,
  styles: `
    :host { display: flex; flex-direction: column; gap: 32px; }
    h2 { font: var(--mat-sys-title-large); margin-bottom: 12px; }
    .section-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 12px; }
    .section-head h2 { margin: 0; }
    vn-scan-form { display: block; margin-bottom: 24px; }
  `,
})
export class ScansPanel {
  private readonly api = inject(ScansApi);
  private readonly session = inject(Session);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly store = inject(PatientClearanceStore);

  readonly patientId = input.required<string>();

  protected readonly canReadClearance = computed(() => can(this.session.role(), 'readClearance'));
  protected readonly canReadScans = computed(() => can(this.session.role(), 'readClinical'));
  protected readonly canWriteScans = computed(() => can(this.session.role(), 'writeClinical'));

  protected readonly scansState = signal<ScansState>({ status: 'loading' });
  protected readonly recording = signal(false);
  protected readonly busy = signal(false);
  protected readonly serverError = signal<unknown>(null);
  protected readonly fileWarning = signal<string | null>(null);

  protected readonly clearanceState = this.store.state;
  protected readonly clearance = computed(() => {
    const state = this.clearanceState();
    return state.status === 'loaded' ? state.clearance : null;
  });
  protected readonly clearanceError = computed(() => {
    const state = this.clearanceState();
    return state.status === 'error' ? state.message : '';
  });
  protected readonly scans = computed(() => {
    const state = this.scansState();
    return state.status === 'loaded' ? state.scans : [];
  });
  protected readonly scansError = computed(() => {
    const state = this.scansState();
    return state.status === 'error' ? state.message : '';
  });

  constructor() {
    effect(() => {
      const id = this.patientId();
      untracked(() => {
        if (this.canReadClearance()) this.store.ensure(id);
        if (this.canReadScans()) this.loadScans();
      });
    });
  }

  loadScans(): void {
    this.scansState.set({ status: 'loading' });
    this.api.list(this.patientId()).subscribe({
      next: (page) => this.scansState.set({ status: 'loaded', scans: page.items }),
      error: (error: unknown) => this.scansState.set({ status: 'error', message: problemMessage(error) }),
    });
  }

  protected startRecording(): void {
    this.serverError.set(null);
    this.fileWarning.set(null);
    this.recording.set(true);
  }

  protected save({ request, file }: ScanSubmission): void {
    this.busy.set(true);
    this.serverError.set(null);
    this.fileWarning.set(null);
    this.api
      .record(this.patientId(), request)
      .pipe(switchMap((scan) => (file ? this.attach(scan.id, file) : of(null))))
      .subscribe({
        next: () => this.recorded(),
        error: (error: unknown) => {
          this.busy.set(false);
          this.serverError.set(error);
        },
      });
  }

  /** A report that fails to upload must not lose the scan, which is already saved. */
  private attach(scanId: string, file: File): Observable<unknown> {
    return this.api.attachFile(scanId, file).pipe(
      catchError((error: unknown) => {
        this.fileWarning.set(`The scan was saved, but the report “${file.name}” was not attached: ${problemMessage(error)}`);
        return of(null);
      }),
    );
  }

  private recorded(): void {
    this.busy.set(false);
    this.recording.set(false);
    this.snackBar.open('Scan recorded', 'OK', { duration: 4000 });
    this.loadScans();
    this.store.refresh();
  }
}
