import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { EditableMessageTemplate, MessageTemplate, MessageWords, TemplatePlaceholder } from '@venule/api-contract';
import { Subject, catchError, debounceTime, map, of, switchMap } from 'rxjs';
import { formatInstant } from '../core/dates';
import { applyServerFieldErrors, problemCode, problemMessage, problemOf } from '../core/problem';
import { confirmWith } from '../shared/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../shared/view-state';
import { MessageTemplatesApi } from './message-templates-api';

type Part = keyof MessageWords;
const PARTS: readonly Part[] = ['subject', 'text', 'html'];

/** What a placeholder chip puts in each part: a value, or a list as one line per item. */
function snippet(p: TemplatePlaceholder, part: Part): string {
  if (!p.list) return `{{${p.name}}}`;
  if (part === 'html') return `<ul>{{#each ${p.name}}}<li>{{this}}</li>{{/each}}</ul>`;
  return `{{#each ${p.name}}}\n- {{this}}\n{{/each}}`;
}

/**
 * Message templates (admin): the clinic's words for each message, with the placeholders a
 * template may use, a preview for a made-up patient as the words are typed (its HTML through
 * Angular's sanitizer), saved with the
 * version read, and a reset to the built-in words. The server checks the words; its field errors
 * (from a preview or a save) land on the part they name.
 */
