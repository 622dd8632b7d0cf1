import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { PASSWORD_MIN_LENGTH, ROLES, ROLE_LABELS, type Role, type User } from '@venule/api-contract';
import { UsersApi } from '../core/api';
import { applyServerFieldErrors, describeFieldErrors, problemMessage, problemOf } from '../core/problem';
import { focusFirstInvalid } from '../shared/reveal';

@Component({
  selector: 'vn-create-staff-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>New staff account</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" />
        }
        @if (error(); as text) {
          <div class="vn-banner vn-banner-error" role="alert">{{ text }}</div>
        }
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="displayName" autocomplete="off" cdkFocusInitial required />
          @if (form.controls.displayName.hasError('server')) {
            <mat-error>{{ form.controls.displayName.getError('server') }}</mat-error>
          } @else {
            <mat-error>Enter the person's name</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input matInput formControlName="email" type="email" autocomplete="off" required />
          @if (form.controls.email.hasError('server')) {
            <mat-error>{{ form.controls.email.getError('server') }}</mat-error>
          } @else {
            <mat-error>Enter a valid email address</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Role</mat-label>
          <mat-select formControlName="role" required>
            @for (role of roles; track role) {
              <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
            }
          </mat-select>
          @if (form.controls.role.hasError('server')) {
            <mat-error>{{ form.controls.role.getError('server') }}</mat-error>
          } @else {
            <mat-error>Choose a role</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Initial password</mat-label>
          <input matInput formControlName="password" type="password" autocomplete="new-password" required />
          <mat-hint>At least {{ minLength }} characters; they can change it from their account menu.</mat-hint>
          @if (form.controls.password.hasError('server')) {
            <mat-error>{{ form.controls.password.getError('server') }}</mat-error>
          } @else {
            <mat-error>At least {{ minLength }} characters</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="busy()">Create account</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content { display: flex; flex-direction: column; gap: 16px; min-width: min(420px, 80vw); }
    mat-form-field:first-of-type { margin-top: 8px; }
  `,
})
export class CreateStaffDialog {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly api = inject(UsersApi);
  private readonly ref = inject<MatDialogRef<CreateStaffDialog, User>>(MatDialogRef);
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    displayName: ['', [Validators.required, Validators.minLength(2)]],
    email: ['', [Validators.required, Validators.email]],
    role: ['reception' as Role, Validators.required],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    this.api.create(this.form.getRawValue()).subscribe({
      next: (user) => this.ref.close(user),
      error: (error: unknown) => {
        this.busy.set(false);
        const unmatched = applyServerFieldErrors(this.form, error);
        if (!problemOf(error)?.errors?.length || unmatched.length) {
          this.error.set(unmatched.length ? describeFieldErrors(unmatched) : problemMessage(error));
        }
      },
    });
  }
}
