import { afterNextRender, type Injector } from '@angular/core';

const INVALID_FIELD = [
  'input',
  'textarea',
  'select',
  'mat-select',
  'mat-radio-group',
  'mat-button-toggle-group',
  'mat-checkbox',
  'mat-slide-toggle',
]
  .map((tag) => `${tag}.ng-invalid`)
  .join(', ');
const FOCUSABLE = 'input:not([type=hidden]), textarea, select, button, [tabindex]';

/**
 * Scrolls to an element and gives it the keyboard focus, so that a sighted person sees and a screen
 * reader announces what a submit led to. A banner that is not focusable of itself becomes so (-1).
 */
export function reveal(element: Element | null | undefined): void {
  if (!(element instanceof HTMLElement)) return;
  if (!element.matches(FOCUSABLE)) element.tabIndex = -1;
  element.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  element.focus({ preventScroll: true });
}

/** After the next render, when the banner or error a submit produced is on the page: reveal it. */
export function revealAfterRender(injector: Injector, find: () => Element | null | undefined): void {
  afterNextRender({ read: () => reveal(find()) }, { injector });
}

/** The first field of the form that is invalid, in page order (a group's first control), or null. */
export function firstInvalidField(host: Element): Element | null {
  const field = host.querySelector(INVALID_FIELD);
  if (!field || field.matches(FOCUSABLE) || field.tagName === 'MAT-SELECT') return field;
  return field.querySelector(FOCUSABLE) ?? field;
}

/** After a submit that was refused (empty, or the server named fields): the first invalid field, in view and focused. */
export function focusFirstInvalid(host: Element, injector: Injector): void {
  revealAfterRender(injector, () => firstInvalidField(host));
}
