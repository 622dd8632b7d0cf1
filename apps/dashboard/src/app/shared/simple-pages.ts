import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { homeFor } from '../core/guards';
import { Session } from '../core/session';
import { EmptyState } from './view-state';

@Component({
  selector: 'vn-forbidden',
  imports: [EmptyState, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <vn-empty-state icon="lock" title="No access" message="Your role does not give access to this page. Ask an administrator if you need it.">
      <a mat-stroked-button [routerLink]="home()">Go to my start page</a>
    </vn-empty-state>
  `,
})
export class Forbidden {
  private readonly session = inject(Session);
  protected readonly home = () => homeFor(this.session.role());
}

@Component({
  selector: 'vn-not-found',
  imports: [EmptyState, MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <vn-empty-state icon="travel_explore" title="Page not found" message="The address does not match any page of Venule.">
      <a mat-stroked-button [routerLink]="home()">Go to my start page</a>
    </vn-empty-state>
  `,
})
export class NotFound {
  private readonly session = inject(Session);
  protected readonly home = () => homeFor(this.session.role());
}