@Component({
  selector: 'vn-message-templates-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    Loading,
    ErrorState,
    EmptyState,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'vn-page vn-message-templates' },
  template: `
    <header class="vn-page-header">
      <h1>Message templates</h1>
    </header>
    <p class="vn-muted intro">
      The words of the reminders, recalls and aftercare messages sent to patients. Values such as the patient’s name are put in where a
      placeholder stands, and every value is escaped in the email.
    </p>
    @if (loadError(); as text) {
      <vn-error-state [message]="text" (retry)="load()" />
    } @else if (templates(); as list) {
      @if (list.length === 0) {
        <vn-empty-state icon="mail" title="No message templates" message="This version of Venule sends no messages." />
      } @else {
        <div class="choices" role="group" aria-label="Template">
          @for (t of list; track t.template) {
            <button
              mat-stroked-button
              type="button"
              class="choice"
              [class.chosen]="t.template === chosenName()"
              [attr.aria-pressed]="t.template === chosenName()"
              (click)="choose(t.template)"
            >
              {{ t.label }}
              <span class="choice-state">{{ t.customised ? 'Your words' : 'Built-in words' }}</span>
            </button>
          }
        </div>
        @if (chosen(); as t) {
          <div class="banner-slot" tabindex="-1">
            @if (saved(); as text) {
              <div class="vn-banner vn-banner-info" role="status">
                <mat-icon aria-hidden="true">check_circle</mat-icon><span>{{ text }}</span>
              </div>
            }
            @if (conflict()) {
              <div class="vn-banner vn-banner-warn" role="alert">
                <mat-icon aria-hidden="true">sync_problem</mat-icon>
                <span class="grow">Someone else changed this template since you opened it. Load theirs, then make your changes again.</span>
                <button mat-button type="button" (click)="load()">Load latest</button>
              </div>
            }
            @if (banner(); as text) {
              <div class="vn-banner vn-banner-error" role="alert"><mat-icon aria-hidden="true">error</mat-icon><span>{{ text }}</span></div>
            }
          </div>
          @if (busy()) {
            <mat-progress-bar mode="indeterminate" aria-label="Saving" />
          }
          <div class="workspace">
            <form class="editor" [formGroup]="form" (ngSubmit)="save()" novalidate aria-labelledby="editor-heading">
              <h2 id="editor-heading">{{ t.label }}</h2>
              <p class="vn-muted status">
                @if (t.customised) {
                  Your clinic’s words{{ t.updatedByName ? ', saved by ' + t.updatedByName : '' }}
                  {{ t.updatedAt ? 'on ' + when(t.updatedAt) : '' }}.
                } @else {
                  Venule’s built-in words. Save to use your own.
                }
              </p>
              <section class="placeholders" aria-labelledby="placeholders-heading">
                <h3 id="placeholders-heading">Placeholders</h3>
                <p class="vn-muted">Each puts a value in the message. Insert one where the cursor is in the {{ partNames[target()] }}.</p>
                <ul>
                  @for (p of t.placeholders; track p.name) {
                    <li>
                      <button
                        mat-stroked-button
                        type="button"
                        class="chip"
                        (mousedown)="$event.preventDefault()"
                        (click)="insert(p)"
                        [attr.aria-label]="'Insert ' + p.name + ' into the ' + partNames[target()]"
                      >
                        <code>{{ '{{' + p.name + '}}' }}</code>
                      </button>
                      <span class="description">{{ p.description }}</span>
                    </li>
                  }
                </ul>
              </section>
              <mat-form-field appearance="outline" class="part">
                <mat-label>Subject</mat-label>
                <input matInput formControlName="subject" required autocomplete="off" spellcheck="true" (focus)="target.set('subject')" />
                <mat-hint>Email subject; not part of a text message</mat-hint>
                <mat-error>{{ message('subject') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline" class="part">
                <mat-label>Plain text</mat-label>
                <textarea matInput formControlName="text" required rows="12" spellcheck="true" (focus)="target.set('text')"></textarea>
                <mat-hint>Sent as the text message, and with the email for mail programs that show no HTML</mat-hint>
                <mat-error>{{ message('text') }}</mat-error>
              </mat-form-field>
              <mat-form-field appearance="outline" class="part">
                <mat-label>HTML</mat-label>
                <textarea matInput formControlName="html" required rows="9" spellcheck="false" (focus)="target.set('html')"></textarea>
                <mat-hint>The email as most patients see it</mat-hint>
                <mat-error>{{ message('html') }}</mat-error>
              </mat-form-field>


              <div class="vn-actions">
                <button mat-flat-button type="submit" [disabled]="busy()">Save template</button>
                <button mat-button type="button" (click)="discard()" [disabled]="busy() || !dirty()">Discard changes</button>
                @if (t.customised) {
                  <button mat-button type="button" class="reset" (click)="resetToBuiltIn()" [disabled]="busy()">
                    <mat-icon aria-hidden="true">undo</mat-icon> Use the built-in words
                  </button>
                }
              </div>
            </form>

            <section class="preview" aria-labelledby="preview-heading" [attr.aria-busy]="previewing()">
              <h2 id="preview-heading">Preview</h2>
              <p class="vn-muted">For a made-up patient, Alex, with today’s dates. Nothing is sent.</p>
              @if (previewProblem(); as text) {
                <div class="vn-banner vn-banner-warn" role="status">
                  <mat-icon aria-hidden="true">warning</mat-icon><span>{{ text }}</span>
                </div>
              }
              @if (preview(); as p) {
                <div class="email" [class.stale]="!!previewProblem()">
                  <p class="subject"><span class="vn-muted subject-label">Subject</span><strong data-testid="preview-subject">{{ p.subject }}</strong></p>
                  <!-- Angular's sanitizer keeps the email's markup and drops anything active (scripts, handlers, styles). -->
                  <div class="email-body" role="region" aria-label="Email preview" [innerHTML]="p.html"></div>
                </div>
                <h3>Plain text</h3>
                <pre class="text" data-testid="preview-text">{{ p.text }}</pre>
              } @else if (!previewProblem()) {
                <vn-loading label="Rendering the preview…" />
              }
            </section>
          </div>
        }
      }
    } @else {
      <vn-loading label="Loading message templates…" />
    }
  `,
  styles: `
    .intro { margin: -8px 0 16px; max-width: 80ch; }
    .choices { display: flex; flex-wrap: wrap; gap: 8px; margin-bottom: 16px; }
    .choice { height: auto; min-height: 48px; padding: 6px 16px; }
    .choice.chosen { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container);
      border-color: var(--mat-sys-secondary); }
    .choice-state { display: block; font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .banner-slot:focus { outline: none; }
    .grow { flex: 1; }
    .vn-banner { align-items: center; }
    .workspace { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 24px; align-items: start; }
    .editor, .preview { padding: 20px 24px 8px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-lowest); min-width: 0; }
    h2 { font: var(--mat-sys-title-medium); margin: 0 0 4px; }
    h3 { font: var(--mat-sys-title-small); margin: 16px 0 4px; }
    .placeholders h3 { margin-top: 0; }
    .preview .subject .subject-label { margin: 0 8px 0 0; }
    .status { margin: 0 0 16px; }
    .part { display: block; width: 100%; margin-bottom: 8px; }
    .part textarea.mat-mdc-input-element { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 13px; line-height: 1.45; }
    .placeholders p { margin: 0 0 8px; }
    .placeholders ul { list-style: none; margin: 0 0 16px; padding: 0; display: grid; gap: 6px; }
    .placeholders li { display: grid; grid-template-columns: minmax(150px, max-content) 1fr; gap: 12px; align-items: center; }
    .chip { justify-self: start; border-radius: 16px; min-height: 32px; height: auto; padding: 0 12px; }
    .chip code { font-size: 13px; }
    .description { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
    .vn-actions { margin-bottom: 16px; flex-wrap: wrap; }
    .preview .vn-muted { margin: 0 0 12px; }
    .email { border: 1px solid var(--mat-sys-outline-variant); border-radius: 8px; overflow: hidden; background: #fff; }
    .email.stale { border-style: dashed; border-color: var(--mat-sys-outline); }
    .subject { margin: 0; padding: 10px 16px; border-bottom: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low); overflow-wrap: anywhere; }
    .email-body { padding: 4px 16px; min-height: 160px; color: #1b1b1f; font: 15px/1.5 system-ui, sans-serif;
      overflow-wrap: anywhere; }
    .text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0 0 16px; padding: 12px 16px; border-radius: 8px;
      background: var(--mat-sys-surface-container-low); font: 13px/1.5 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; }
  `,
})
export class MessageTemplatesPage {
  private readonly api = inject(MessageTemplatesApi);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly when = formatInstant;
  protected readonly partNames: Record<Part, string> = { subject: 'subject', text: 'plain text', html: 'HTML' };
  protected readonly templates = signal<EditableMessageTemplate[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly chosenName = signal<MessageTemplate | null>(null);
  protected readonly chosen = computed(() => this.templates()?.find((t) => t.template === this.chosenName()) ?? null);
  protected readonly busy = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected readonly conflict = signal(false);
  protected readonly banner = signal<string | null>(null);
  protected readonly preview = signal<MessageWords | null>(null);
  protected readonly previewProblem = signal<string | null>(null);
  protected readonly previewing = signal(false);
  /** The part a placeholder chip inserts into: the one last focused. */
  protected readonly target = signal<Part>('text');
  protected readonly dirty = signal(false);
  /** Bumped whenever a control's errors change in a way the OnPush template must redraw. */
  private readonly tick = signal(0);

  protected readonly form = this.fb.group({
    subject: ['', [Validators.required, Validators.maxLength(300)]],
    text: ['', [Validators.required, Validators.maxLength(20_000)]],
    html: ['', [Validators.required, Validators.maxLength(20_000)]],
  });

  private readonly previews = new Subject<{ template: MessageTemplate; words: MessageWords }>();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.previews
      .pipe(
        debounceTime(400),
        switchMap(({ template, words }) =>
          this.api.preview(template, words).pipe(
            map((rendered) => ({ rendered, error: null as unknown })),
            catchError((error: unknown) => of({ rendered: null, error })),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe(({ rendered, error }) => this.showPreview(rendered, error));
    this.form.valueChanges.pipe(takeUntilDestroyed(destroyRef)).subscribe(() => {
      this.dirty.set(this.form.dirty);
      this.requestPreview();
    });
    this.load();
  }

  load(): void {
    this.templates.set(null);
    this.loadError.set(null);
    this.conflict.set(false);
    this.banner.set(null);
    this.saved.set(null);
    this.api.list().subscribe({
      next: (list) => {
        this.templates.set(list);
        const keep = list.find((t) => t.template === this.chosenName()) ?? list[0];
        if (keep) this.open(keep);
      },
      error: (error: unknown) => this.loadError.set(problemMessage(error)),
    });
  }

  /** Opens another template, asking first when this one has unsaved changes. */
  protected choose(name: MessageTemplate): void {
    const next = this.templates()?.find((t) => t.template === name);
    if (!next || name === this.chosenName()) return;
    if (!this.form.dirty) return this.open(next);
    confirmWith(this.dialog, {
      title: 'Discard your changes?',
      message: `Your changes to the ${this.chosen()?.label.toLowerCase()} have not been saved.`,
      confirm: 'Discard changes',
    }).subscribe((yes) => {
      if (yes) this.open(next);
    });
  }

  protected discard(): void {
    const t = this.chosen();
    if (t) this.open(t);
  }

  /** The message `<mat-error>` shows for a part: the server's when it sent one, else ours. */
  protected message(part: Part): string {
    this.tick();
    const control = this.form.controls[part];
    const server = control.getError('server') as string | null;
    if (server) return server;
    if (control.hasError('required')) return `Enter the ${this.partNames[part]}`;
    if (control.hasError('maxlength')) return 'Too long';
    return 'Check this part';
  }

  /** Puts a placeholder where the cursor was in the part last focused, and puts the cursor after it. */
  protected insert(p: TemplatePlaceholder): void {
    const part = this.target();
    const field = this.host.nativeElement.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[formcontrolname="${part}"]`);
    const control = this.form.controls[part];
    const value = control.value;
    const start = field?.selectionStart ?? value.length;
    const end = field?.selectionEnd ?? value.length;
    const text = snippet(p, part);
    control.setValue(value.slice(0, start) + text + value.slice(end));
    control.markAsDirty();
    this.dirty.set(true);
    if (field) {
      field.focus();
      field.setSelectionRange(start + text.length, start + text.length);
    }
  }

  protected save(): void {
    const t = this.chosen();
    if (!t) return;
    this.saved.set(null);
    this.conflict.set(false);
    this.banner.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.tick.update((n) => n + 1);
      this.focusFirstError();
      return;
    }
    this.busy.set(true);
    this.api.save(t.template, { ...this.words(), version: t.version }).subscribe({
      next: (updated) => {
        this.busy.set(false);
        this.replace(updated);
        this.open(updated);
        this.saved.set(`Saved. Messages written from now on use these words.`);
        this.focusBanner();
      },
      error: (error: unknown) => this.refused(error),
    });
  }

  protected resetToBuiltIn(): void {
    const t = this.chosen();
    if (!t) return;
    confirmWith(this.dialog, {
      title: 'Use the built-in words?',
      message: `Your clinic’s words for the ${t.label.toLowerCase()} will be replaced by Venule’s built-in words, for every message written from now on.`,
      confirm: 'Use the built-in words',
      irreversible: true,
    }).subscribe((yes) => {
      if (!yes) return;
      this.saved.set(null);
      this.conflict.set(false);
      this.banner.set(null);
      this.busy.set(true);
      this.api.reset(t.template, t.version).subscribe({
        next: (updated) => {
          this.busy.set(false);
          this.replace(updated);
          this.open(updated);
          this.saved.set('The built-in words are used again.');
          this.focusBanner();
        },
        error: (error: unknown) => this.refused(error),
      });
    });
  }

  private open(t: EditableMessageTemplate): void {
    // The same template again (saved, reset, discarded) keeps its preview until the new one comes.
    if (t.template !== this.chosenName()) this.preview.set(null);
    this.chosenName.set(t.template);
    this.previewProblem.set(null);
    this.form.reset({ subject: t.subject, text: t.text, html: t.html });
    this.dirty.set(false);
    this.tick.update((n) => n + 1);
  }

  private replace(updated: EditableMessageTemplate): void {
    this.templates.update((list) => list?.map((t) => (t.template === updated.template ? updated : t)) ?? null);
  }

  private words(): MessageWords {
    const { subject, text, html } = this.form.getRawValue();
    return { subject, text, html };
  }

  private requestPreview(): void {
    const template = this.chosenName();
    if (!template) return;
    this.previewing.set(true);
    if (this.form.invalid && PARTS.some((p) => this.form.controls[p].hasError('required'))) {
      this.previewing.set(false);
      this.previewProblem.set('Fill in every part to see the preview.');
      return;
    }
    this.previews.next({ template, words: this.words() });
  }

  private showPreview(rendered: MessageWords | null, error: unknown): void {
    this.previewing.set(false);
    if (rendered) {
      this.preview.set(rendered);
      this.previewProblem.set(null);
      return;
    }
    const fieldErrors = problemOf(error)?.errors ?? [];
    if (fieldErrors.length) {
      applyServerFieldErrors(this.form, error);
      this.tick.update((n) => n + 1);
      this.previewProblem.set(
        this.preview() ? 'The preview shows the last words that worked: fix the part marked in red.' : 'Fix the part marked in red.',
      );
    } else {
      this.previewProblem.set(`No preview: ${problemMessage(error)}`);
    }
  }

  private refused(error: unknown): void {
    this.busy.set(false);
    if (problemCode(error) === 'VERSION_CONFLICT') {
      this.conflict.set(true);
      this.focusBanner();
      return;
    }
    const unmatched = applyServerFieldErrors(this.form, error);
    const fieldErrors = problemOf(error)?.errors ?? [];
    this.tick.update((n) => n + 1);
    if (fieldErrors.length === 0 || unmatched.length) {
      this.banner.set(fieldErrors.length === 0 ? problemMessage(error) : unmatched.map((e) => e.messages.join(' ')).join(' '));
      this.focusBanner();
    } else {
      this.focusFirstError();
    }
  }

  private focusBanner(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('.banner-slot')?.focus(), { injector: this.injector });
  }

  private focusFirstError(): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid')?.focus(), {
      injector: this.injector,
    });
  }
}
