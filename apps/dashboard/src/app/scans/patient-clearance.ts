import { ChangeDetectionStrategy, Component, Injectable, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import type { Clearance } from '@venule/api-contract';
import type { Subscription } from 'rxjs';
import { can } from '../core/access';
import { problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { ClearanceBadge } from './clearance-badge';
import { ScansApi } from './scans-api';

export type ClearanceState = { status: 'loading' } | { status: 'loaded'; clearance: Clearance } | { status: 'error'; message: string };

/**
 * Today's clearance of the patient a page shows. The page provides one, so the header badge and
 * the Scans tab share one request and both change as soon as a scan is recorded.
 */
@Injectable()
export class PatientClearanceStore {
  private readonly api = inject(ScansApi);
  private patientId: string | null = null;
  private request: Subscription | null = null;

  readonly state = signal<ClearanceState>({ status: 'loading' });

  /** Loads the clearance of `patientId`, unless it is already shown or on its way. */
  ensure(patientId: string): void {
    if (patientId !== this.patientId || this.state().status === 'error') this.load(patientId);
  }

  refresh(): void {
    if (this.patientId) this.load(this.patientId);
  }

  private load(patientId: string): void {
    // A refresh of the same patient keeps the old badge up until the new one arrives.
    if (patientId !== this.patientId || this.state().status === 'error') this.state.set({ status: 'loading' });
    this.patientId = patientId;
    this.request?.unsubscribe();
    this.request = this.api.clearance(patientId).subscribe({
      next: (clearance) => this.state.set({ status: 'loaded', clearance }),
      error: (error: unknown) => this.state.set({ status: 'error', message: problemMessage(error) }),
    });
  }
}

/** The clearance badge of the patient page header (nothing for roles that may not read clearance). */
@Component({
  selector: 'vn-patient-clearance',
  imports: [ClearanceBadge, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (allowed()) {
      @switch (state().status) {
        @case ('loading') {
          <span class="vn-muted" role="status">Checking clearance…</span>
        }
        @case ('error') {
          <span class="vn-muted unavailable" role="alert">
            Clearance unavailable
            <button mat-button type="button" (click)="store.refresh()">Try again</button>
          </span>
        }
        @case ('loaded') {
          @if (clearance(); as c) {
            <vn-clearance-badge [clearance]="c" [on]="c.on" />
          }
        }
      }
    }
  `,
  styles: `.unavailable { display: inline-flex; align-items: center; gap: 4px; }`,
})
export class PatientClearance {
  protected readonly store = inject(PatientClearanceStore);
  private readonly session = inject(Session);

  readonly patientId = input.required<string>();

  protected readonly allowed = computed(() => can(this.session.role(), 'readClearance'));
  protected readonly state = this.store.state;
  protected readonly clearance = computed(() => {
    const state = this.state();
    return state.status === 'loaded' ? state.clearance : null;
  });

  constructor() {
    effect(() => {
      const id = this.patientId();
      if (this.allowed()) untracked(() => this.store.ensure(id));
    });
  }
}
