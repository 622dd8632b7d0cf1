import { inject } from '@angular/core';
import { CanActivateFn, RedirectCommand, Router } from '@angular/router';
import type { Role } from '@venule/api-contract';
import { Capability, can } from './access';
import { PATHS, links } from './paths';
import { Session } from './session';

/**
 * Signed-in staff only; everyone else goes to sign-in and comes back afterwards. After an admin
 * reset their password, the change-password page is the only one they reach (the API refuses the rest).
 */
export const authGuard: CanActivateFn = (_route, state) => {
  const session = inject(Session);
  const router = inject(Router);
  const changePassword = router.serializeUrl(router.createUrlTree(links.changePassword()));
  if (session.signedIn() && session.mustChangePassword() && state.url !== changePassword) {
    return router.createUrlTree(links.changePassword());
  }
  if (session.signedIn()) return true;
  return router.createUrlTree(links.signIn(), { queryParams: { returnUrl: state.url } });
};

/** Only roles holding the capability; others see the "no access" page. */
export function roleGuard(capability: Capability): CanActivateFn {
  return () => {
    const session = inject(Session);
    const router = inject(Router);
    if (can(session.role(), capability)) return true;
    return new RedirectCommand(router.createUrlTree(links.forbidden()), { skipLocationChange: true });
  };
}

/** The sign-in page is for signed-out people. */
export const signedOutGuard: CanActivateFn = () => {
  const session = inject(Session);
  const router = inject(Router);
  return session.signedIn() ? router.createUrlTree(homeFor(session.role())) : true;
};

/** Where each role starts: admins at staff accounts, managers at the clinic overview, the front desk and clinicians at the day's diary. */
export function homeFor(role: Role | null): string[] {
  if (can(role, 'manageStaff')) return ['/', PATHS.staff];
  if (can(role, 'readReports')) return links.reports();
  if (can(role, 'readBookings')) return links.diary();
  return ['/', PATHS.patients];
}

export const homeRedirectGuard: CanActivateFn = () => {
  const session = inject(Session);
  return inject(Router).createUrlTree(homeFor(session.role()));
};
