import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { SessionNote } from '@venule/api-contract';
import { can } from '../core/access';
import { problemCode, problemMessage } from '../core/problem';
import { Session } from '../core/session';
import { confirmWith } from '../shared/confirm-dialog';
import { ErrorState, Loading } from '../shared/view-state';
import { formatInstant } from '../core/dates';
import { CoursesApi } from './courses-api';

export const SIGN_CONFIRMATION = {
  title: 'Sign this note?',
  message: 'After signing, the note can only be corrected with an addendum: nobody can edit or delete it, and it is signed in your name.',
  confirm: 'Sign note',
  irreversible: true,
};

const notBlank = [Validators.required, Validators.pattern(/\S/)];

/**
 * A session's notes, oldest first. A draft is edited and signed by its author only; a signed
 * note is final and takes addenda (corrections) from any clinician.
 */
@Component({
  selector: 'vn-session-notes',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, Loading, ErrorState],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (notes(); as list) {
      @if (actionError(); as text) {
        <div class="vn-banner vn-banner-error" role="alert"><mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span></div>
      }
      @if (list.length === 0) { <p class="vn-muted">No notes on this session yet.</p> }
      @for (note of list; track note.id) {
        <article class="note" [class.draft]="note.status === 'draft'" [attr.aria-label]="'Note by ' + note.authorName">
          <header>
            <strong>{{ note.authorName }}</strong>
            <span class="vn-muted">{{ when(note.createdAt) }}</span>
            <span class="badge">{{ note.status === 'signed' ? 'Signed ' + when(note.signedAt) : 'Draft' }}</span>
          </header>
          @if (editingId() === note.id) {
            <mat-form-field appearance="outline" class="full">
              <mat-label>Note</mat-label>
              <textarea matInput [formControl]="editText" rows="4"></textarea>
            </mat-form-field>
            <div class="vn-actions">
              <button mat-flat-button type="button" [disabled]="busy() || editText.invalid" (click)="saveEdit(note)">Save draft</button>
              <button mat-button type="button" (click)="editingId.set(null)">Cancel</button>
            </div>
          } @else {
            <p class="text">{{ note.text }}</p>
            @if (note.status === 'draft' && isAuthor(note)) {
              <div class="vn-actions">
                <button mat-stroked-button type="button" (click)="startEdit(note)"><mat-icon>edit</mat-icon> Edit</button>
                <button mat-flat-button type="button" [disabled]="busy()" (click)="sign(note)"><mat-icon>draw</mat-icon> Sign</button>
              </div>
            }
          }
          @for (a of note.addenda; track a.id) {
            <div class="addendum"><span class="vn-muted">Addendum by {{ a.authorName }}, {{ when(a.at) }}</span><p class="text">{{ a.text }}</p></div>
          }
          @if (note.status === 'signed' && canWrite()) {
            @if (addendumFor() === note.id) {
              <mat-form-field appearance="outline" class="full">
                <mat-label>Addendum</mat-label>
                <textarea matInput [formControl]="addendumText" rows="3"></textarea>
              </mat-form-field>
              <div class="vn-actions">
                <button mat-flat-button type="button" [disabled]="busy() || addendumText.invalid" (click)="saveAddendum(note)">Add addendum</button>
                <button mat-button type="button" (click)="addendumFor.set(null)">Cancel</button>
              </div>
            } @else {
              <button mat-button type="button" (click)="startAddendum(note)"><mat-icon>add_comment</mat-icon> Addendum</button>
            }
          }
        </article>
      }
      @if (canWrite()) {
        <mat-form-field appearance="outline" class="full">
          <mat-label>New note</mat-label>
          <textarea matInput [formControl]="newText" rows="3"></textarea>
          <mat-hint>Saved as a draft; sign it when it is final</mat-hint>
        </mat-form-field>
        <div class="vn-actions"><button mat-stroked-button type="button" [disabled]="busy() || newText.invalid" (click)="add()">Save draft note</button></div>
      }
    } @else {
      <vn-loading label="Loading notes…" />
    }
  `,
  styles: `
    .note { padding: 12px 16px; margin-bottom: 12px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant); }
    .note.draft { border-style: dashed; }
    header { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: baseline; }
    .badge { font: var(--mat-sys-label-medium); padding: 1px 8px; border-radius: 6px; background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container); }
    .draft .badge { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
    .text { white-space: pre-wrap; margin: 8px 0; }
    .addendum { margin: 8px 0 0 16px; padding-left: 12px; border-left: 3px solid var(--mat-sys-outline-variant); }
    .full { width: 100%; margin-top: 8px; }
  `,
})
export class SessionNotes {
  private readonly api = inject(CoursesApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);

  readonly sessionId = input.required<string>();

  protected readonly notes = signal<SessionNote[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly editingId = signal<string | null>(null);
  protected readonly addendumFor = signal<string | null>(null);
  protected readonly canWrite = computed(() => can(this.session.role(), 'writeClinical'));

  protected readonly newText = new FormControl('', { nonNullable: true, validators: notBlank });
  protected readonly editText = new FormControl('', { nonNullable: true, validators: notBlank });
  protected readonly addendumText = new FormControl('', { nonNullable: true, validators: notBlank });
  protected readonly when = formatInstant;

  constructor() {
    effect(() => {
      this.sessionId();
      this.load();
    });
  }

  load(): void {
    this.loadError.set(null);
    this.api.notes(this.sessionId()).subscribe({
      next: (page) => this.notes.set(page.items),
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  protected isAuthor(note: SessionNote): boolean {
    return note.authorId === this.session.user()?.id;
  }

  protected startEdit(note: SessionNote): void {
    this.editText.setValue(note.text);
    this.editingId.set(note.id);
  }

  protected startAddendum(note: SessionNote): void {
    this.addendumText.reset();
    this.addendumFor.set(note.id);
  }

  protected add(): void {
    this.run(this.api.addNote(this.sessionId(), this.newText.value), (note) => {
      this.notes.update((list) => [...(list ?? []), note]);
      this.newText.reset();
    });
  }

  protected saveEdit(note: SessionNote): void {
    this.run(this.api.editNote(note.id, this.editText.value, note.version), (saved) => {
      this.replace(saved);
      this.editingId.set(null);
    });
  }

  protected sign(note: SessionNote): void {
    confirmWith(this.dialog, SIGN_CONFIRMATION).subscribe((yes) => {
      if (yes) this.run(this.api.signNote(note.id), (signed) => this.replace(signed));
    });
  }

  protected saveAddendum(note: SessionNote): void {
    this.run(this.api.addAddendum(note.id, this.addendumText.value), (saved) => {
      this.replace(saved);
      this.addendumFor.set(null);
    });
  }

  private replace(note: SessionNote): void {
    this.notes.update((list) => (list ?? []).map((n) => (n.id === note.id ? note : n)));
  }

  private run(request: ReturnType<CoursesApi['signNote']>, done: (note: SessionNote) => void): void {
    this.busy.set(true);
    this.actionError.set(null);
    request.subscribe({
      next: (note) => {
        this.busy.set(false);
        done(note);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        const stale = problemCode(error) === 'VERSION_CONFLICT' || problemCode(error) === 'NOTE_SIGNED';
        this.actionError.set(stale ? 'This note changed since you opened it; the latest version is shown.' : problemMessage(error));
        if (stale) {
          this.editingId.set(null);
          this.load();
        }
      },
    });
  }
}
