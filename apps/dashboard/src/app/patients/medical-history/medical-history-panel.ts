import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { MedicalHistory, MedicalHistoryInput } from '@venule/api-contract';
import { PatientsApi } from '../../core/api';
import { problemCode, problemMessage } from '../../core/problem';
import { EmptyState, ErrorState, Loading } from '../../shared/view-state';
import { MedicalHistoryForm } from './medical-history-form';
import { MedicalHistoryView } from './medical-history-view';

type LoadState =
  { status: 'loading' } | { status: 'none' } | { status: 'loaded'; history: MedicalHistory } | { status: 'error'; message: string };

/** The Medical history tab: read-only for managers, editable for clinicians. */
@Component({
  selector: 'vn-medical-history-panel',
  imports: [MedicalHistoryForm, MedicalHistoryView, Loading, EmptyState, ErrorState, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (conflict()) {
      <div class="vn-banner vn-banner-warn" role="alert">
        <mat-icon aria-hidden="true">sync_problem</mat-icon>
        <span>Someone else saved this medical history while you were editing. Their version is shown; make your changes again.</span>
      </div>
    }
    @switch (state().status) {
      @case ('loading') { <vn-loading label="Loading medical history…" /> }
      @case ('error') { <vn-error-state [message]="errorMessage()" (retry)="load()" /> }
      @default {
        @if (editing()) {
          <vn-medical-history-form [initial]="current()" [busy]="busy()" [serverError]="serverError()"
            (saved)="save($event)" (cancelled)="editing.set(false)" />
        } @else if (current(); as history) {
          @if (canEdit()) {
            <div class="vn-actions top"><button mat-stroked-button type="button" (click)="edit()"><mat-icon>edit</mat-icon> Update medical history</button></div>
          }
          <vn-medical-history-view [history]="history" />
        } @else {
          <vn-empty-state icon="assignment" title="No medical history recorded"
            [message]="canEdit() ? 'Record the contraindications questionnaire before planning treatment.' : 'A clinician records it before treatment is planned.'">
            @if (canEdit()) {
              <button mat-flat-button type="button" (click)="edit()">Record medical history</button>
            }
          </vn-empty-state>
        }
      }
    }
  `,
  styles: `.top { justify-content: flex-end; margin-bottom: 8px; }`,
})
export class MedicalHistoryPanel {
  private readonly api = inject(PatientsApi);
  private readonly snackBar = inject(MatSnackBar);
  readonly patientId = input.required<string>();
  readonly canEdit = input(false);

  protected readonly state = signal<LoadState>({ status: 'loading' });
  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly serverError = signal<unknown>(null);
  protected readonly conflict = signal(false);

  protected readonly current = () => {
    const state = this.state();
    return state.status === 'loaded' ? state.history : null;
  };
  protected readonly errorMessage = () => {
    const state = this.state();
    return state.status === 'error' ? state.message : '';
  };

  constructor() {
    effect(() => {
      this.patientId();
      this.load();
    });
  }

  load(): void {
    this.state.set({ status: 'loading' });
    this.api.medicalHistory(this.patientId()).subscribe({
      next: (history) => this.state.set({ status: 'loaded', history }),
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) this.state.set({ status: 'none' });
        else this.state.set({ status: 'error', message: problemMessage(error) });
      },
    });
  }

  protected edit(): void {
    this.conflict.set(false);
    this.serverError.set(null);
    this.editing.set(true);
  }

  protected save(input: MedicalHistoryInput): void {
    this.busy.set(true);
    this.serverError.set(null);
    this.api.saveMedicalHistory(this.patientId(), input).subscribe({
      next: (history) => {
        this.busy.set(false);
        this.editing.set(false);
        this.state.set({ status: 'loaded', history });
        this.snackBar.open('Medical history saved', 'OK', { duration: 4000 });
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (problemCode(error) === 'VERSION_CONFLICT') {
          this.conflict.set(true);
          this.editing.set(false);
          this.load();
        } else {
          this.serverError.set(error);
        }
      },
    });
  }
}
