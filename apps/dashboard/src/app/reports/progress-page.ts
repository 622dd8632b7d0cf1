import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import type { PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  ACTIVE_COURSE_STATES,
  type ActiveCourseState,
  type CourseProgressPage,
  type CourseProgressQuery,
  type Leg,
} from '@venule/api-contract';
import { problemMessage } from '../core/problem';
import { STATE_LABELS } from '../courses/course-labels';
import { EmptyState, ErrorState } from '../shared/view-state';
import { ProgressTable } from './progress-table';
import { ReportsApi, saveFile } from './reports-api';

/** Every active course, most overdue first, with filters and a CSV download. */
@Component({
  selector: 'vn-progress-page',
  imports: [
    MatFormFieldModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    EmptyState,
    ErrorState,
    ProgressTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header"><h1>Course progress</h1></header>
    <div class="filters">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>State</mat-label>
        <mat-select [value]="query().state ?? ''" (selectionChange)="filter({ state: $event.value || undefined })">
          <mat-option value="">Any</mat-option>
          @for (s of states; track s) {
            <mat-option [value]="s">{{ labels[s] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Leg</mat-label>
        <mat-select [value]="query().leg ?? ''" (selectionChange)="filter({ leg: $event.value || undefined })">
          <mat-option value="">Either</mat-option>
          <mat-option value="left">Left</mat-option>
          <mat-option value="right">Right</mat-option>
        </mat-select>
      </mat-form-field>
      <button mat-stroked-button type="button" (click)="download()"><mat-icon>download</mat-icon> Download CSV</button>
    </div>
    @if (error(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else {
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading courses" />
      }
      @if (page(); as p) {
        @if (p.total === 0) {
          <vn-empty-state icon="event_available" title="No active courses match" message="Clear a filter to see more." />
        } @else {
          <vn-progress-table [page]="p" [sort]="query().sort ?? 'daysOverdue'" [direction]="query().direction ?? 'desc'"
            (sortChange)="filter($event)" (pageChange)="onPage($event)" />
        }
      }
    }
  `,
  styles: `.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 12px; }`,
})
export class ProgressPage {
  private readonly api = inject(ReportsApi);
  protected readonly states = ACTIVE_COURSE_STATES;
  protected readonly labels = STATE_LABELS;
  protected readonly query = signal<CourseProgressQuery>({ limit: 25, offset: 0 });
  protected readonly page = signal<CourseProgressPage | null>(null);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    effect(() => this.load());
  }

  load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.courseProgress(this.query()).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.page.set(page);
      },
      error: (e: unknown) => {
        this.loading.set(false);
        this.error.set(problemMessage(e));
      },
    });
  }

  protected filter(change: { state?: ActiveCourseState; leg?: Leg; sort?: CourseProgressQuery['sort']; direction?: 'asc' | 'desc' }): void {
    this.query.update((q) => ({ ...q, ...change, offset: 0 }));
  }

  protected onPage(event: PageEvent): void {
    this.query.update((q) => ({ ...q, limit: event.pageSize, offset: event.pageIndex * event.pageSize }));
  }

  protected download(): void {
    const { limit: _limit, offset: _offset, ...filters } = this.query();
    this.api.csv('course-progress', filters).subscribe({
      next: (blob) => saveFile(blob, 'course-progress.csv'),
      error: (e: unknown) => this.error.set(problemMessage(e)),
    });
  }
}
