/**
 * Styles of the sheets handed to patients (aftercare, pre-treatment advice): a card on screen,
 * plain A4 in print with the app shell hidden. Global (components use ViewEncapsulation.None)
 * because printing must reach the shell around the page; every rule is scoped by `.vn-sheet-page`.
 */
export const PATIENT_SHEET_STYLES = `
  .vn-sheet-page .spacer { flex: 1; }
  .vn-sheet-page .sheet { max-width: 800px; margin: 16px auto 0; padding: 32px; border-radius: 12px; box-sizing: border-box;
    border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
  .vn-sheet-page .sheet header { margin-bottom: 16px; }
  .vn-sheet-page .sheet header p { margin: 4px 0; }
  .vn-sheet-page .clinic { font: var(--mat-sys-title-medium); color: var(--mat-sys-primary); }
  .vn-sheet-page .clinic-contact { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); }
  .vn-sheet-page h1 { font: var(--mat-sys-headline-medium); }
  .vn-sheet-page h2 { font: var(--mat-sys-title-large); margin: 24px 0 8px; }
  .vn-sheet-page table { width: 100%; border-collapse: collapse; }
  .vn-sheet-page th { text-align: left; font: var(--mat-sys-label-large); padding: 8px; border-bottom: 2px solid var(--mat-sys-outline); }
  .vn-sheet-page td { padding: 10px 8px; vertical-align: top; border-bottom: 1px solid var(--mat-sys-outline-variant); }
  .vn-sheet-page .until { white-space: nowrap; font-weight: 500; }
  .vn-sheet-page .advice li { margin: 8px 0; }
  .vn-sheet-page footer { margin-top: 24px; padding-top: 12px; border-top: 1px solid var(--mat-sys-outline-variant);
    font: var(--mat-sys-body-small); }
  @page { size: A4; margin: 15mm; }
  @media print {
    body, .mat-drawer-container, .mat-drawer-content, .mat-sidenav-content { background: #fff !important; height: auto !important;
      overflow: visible !important; margin: 0 !important; }
    vn-shell > mat-toolbar, vn-shell .mat-sidenav, vn-shell .skip-link, .vn-sheet-page .no-print, .mat-drawer-backdrop { display: none !important; }
    vn-shell, vn-shell .mat-drawer-container { display: block !important; }
    .vn-sheet-page { padding: 0; max-width: none; }
    .vn-sheet-page .sheet { border: 0; padding: 0; margin: 0; max-width: none; font: 11pt/1.4 Roboto, sans-serif; color: #000; }
    .vn-sheet-page tr, .vn-sheet-page li { break-inside: avoid; }
    .vn-sheet-page th, .vn-sheet-page td { border-color: #999 !important; }
  }
`;
