import { HttpInterceptorFn } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { NavigationStart, Router } from '@angular/router';
import { AUDIT_VIEW_HEADER } from '@venule/api-contract';

/** A random v4 UUID; `crypto.randomUUID` exists only in secure contexts, `getRandomValues` everywhere. */
export function newViewId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One id per page view: a new one each time the router starts a navigation. */
@Injectable({ providedIn: 'root' })
export class PageView {
  private id = newViewId();

  constructor() {
    inject(Router).events.subscribe((event) => {
      if (event instanceof NavigationStart) this.id = newViewId();
    });
  }

  get current(): string {
    return this.id;
  }
}

/**
 * Marks every read the dashboard makes with the page view it belongs to, so the API records one
 * "viewed" row per patient per page view rather than one per request (SPEC §2; see the API's
 * platform/audit/audit.service.ts).
 */
export const pageViewInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.method !== 'GET' || !request.url.startsWith('/api/')) return next(request);
  return next(request.clone({ setHeaders: { [AUDIT_VIEW_HEADER]: inject(PageView).current } }));
};
