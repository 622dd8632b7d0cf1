import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatListModule } from '@angular/material/list';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, type IsActiveMatchOptions } from '@angular/router';
import type { Role } from '@venule/api-contract';
import { filter } from 'rxjs';
import { can } from '../core/access';
import { EnquiryCount } from '../frontdesk/enquiry-count';
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
          <span matListItemTitle>{{ item.label }}
            @if (item.countsNewEnquiries && newEnquiries()) {
              <span class="count">{{ newEnquiries() }}<span class="vn-visually-hidden"> new</span></span>
            }
          </span>
        </a>
      }
    </mat-nav-list>
  `,
  styles: `
    .count { display: inline-block; min-width: 20px; margin-left: 8px; padding: 0 6px; border-radius: 10px; box-sizing: border-box;
      text-align: center; font: var(--mat-sys-label-medium); line-height: 20px;
      background: var(--mat-sys-primary); color: var(--mat-sys-on-primary); }
  `,
})
export class NavList {
  readonly role = input.required<Role | null>();
  readonly navigated = output<void>();
  protected readonly items = computed(() => navItemsFor(this.role()));
  /** Query parameters never decide: "Find a patient" stays current while its terms are in the URL. */
  protected readonly exactPath: IsActiveMatchOptions = {
    paths: 'exact',
    queryParams: 'ignored',
    fragment: 'ignored',
    matrixParams: 'ignored',
  };
  protected readonly prefix: IsActiveMatchOptions = {
    paths: 'subset',
    queryParams: 'ignored',
    fragment: 'ignored',
    matrixParams: 'ignored',
  };
  private readonly enquiryCount = inject(EnquiryCount);
  protected readonly newEnquiries = this.enquiryCount.newCount;

  private readonly lastNavigation = toSignal(inject(Router).events.pipe(filter((event) => event instanceof NavigationEnd)));

  constructor() {
    // After every navigation, so the count follows what reception does elsewhere.
    effect(() => {
      this.lastNavigation();
      if (can(this.role(), 'readBookings')) untracked(() => this.enquiryCount.refresh());
    });
  }
}
