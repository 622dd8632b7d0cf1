import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { homeFor } from '../core/guards';
import { problemMessage, problemOf } from '../core/problem';
import { EXPIRED_REASON } from '../core/session-expiry.interceptor';
import { Session } from '../core/session';
import { focusFirstInvalid } from '../shared/reveal';

export const THROTTLED_MESSAGE = 'Too many attempts, try again in a few minutes.';
export const EXPIRED_MESSAGE = 'Your session expired — please sign in again.';

@Component({
  selector: 'vn-sign-in',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="page">
      <mat-card class="card" appearance="outlined">
        @if (busy()) {
          <mat-progress-bar mode="indeterminate" aria-label="Signing in" />
        }
        <mat-card-header>
          <mat-icon mat-card-avatar aria-hidden="true" class="logo">vital_signs</mat-icon>
          <mat-card-title><h1>Venule</h1></mat-card-title>
          <mat-card-subtitle>Sign in to the clinic back office</mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          @if (notice(); as text) {
            <div class="vn-banner vn-banner-info" role="status">
              <mat-icon aria-hidden="true">schedule</mat-icon><span>{{ text }}</span>
            </div>
          }
          @if (error(); as text) {
            <div class="vn-banner vn-banner-error" role="alert">
              <mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span>
            </div>
          }
          <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
            <mat-form-field appearance="outline" class="field">
              <mat-label>Email</mat-label>
              <input #email matInput formControlName="email" type="email" autocomplete="username" required />
              @if (form.controls.email.hasError('required')) {
                <mat-error>Enter your email address</mat-error>
              } @else if (form.controls.email.hasError('email')) {
                <mat-error>Enter a valid email address</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline" class="field">
              <mat-label>Password</mat-label>
              <input matInput formControlName="password" [type]="showPassword() ? 'text' : 'password'" autocomplete="current-password" required />
              <button mat-icon-button matSuffix type="button" (click)="showPassword.set(!showPassword())"
                [attr.aria-label]="showPassword() ? 'Hide password' : 'Show password'" [attr.aria-pressed]="showPassword()">
                <mat-icon>{{ showPassword() ? 'visibility_off' : 'visibility' }}</mat-icon>
              </button>
              @if (form.controls.password.hasError('required')) {
                <mat-error>Enter your password</mat-error>
              }
            </mat-form-field>
            <button mat-flat-button type="submit" class="submit" [disabled]="busy()">
              {{ busy() ? 'Signing in…' : 'Sign in' }}
            </button>
          </form>
        </mat-card-content>
      </mat-card>
    </div>
  `,
  styles: `
    .page { min-height: 100%; display: grid; place-items: center; padding: 24px; box-sizing: border-box;
      background: var(--mat-sys-surface-container); }
    .card { width: 100%; max-width: 420px; overflow: hidden; background: var(--mat-sys-surface); }
    .logo { color: var(--mat-sys-primary); font-size: 40px; width: 40px; height: 40px; }
    h1 { font: var(--mat-sys-headline-small); color: var(--mat-sys-primary); }
    mat-card-header { margin-bottom: 16px; }
    form { display: flex; flex-direction: column; gap: 16px; }
    .field { width: 100%; }
    .submit { height: 48px; }
  `,
})
export class SignIn {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string | undefined>();
  readonly reason = input<string | undefined>();

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  private readonly emailInput = viewChild.required<ElementRef<HTMLInputElement>>('email');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly showPassword = signal(false);
  protected readonly notice = computed(() => {
    if (this.error()) return null;
    if (this.reason() === EXPIRED_REASON) return EXPIRED_MESSAGE;
    return this.session.startupError();
  });

  constructor() {
    afterNextRender(() => this.emailInput().nativeElement.focus());
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
    this.session.signIn(this.form.getRawValue()).subscribe({
      next: (info) => {
        const target = this.safeReturnUrl() ?? this.router.serializeUrl(this.router.createUrlTree(homeFor(info.user.role)));
        void this.router.navigateByUrl(target);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(signInErrorMessage(error));
        this.form.controls.password.reset();
      },
    });
  }

  /** Only paths inside the dashboard: never an absolute URL somebody put in a link. */
  private safeReturnUrl(): string | null {
    const url = this.returnUrl();
    return url && url.startsWith('/') && !url.startsWith('//') ? url : null;
  }
}

function signInErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 429) return THROTTLED_MESSAGE;
    if (error.status === 401) return problemOf(error)?.detail || 'Wrong email or password.';
  }
  return problemMessage(error);
}
