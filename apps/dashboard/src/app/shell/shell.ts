import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { Router, RouterLink, RouterOutlet } from '@angular/router';
import { ROLE_LABELS } from '@venule/api-contract';
import { map } from 'rxjs';
import { links } from '../core/paths';
import { Session } from '../core/session';
import { homeFor } from '../core/guards';
import { NavList } from './nav-list';

/** Desktop keeps the navigation open beside the page; tablets and phones get an overlay. */
export const DESKTOP_QUERY = '(min-width: 1100px)';
const PHONE_QUERY = '(max-width: 599px)';

@Component({
  selector: 'vn-shell',
  imports: [MatToolbarModule, MatSidenavModule, MatButtonModule, MatIconModule, MatMenuModule, RouterOutlet, RouterLink, NavList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main" (click)="skipToMain($event)">Skip to content</a>
    <mat-toolbar class="toolbar">
      @if (!desktop()) {
        <button mat-icon-button type="button" aria-label="Open navigation" (click)="navOpen.set(!navOpen())">
          <mat-icon>menu</mat-icon>
        </button>
      }
      <a class="brand" [routerLink]="home()">
        <mat-icon aria-hidden="true" class="brand-icon">vital_signs</mat-icon>
        <span>Venule</span>
      </a>
      <span class="spacer"></span>
      @if (session.user(); as user) {
        <button mat-button type="button" class="who" [matMenuTriggerFor]="userMenu" aria-label="Account: {{ user.displayName }}, {{ roleLabel() }}">
          <mat-icon>account_circle</mat-icon>
          <span class="who-text">
            <span class="who-name">{{ user.displayName }}</span>
            <span class="who-role">{{ roleLabel() }}</span>
          </span>
        </button>
        <mat-menu #userMenu="matMenu" xPosition="before">
          <div class="menu-email" mat-menu-item disabled>{{ user.email }}</div>
          <a mat-menu-item [routerLink]="changePasswordLink">
            <mat-icon>key</mat-icon>
            <span>Change password</span>
          </a>
          <button mat-menu-item type="button" (click)="signOut()">
            <mat-icon>logout</mat-icon>
            <span>Sign out</span>
          </button>
        </mat-menu>
      }
    </mat-toolbar>
    <mat-sidenav-container class="container">
      <mat-sidenav
        class="sidenav"
        [mode]="desktop() ? 'side' : 'over'"
        [opened]="desktop() || navOpen()"
        (closedStart)="navOpen.set(false)"
        [fixedInViewport]="!desktop()"
        [fixedTopGap]="phone() ? 56 : 64"
      >
        @if (!session.mustChangePassword()) {
          <vn-nav-list [role]="session.role()" (navigated)="navOpen.set(false)" />
        }
      </mat-sidenav>
      <mat-sidenav-content>
        <main id="main" tabindex="-1">
          <router-outlet />
        </main>
      </mat-sidenav-content>
    </mat-sidenav-container>
  `,
  styles: `
    :host { display: flex; flex-direction: column; height: 100%; }
    /* Through the toolbar's own tokens: it sets its buttons' text colour from them (on-surface by default). */
    .toolbar { position: relative; z-index: 3; gap: 8px;
      --mat-toolbar-container-background-color: var(--mat-sys-primary);
      --mat-toolbar-container-text-color: var(--mat-sys-on-primary); }
    .brand { display: inline-flex; align-items: center; gap: 8px; color: inherit; text-decoration: none;
      font: var(--mat-sys-title-large); }
    .brand-icon { color: inherit; }
    .spacer { flex: 1; }
    .toolbar mat-icon { color: var(--mat-sys-on-primary); }
    .who { height: auto; min-height: 48px; }
    .who-text { display: inline-flex; flex-direction: column; align-items: flex-start; line-height: 1.2; text-align: left; }
    .who-name { font: var(--mat-sys-label-large); }
    .who-role { font: var(--mat-sys-label-small); opacity: 0.9; }
    .menu-email { font: var(--mat-sys-body-small); }
    .container { flex: 1; }
    .sidenav { width: 248px; --mat-sidenav-container-shape: 0; border-right: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low); }
    main { display: block; outline: none; }
    .skip-link { position: absolute; left: -9999px; top: 0; z-index: 10; padding: 8px 12px;
      background: var(--mat-sys-surface); color: var(--mat-sys-primary); }
    .skip-link:focus { left: 8px; top: 8px; }
    @media (max-width: 599px) { .who-text { display: none; } }
  `,
})
export class Shell {
  protected readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly desktop = toSignal(
    inject(BreakpointObserver)
      .observe(DESKTOP_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: true },
  );
  /** Material's toolbar is 56px high on phones, 64px elsewhere; the overlay nav starts below it. */
  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(PHONE_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly navOpen = signal(false);
  protected readonly roleLabel = computed(() => {
    const role = this.session.role();
    return role ? ROLE_LABELS[role] : '';
  });
  protected readonly home = computed(() => homeFor(this.session.role()));
  protected readonly changePasswordLink = links.changePassword();

  protected skipToMain(event: Event): void {
    event.preventDefault();
    document.getElementById('main')?.focus();
  }

  protected signOut(): void {
    this.session.signOut().subscribe({
      complete: () => void this.router.navigate(links.signIn()),
      error: () => void this.router.navigate(links.signIn()),
    });
  }
}
