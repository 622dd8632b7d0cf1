import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { Patient, PatientInput } from '@venule/api-contract';
import { PatientsApi } from '../core/api';
import { links } from '../core/paths';
import { problemCode, problemMessage } from '../core/problem';
import { ErrorState, Loading } from '../shared/view-state';
import { PatientForm } from './patient-form';

@Component({
  selector: 'vn-patient-edit-page',
  imports: [PatientForm, Loading, ErrorState, MatButtonModule, MatIconModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header">
      <h1>Edit patient @if (patient(); as p) { <span class="vn-muted">· {{ p.clinicNumber }}</span> }</h1>
    </header>
    @if (conflict()) {
      <div class="vn-banner vn-banner-warn" role="alert">
        <mat-icon aria-hidden="true">sync_problem</mat-icon>
        <span class="grow">Someone else changed this patient while you were editing. Load their version, then make your changes again.</span>
        <button mat-button type="button" (click)="load()">Load latest</button>
      </div>
    }
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (patient(); as p) {
      <vn-patient-form submitLabel="Save changes" [initial]="p" [busy]="busy()" [serverError]="serverError()"
        (saved)="save(p, $event)" (cancelled)="back()" />
    } @else {
      <vn-loading label="Loading patient…" />
    }
  `,
  styles: `.grow { flex: 1; } .vn-banner { align-items: center; }`,
})
export class PatientEditPage {
  private readonly api = inject(PatientsApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  readonly id = input.required<string>();

  protected readonly patient = signal<Patient | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly serverError = signal<unknown>(null);
  protected readonly conflict = signal(false);

  constructor() {
    effect(() => {
      this.id();
      this.load();
    });
  }

  load(): void {
    this.patient.set(null);
    this.loadError.set(null);
    this.conflict.set(false);
    this.serverError.set(null);
    this.api.get(this.id()).subscribe({
      next: (patient) => this.patient.set(patient),
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  protected save(current: Patient, input: PatientInput): void {
    this.busy.set(true);
    this.serverError.set(null);
    this.api.update(current.id, { ...input, version: current.version }).subscribe({
      next: (patient) => {
        this.snackBar.open('Changes saved', 'OK', { duration: 4000 });
        void this.router.navigate(links.patient(patient.id));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        if (problemCode(error) === 'VERSION_CONFLICT') this.conflict.set(true);
        else this.serverError.set(error);
      },
    });
  }

  protected back(): void {
    void this.router.navigate(links.patient(this.id()));
  }
}
