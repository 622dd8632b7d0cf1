import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import type { Role, SessionNote } from '@venule/api-contract';
import { signInAs } from '../../testing/session';
import { SessionNotes } from './session-notes';

function note(overrides: Partial<SessionNote>): SessionNote {
  return {
    id: 'n-1',
    version: 1,
    createdAt: '2026-03-02T10:40:00Z',
    updatedAt: '2026-03-02T10:40:00Z',
    sessionId: 's-1',
    text: 'Twelve injections.',
    status: 'draft',
    authorId: 'clinician-id',
    authorName: 'Dr Demo',
    signedAt: null,
    addenda: [],
    ...overrides,
  };
}

async function open(notes: SessionNote[], role: Role = 'clinician') {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
  });
  signInAs(role);
  const fixture = TestBed.createComponent(SessionNotes);
  fixture.componentRef.setInput('sessionId', 's-1');
  fixture.detectChanges();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne('/api/sessions/s-1/notes').flush({ items: notes, total: notes.length, limit: 100, offset: 0 });
  await fixture.whenStable();
  const el = fixture.nativeElement as HTMLElement;
  const buttons = (scope: Element = el) => Array.from(scope.querySelectorAll('button')).map((b) => b.textContent?.trim() ?? '');
  return { fixture, el, http, buttons };
}

describe('SessionNotes', () => {
  it('shows a signed note read-only, with its addenda, and offers only an addendum', async () => {
    const signed = note({
      status: 'signed',
      signedAt: '2026-03-02T10:50:00Z',
      version: 2,
      addenda: [{ id: 'a-1', text: 'Bruising on day 3.', authorId: 'x', authorName: 'Dr Other', at: '2026-03-05T16:15:00Z' }],
    });
    const { el, buttons } = await open([signed]);
    const article = el.querySelector('article') as HTMLElement;
    expect(article.textContent).toContain('Signed');
    expect(article.textContent).toContain('Addendum by Dr Other');
    expect(buttons(article).some((b) => b.endsWith('Edit'))).toBe(false);
    expect(buttons(article).some((b) => b.endsWith('Sign'))).toBe(false);
    expect(buttons(article).some((b) => b.endsWith('Addendum'))).toBe(true);
  });

  it('lets the author edit and sign a draft, but not another clinician', async () => {
    const mine = note({ id: 'n-1' });
    const theirs = note({ id: 'n-2', authorId: 'someone-else', authorName: 'Dr Other' });
    const { el, buttons } = await open([mine, theirs]);
    const [first, second] = Array.from(el.querySelectorAll('article'));
    expect(buttons(first).filter((b) => /(Edit|Sign)$/.test(b))).toHaveLength(2);
    expect(buttons(second).filter((b) => /(Edit|Sign)$/.test(b))).toHaveLength(0);
  });

  it('asks before signing, saying a signed note takes only addenda, with Cancel focused; Cancel signs nothing', async () => {
    const { el, http, fixture } = await open([note({})]);
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim().endsWith('Sign'))
      ?.click();
    await fixture.whenStable();
    const dialog = document.querySelector('mat-dialog-container') as HTMLElement;
    expect(dialog.textContent).toContain('After signing, the note can only be corrected with an addendum');
    const initial = dialog.querySelector<HTMLButtonElement>('[cdkFocusInitial]');
    expect(initial?.textContent?.trim()).toBe('Cancel');
    initial?.click();
    await fixture.whenStable();
    http.expectNone('/api/notes/n-1/sign');
  });

  it('signs a draft once confirmed and then shows it without the edit button', async () => {
    const { el, http, fixture, buttons } = await open([note({})]);
    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.trim().endsWith('Sign'))
      ?.click();
    await fixture.whenStable();
    Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button'))
      .find((b) => b.textContent?.includes('Sign note'))
      ?.click();
    await fixture.whenStable();
    http.expectOne('/api/notes/n-1/sign').flush(note({ status: 'signed', signedAt: '2026-03-02T10:50:00Z', version: 2 }));
    await fixture.whenStable();
    expect(buttons().some((b) => b.endsWith('Edit'))).toBe(false);
    expect(el.querySelector('article')?.textContent).toContain('Signed');
  });

  it('lets a manager read notes without writing any', async () => {
    const { el } = await open([note({})], 'manager');
    expect(el.textContent).toContain('Twelve injections.');
    expect(el.querySelector('textarea')).toBeNull();
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });
});
