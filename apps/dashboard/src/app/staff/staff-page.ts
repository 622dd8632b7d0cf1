import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ROLES, ROLE_LABELS, type PasswordReset, type Role, type UpdateUserRequest, type User } from '@venule/api-contract';
import { UsersApi } from '../core/api';
import { problemCode, problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { confirmWith } from '../shared/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../shared/view-state';
import { CreateStaffDialog } from './create-staff-dialog';
import { TemporaryPasswordDialog } from './temporary-password-dialog';

/** Roles as people, for sentences ("Make Sam a receptionist?"). */
const AS_PERSON: Record<Role, string> = { reception: 'a receptionist', clinician: 'a clinician', manager: 'a manager', admin: 'an admin' };

export const CONFLICT_MESSAGE = (name: string) =>
  `Someone else changed ${name}'s account while you were looking. The list now shows the latest; make your change again if it is still needed.`;

@Component({
  selector: 'vn-staff-page',
  imports: [
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatSelectModule,
    MatFormFieldModule,
    MatChipsModule,
    MatProgressBarModule,
    MatTooltipModule,
    Loading,
    EmptyState,
    ErrorState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page' },
  template: `
    <header class="vn-page-header">
      <h1>Staff accounts</h1>
      <button mat-flat-button type="button" (click)="create()">
        <mat-icon>person_add</mat-icon> New account
      </button>
    </header>

    @if (notice(); as text) {
      <div class="vn-banner vn-banner-warn" role="alert">
        <mat-icon aria-hidden="true">sync_problem</mat-icon><span class="grow">{{ text }}</span>
        <button mat-icon-button type="button" aria-label="Dismiss" (click)="notice.set(null)"><mat-icon>close</mat-icon></button>
      </div>
    }

    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (users() === null) {
      <vn-loading label="Loading staff accounts…" />
    } @else if (users()!.length === 0) {
      <vn-empty-state icon="group" title="No staff accounts yet" message="Create an account for each person who uses Venule." />
    } @else {
      <div class="vn-table-wrap">
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving" />
        }
        <table mat-table [dataSource]="users()!" aria-label="Staff accounts">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>Name</th>
            <td mat-cell *matCellDef="let user">
              <span class="name">{{ user.displayName }}</span>
              @if (user.id === session.user()?.id) { <span class="vn-muted"> (you)</span> }
            </td>
          </ng-container>
          <ng-container matColumnDef="email">
            <th mat-header-cell *matHeaderCellDef>Email</th>
            <td mat-cell *matCellDef="let user">{{ user.email }}</td>
          </ng-container>
          <ng-container matColumnDef="role">
            <th mat-header-cell *matHeaderCellDef>Role</th>
            <td mat-cell *matCellDef="let user">
              <mat-form-field appearance="outline" subscriptSizing="dynamic" class="role-field">
                <mat-select [value]="user.role" [attr.aria-label]="'Role of ' + user.displayName"
                  [disabled]="saving() || user.id === session.user()?.id"
                  (selectionChange)="changeRole(user, $event.value)">
                  @for (role of roles; track role) {
                    <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </td>
          </ng-container>
          <ng-container matColumnDef="status">
            <th mat-header-cell *matHeaderCellDef>Status</th>
            <td mat-cell *matCellDef="let user">
              <span class="status" [class.inactive]="!user.active">{{ user.active ? 'Active' : 'Deactivated' }}</span>
              @if (user.mustChangePassword) {
                <span class="vn-muted pending"> Must change password</span>
              }
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef><span class="vn-visually-hidden">Actions</span></th>
            <td mat-cell *matCellDef="let user" class="actions">
              @if (user.id !== session.user()?.id) {
                <button mat-button type="button" [disabled]="saving()" (click)="resetPassword(user)"
                  [attr.aria-label]="'Reset the password of ' + user.displayName">Reset password</button>
              }
              @if (user.active) {
                <button mat-stroked-button type="button" [disabled]="saving() || user.id === session.user()?.id"
                  [matTooltip]="user.id === session.user()?.id ? 'You cannot deactivate your own account' : ''"
                  (click)="setActive(user, false)">Deactivate</button>
              } @else {
                <button mat-stroked-button type="button" [disabled]="saving()" (click)="setActive(user, true)">Reactivate</button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let user; columns: columns" [class.inactive-row]="!user.active"></tr>
        </table>
      </div>
      <p class="vn-muted count">{{ total() }} {{ total() === 1 ? 'account' : 'accounts' }}</p>
    }
  `,
  styles: `
    .grow { flex: 1; }
    .vn-banner { align-items: center; }
    .name { font-weight: 500; }
    .role-field { width: 160px; margin: 4px 0;
      --mat-form-field-container-height: 40px;
      --mat-form-field-container-vertical-padding: 8px;
      --mat-form-field-outlined-outline-color: var(--mat-sys-outline-variant); }
    .status { display: inline-block; padding: 2px 10px; border-radius: 8px; font: var(--mat-sys-label-medium);
      background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .status.inactive { background: var(--mat-sys-surface-container-highest); color: var(--mat-sys-on-surface-variant); }
    .inactive-row td { color: var(--mat-sys-on-surface-variant); }
    .actions { text-align: right; white-space: nowrap; }
    .pending { display: block; font: var(--mat-sys-body-small); margin-top: 2px; }
    .count { margin-top: 8px; }
  `,
})
export class StaffPage {
  private readonly api = inject(UsersApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly session = inject(Session);
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly columns = ['name', 'email', 'role', 'status', 'actions'];

  protected readonly users = signal<User[] | null>(null);
  protected readonly total = signal(0);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly notice = signal<string | null>(null);

  constructor() {
    this.load();
  }

  load(): void {
    this.loadError.set(null);
    this.api.list().subscribe({
      next: (page) => {
        this.users.set(page.items);
        this.total.set(page.total);
      },
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  protected create(): void {
    this.dialog
      .open<CreateStaffDialog, void, User>(CreateStaffDialog, { autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((user) => {
        if (!user) return;
        this.snackBar.open(`Account created for ${user.displayName}`, 'OK', { duration: 4000 });
        this.load();
      });
  }

  protected changeRole(user: User, role: Role): void {
    confirmWith(this.dialog, {
      title: `Make ${user.displayName} ${AS_PERSON[role]}?`,
      message: `${user.displayName} is signed out everywhere and, at the next sign-in, can use what ${AS_PERSON[role]} may use, and no longer what ${AS_PERSON[user.role]} may.`,
      confirm: `Change role to ${ROLE_LABELS[role]}`,
      irreversible: true,
    }).subscribe((yes) => {
      if (yes) this.update(user, { version: user.version, role }, `${user.displayName} is now ${AS_PERSON[role]}`);
      // Cancelled: a fresh row puts the select back on the role the person still has.
      else this.users.update((list) => (list ?? []).map((u) => (u.id === user.id ? { ...u } : u)));
    });
  }

  protected setActive(user: User, active: boolean): void {
    const done = `${user.displayName} ${active ? 'reactivated' : 'deactivated'}`;
    if (active) {
      this.update(user, { version: user.version, active }, done);
      return;
    }
    confirmWith(this.dialog, {
      title: `Deactivate ${user.displayName}'s account?`,
      message: `${user.displayName} is signed out at once and can no longer sign in. Their records and the audit trail stay; you can reactivate the account later.`,
      confirm: 'Deactivate account',
      irreversible: true,
    }).subscribe((yes) => yes && this.update(user, { version: user.version, active }, done));
  }

  protected resetPassword(user: User): void {
    confirmWith(this.dialog, {
      title: `Reset ${user.displayName}'s password?`,
      message: `${user.displayName} is signed out everywhere and their password stops working. You get a temporary password to give them; at their next sign-in they must choose a new one.`,
      confirm: 'Reset password',
      irreversible: true,
    }).subscribe((yes) => {
      if (!yes) return;
      this.saving.set(true);
      this.notice.set(null);
      this.api.resetPassword(user.id, user.version).subscribe({
        next: (reset) => {
          this.saving.set(false);
          this.users.update((list) => (list ?? []).map((u) => (u.id === reset.user.id ? reset.user : u)));
          this.dialog.open<TemporaryPasswordDialog, PasswordReset>(TemporaryPasswordDialog, { data: reset, maxWidth: '520px' });
        },
        error: (error: unknown) => this.failed(user, error),
      });
    });
  }

  private update(user: User, body: UpdateUserRequest, done: string): void {
    this.saving.set(true);
    this.notice.set(null);
    this.api.update(user.id, body).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.users.update((list) => (list ?? []).map((u) => (u.id === updated.id ? updated : u)));
        this.snackBar.open(done, 'OK', { duration: 4000 });
      },
      error: (error: unknown) => this.failed(user, error),
    });
  }

  private failed(user: User, error: unknown): void {
    this.saving.set(false);
    this.notice.set(problemCode(error) === 'VERSION_CONFLICT' ? CONFLICT_MESSAGE(user.displayName) : problemMessage(error));
    // Show the server's truth again (also undoes the select's local change).
    this.users.set(null);
    this.load();
  }
}
