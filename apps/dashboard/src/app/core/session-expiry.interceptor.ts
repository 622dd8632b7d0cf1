import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { links } from './paths';
import { AUTH_URLS, Session } from './session';

/** The reason the sign-in page shows after an expired session. */
export const EXPIRED_REASON = 'expired';

/**
 * A 401 from any API call while signed in means the session ended (idle timeout, or signed out
 * elsewhere): forget the user and go to sign-in, which brings them back to this page afterwards.
 */
export const sessionExpiryInterceptor: HttpInterceptorFn = (req, next) => {
  const session = inject(Session);
  const router = inject(Router);
  return next(req).pipe(
    catchError((error: unknown) => {
      const isAuthCall = req.url === AUTH_URLS.login || req.url === AUTH_URLS.me || req.url === AUTH_URLS.logout;
      if (error instanceof HttpErrorResponse && error.status === 401 && !isAuthCall && session.signedIn()) {
        session.clear();
        const returnUrl = router.url.startsWith('/' + links.signIn()[1]) ? undefined : router.url;
        void router.navigate(links.signIn(), { queryParams: { returnUrl, reason: EXPIRED_REASON } });
      }
      return throwError(() => error);
    }),
  );
};
