import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { RouterLink, RouterLinkActive, type IsActiveMatchOptions } from '@angular/router';
import type { Role } from '@venule/api-contract';
import { navItemsFor } from './nav-items';

/** The side navigation: only the entries the signed-in role may use. */
@Component({
  selector: 'vn-nav-list',
  imports: [MatListModule, MatIconModule, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-nav-list aria-label="Main">
      @for (item of items(); track item.label) {
        <a
          mat-list-item
          [routerLink]="item.link"
          routerLinkActive
          #rla="routerLinkActive"
          [routerLinkActiveOptions]="item.exact ? exactPath : prefix"
          [activated]="rla.isActive"
          [attr.aria-current]="rla.isActive ? 'page' : null"
          (click)="navigated.emit()"
        >
          <mat-icon matListItemIcon aria-hidden="true">{{ item.icon }}</mat-icon>
          <span matListItemTitle>{{ item.label }}</span>
        </a>
      }
    </mat-nav-list>
  `,
})
export class NavList {
  readonly role = input.required<Role | null>();
  readonly navigated = output<void>();
  protected readonly items = computed(() => navItemsFor(this.role()));
  /** Query parameters never decide: "Find a patient" stays current while its terms are in the URL. */
  protected readonly exactPath: IsActiveMatchOptions = { paths: 'exact', queryParams: 'ignored', fragment: 'ignored', matrixParams: 'ignored' };
  protected readonly prefix: IsActiveMatchOptions = { paths: 'subset', queryParams: 'ignored', fragment: 'ignored', matrixParams: 'ignored' };
}
