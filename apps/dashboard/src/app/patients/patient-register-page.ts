import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { DuplicatePatientProblemExtras, Patient, PatientInput } from '@venule/api-contract';
import { PatientsApi } from '../core/api';
import { links } from '../core/paths';
import { problemCode, problemOf } from '../core/problem';
import { DuplicateDialog, DuplicateDialogData, DuplicateDialogResult } from './duplicate-dialog';
import { PatientForm } from './patient-form';

@Component({
  selector: 'vn-patient-register-page',
  imports: [PatientForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header"><h1>Register a patient</h1></header>
    <vn-patient-form submitLabel="Register patient" [busy]="busy()" [serverError]="serverError()"
      (saved)="register($event, false)" (cancelled)="cancel()" />
  `,
})
export class PatientRegisterPage {
  private readonly api = inject(PatientsApi);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly busy = signal(false);
  protected readonly serverError = signal<unknown>(null);

  protected register(input: PatientInput, confirmDuplicate: boolean): void {
    this.busy.set(true);
    this.serverError.set(null);
    this.api.register(confirmDuplicate ? { ...input, confirmDuplicate: true } : input).subscribe({
      next: (patient) => this.done(patient),
      error: (error: unknown) => {
        this.busy.set(false);
        if (problemCode(error) === 'DUPLICATE_PATIENT') {
          this.askAboutDuplicate(input, (problemOf(error) as Partial<DuplicatePatientProblemExtras> | null)?.matches ?? []);
        } else {
          this.serverError.set(error);
        }
      },
    });
  }

  protected cancel(): void {
    void this.router.navigate(links.patientSearch());
  }

  private askAboutDuplicate(input: PatientInput, matches: DuplicateDialogData['matches']): void {
    this.dialog
      .open<DuplicateDialog, DuplicateDialogData, DuplicateDialogResult>(DuplicateDialog, { data: { matches }, maxWidth: '560px' })
      .afterClosed()
      .subscribe((result) => {
        if (result === 'register') this.register(input, true);
        else if (result) void this.router.navigate(links.patient(result.open));
      });
  }

  private done(patient: Patient): void {
    this.snackBar.open(`${patient.firstName} ${patient.lastName} registered as ${patient.clinicNumber}`, 'OK', { duration: 5000 });
    void this.router.navigate(links.patient(patient.id));
  }
}
