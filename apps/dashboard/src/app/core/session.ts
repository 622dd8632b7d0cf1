import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import type { ChangePasswordRequest, LoginRequest, SessionInfo } from '@venule/api-contract';
import { Observable, firstValueFrom, tap } from 'rxjs';
import { useClinicTimeZone } from './dates';

export const AUTH_URLS = {
  me: '/api/auth/me',
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  password: '/api/auth/password',
} as const;

/** Who is signed in. Loaded once at start-up from `GET /api/auth/me`. */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);

  readonly info = signal<SessionInfo | null>(null);
  readonly user = computed(() => this.info()?.user ?? null);
  readonly role = computed(() => this.user()?.role ?? null);
  readonly signedIn = computed(() => this.info() !== null);
  /** An admin reset the password: the dashboard shows only the change-password page until it is changed. */
  readonly mustChangePassword = computed(() => this.info()?.mustChangePassword ?? false);
  /** Set when the start-up check could not reach the server (not the same as "signed out"). */
  readonly startupError = signal<string | null>(null);

  async load(): Promise<void> {
    try {
      this.accept(await firstValueFrom(this.http.get<SessionInfo>(AUTH_URLS.me)));
      this.startupError.set(null);
    } catch (error) {
      this.info.set(null);
      if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
        this.startupError.set('Could not check your session with the server.');
      }
    }
  }

  signIn(request: LoginRequest): Observable<SessionInfo> {
    return this.http.post<SessionInfo>(AUTH_URLS.login, request).pipe(tap((info) => this.accept(info)));
  }

  changePassword(request: ChangePasswordRequest): Observable<SessionInfo> {
    return this.http.post<SessionInfo>(AUTH_URLS.password, request).pipe(tap((info) => this.accept(info)));
  }

  signOut(): Observable<unknown> {
    return this.http.post(AUTH_URLS.logout, null).pipe(tap({ next: () => this.clear(), error: () => this.clear() }));
  }

  clear(): void {
    this.info.set(null);
  }

  private accept(info: SessionInfo): void {
    useClinicTimeZone(info.clinicTimeZone);
    this.info.set(info);
  }
}
