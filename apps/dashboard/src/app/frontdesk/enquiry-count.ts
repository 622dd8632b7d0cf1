import { Injectable, inject, signal } from '@angular/core';
import { FrontdeskApi } from './frontdesk-api';

/** How many enquiries are new, for the navigation; refreshed as staff move between pages and after each change. */
@Injectable({ providedIn: 'root' })
export class EnquiryCount {
  private readonly api = inject(FrontdeskApi);
  readonly newCount = signal<number | null>(null);

  refresh(): void {
    this.api.newEnquiryCount().subscribe({
      next: (count) => this.newCount.set(count),
      error: () => this.newCount.set(null),
    });
  }
}
