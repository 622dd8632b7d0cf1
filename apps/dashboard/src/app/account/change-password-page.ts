import { ChangeDetectionStrategy, Component, ElementRef, Injector, inject, signal } from '@angular/core';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, Validators, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { PASSWORD_MIN_LENGTH } from '@venule/api-contract';
import { homeFor } from '../core/guards';
import { applyServerFieldErrors, problemMessage, problemOf } from '../core/problem';
import { Session } from '../core/session';
import { focusFirstInvalid, revealAfterRender } from '../shared/reveal';

/** On the repeat field, where the person types, rather than on the form. */
const matchesNewPassword = (repeat: AbstractControl): ValidationErrors | null =>
  repeat.value && repeat.value !== repeat.parent?.get('newPassword')?.value ? { mismatch: true } : null;

/** A member of staff changes their own password; after an admin's reset, the only page they reach. */
@Component({
  selector: 'vn-change-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header"><h1>Change password</h1></header>
    <mat-card appearance="outlined" class="card">
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" aria-label="Saving" />
      }
      <mat-card-content>
        @if (session.mustChangePassword()) {
          <div class="vn-banner vn-banner-info" role="status">
            <mat-icon aria-hidden="true">key</mat-icon>
            <span>An administrator reset your password. Choose your own to go on: the temporary one you were given is your current password.</span>
          </div>
        }
        @if (error(); as text) {
          <div class="vn-banner vn-banner-error error-banner" role="alert">
            <mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span>
          </div>
        }
        <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
          <mat-form-field appearance="outline">
            <mat-label>Current password</mat-label>
            <input matInput formControlName="currentPassword" type="password" autocomplete="current-password" required />
            @if (form.controls.currentPassword.hasError('server')) {
              <mat-error>{{ form.controls.currentPassword.getError('server') }}</mat-error>
            } @else {
              <mat-error>Enter your current password</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input matInput formControlName="newPassword" type="password" autocomplete="new-password" required />
            <mat-hint>At least {{ minLength }} characters; a few words you will remember are best.</mat-hint>
            @if (form.controls.newPassword.hasError('server')) {
              <mat-error>{{ form.controls.newPassword.getError('server') }}</mat-error>
            } @else {
              <mat-error>At least {{ minLength }} characters</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>New password again</mat-label>
            <input matInput formControlName="repeat" type="password" autocomplete="new-password" required />
            @if (form.controls.repeat.hasError('mismatch')) {
              <mat-error>Does not match the new password</mat-error>
            } @else {
              <mat-error>Type the new password again</mat-error>
            }
          </mat-form-field>
          <div class="actions">
            @if (!session.mustChangePassword()) {
              <a mat-button [routerLink]="home()">Cancel</a>
            }
            <button mat-flat-button type="submit" [disabled]="busy()">Change password</button>
          </div>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .card { max-width: 520px; overflow: hidden; }
    form { display: flex; flex-direction: column; gap: 16px; margin-top: 8px; }
    .actions { display: flex; justify-content: flex-end; gap: 8px; }
  `,
})
export class ChangePasswordPage {
  protected readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly minLength = PASSWORD_MIN_LENGTH;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
    repeat: ['', [Validators.required, matchesNewPassword]],
  });

  constructor() {
    this.form.controls.newPassword.valueChanges.subscribe(() => this.form.controls.repeat.updateValueAndValidity());
  }

  protected home(): string[] {
    return homeFor(this.session.role());
  }

  protected submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.session.changePassword({ currentPassword, newPassword }).subscribe({
      next: (info) => {
        this.snackBar.open('Your password is changed.', 'OK', { duration: 4000 });
        void this.router.navigate(homeFor(info.user.role));
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const unmatched = applyServerFieldErrors(this.form, error);
        if (problemOf(error)?.errors?.length && !unmatched.length) {
          focusFirstInvalid(this.host.nativeElement, this.injector);
        } else {
          this.error.set(problemMessage(error));
          revealAfterRender(this.injector, () => this.host.nativeElement.querySelector('.error-banner'));
        }
      },
    });
  }
}
