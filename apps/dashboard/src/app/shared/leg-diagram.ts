import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { Leg } from '@venule/api-contract';

export type LegView = 'front' | 'back';

/**
 * A clickable spot on the diagram. Positions are in one leg's own frame, the same for every leg
 * and view: `u` runs from -30 (outer, lateral side) to +30 (inner, medial side), `v` from 0 at the
 * hip to 250 at the ankle. The diagram mirrors them onto the right place of each drawing.
 */
export interface DiagramRegion {
  id: string;
  leg: Leg;
  view: LegView;
  u: number;
  v: number;
  /** Full name, read by screen readers and shown on hover. */
  label: string;
  /** Up to 3 characters drawn on the marker. */
  short: string;
}

interface Drawing {
  leg: Leg;
  view: LegView;
  /** Centre line of the leg in the SVG. */
  cx: number;
  /** +1 when the inner side of the leg points right in the drawing. */
  medial: 1 | -1;
}

const TOP = 36;
/** Front view: the patient faces us, so their right leg is on our left; seen from behind it is the other way round. */
const DRAWINGS: readonly Drawing[] = [
  { leg: 'right', view: 'front', cx: 72, medial: 1 },
  { leg: 'left', view: 'front', cx: 148, medial: -1 },
  { leg: 'left', view: 'back', cx: 292, medial: 1 },
  { leg: 'right', view: 'back', cx: 368, medial: -1 },
];
const VIEW_CENTRES: Record<LegView, number> = { front: 110, back: 330 };

/** One leg, hip to foot, in the region frame: the outer side going down, then the inner side coming up. */
const OUTLINE: readonly [number, number][] = [
  [-27, -4],
  [-29, 45],
  [-25, 100],
  [-18, 128],
  [-20, 150],
  [-21, 172],
  [-14, 212],
  [-9, 240],
  [-10, 256],
  [0, 264],
  [10, 256],
  [9, 240],
  [13, 212],
  [19, 172],
  [17, 150],
  [14, 128],
  [17, 100],
  [21, 45],
  [22, -4],
];

/** A closed, smooth path through the points (Catmull-Rom turned into cubic Béziers). */
function smoothPath(points: readonly [number, number][]): string {
  const n = points.length;
  const at = (i: number) => points[(i + n) % n];
  const f = (x: number) => Math.round(x * 10) / 10;
  let d = `M${f(at(0)[0])},${f(at(0)[1])}`;
  for (let i = 0; i < n; i++) {
    const [p0, p1, p2, p3] = [at(i - 1), at(i), at(i + 1), at(i + 2)];
    d += ` C${f(p1[0] + (p2[0] - p0[0]) / 6)},${f(p1[1] + (p2[1] - p0[1]) / 6)} ${f(p2[0] - (p3[0] - p1[0]) / 6)},${f(p2[1] - (p3[1] - p1[1]) / 6)} ${f(p2[0])},${f(p2[1])}`;
  }
  return `${d} Z`;
}

const place = (drawing: Drawing, u: number, v: number): [number, number] => [drawing.cx + drawing.medial * u, TOP + v];

const LEGS_DRAWN = DRAWINGS.map((drawing) => ({
  ...drawing,
  path: smoothPath(OUTLINE.map(([u, v]) => place(drawing, u, v))),
  name: drawing.leg === 'left' ? 'Left' : 'Right',
}));

/** The pelvis above each pair of legs, so the pair reads as one person. */
const HIPS = (Object.entries(VIEW_CENTRES) as [LegView, number][]).map(([view, c]) => ({
  view,
  path: `M${c - 66},${TOP + 14} C${c - 64},${TOP - 18} ${c + 64},${TOP - 18} ${c + 66},${TOP + 14} L${c + 12},${TOP + 22} Q${c},${TOP + 26} ${c - 12},${TOP + 22} Z`,
}));

/**
 * Front and back views of both legs with markers the user toggles (click, Enter or Space).
 * Presentational: the caller says which regions exist and which are marked, and hears `toggled`.
 * Pair it with a checkbox list of the same regions for anyone who cannot use a diagram.
 */
@Component({
  selector: 'vn-leg-diagram',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <svg viewBox="0 0 440 316" role="group" [attr.aria-label]="label()">
      <text class="view" x="110" y="14">Front</text>
      <text class="view" x="330" y="14">Back</text>
      @for (hip of hips; track hip.view) {
        <path class="body" [attr.d]="hip.path" />
      }
      @for (leg of legs; track leg.cx) {
        <path class="body" [attr.d]="leg.path" />
        <text class="side" [attr.x]="leg.cx" y="314">{{ leg.name }}</text>
      }
      @for (m of markers(); track m.id) {
        <g class="marker" [class.on]="m.on" role="checkbox" tabindex="0" [attr.aria-checked]="m.on" [attr.aria-label]="m.name"
          [attr.aria-disabled]="disabled()" (click)="toggle(m.id)" (keydown.enter)="toggle(m.id, $event)" (keydown.space)="toggle(m.id, $event)">
          <title>{{ m.name }}</title>
          <circle class="hit" [attr.cx]="m.x" [attr.cy]="m.y" r="18" />
          <circle class="dot" [attr.cx]="m.x" [attr.cy]="m.y" r="13" />
          <text [attr.x]="m.x" [attr.y]="m.y + 3.5">{{ m.short }}</text>
        </g>
      }
    </svg>
  `,
  styles: `
    :host { display: block; }
    svg { display: block; width: 100%; height: auto; max-width: 520px; font-family: inherit; }
    .view { font: 500 13px Roboto, sans-serif; text-anchor: middle; fill: var(--mat-sys-on-surface-variant); text-transform: uppercase; letter-spacing: .08em; }
    .side { font: 12px Roboto, sans-serif; text-anchor: middle; fill: var(--mat-sys-on-surface-variant); }
    .body { fill: var(--mat-sys-surface-container-high); stroke: var(--mat-sys-outline); stroke-width: 1.2; }
    .marker { cursor: pointer; outline: none; }
    /* A larger invisible target around each dot, for fingers on a tablet. */
    .marker .hit { fill: transparent; stroke: none; }
    .marker .dot { fill: var(--mat-sys-surface-container-lowest); stroke: var(--mat-sys-primary); stroke-width: 1.5; }
    .marker text { font: 700 9px Roboto, sans-serif; text-anchor: middle; fill: var(--mat-sys-primary); pointer-events: none; }
    .marker:hover .dot { fill: var(--mat-sys-primary-container); }
    .marker.on .dot { fill: var(--mat-sys-error); stroke: var(--mat-sys-error); }
    .marker.on text { fill: var(--mat-sys-on-error); }
    .marker:focus-visible .dot { stroke: var(--mat-sys-on-surface); stroke-width: 3; }
  `,
})
export class LegDiagram {
  readonly regions = input.required<readonly DiagramRegion[]>();
  readonly selected = input<readonly string[]>([]);
  readonly label = input('Leg diagram');
  readonly disabled = input(false);
  readonly toggled = output<string>();

  protected readonly legs = LEGS_DRAWN;
  protected readonly hips = HIPS;

  protected readonly markers = computed(() => {
    const selected = new Set(this.selected());
    return this.regions().flatMap((region) => {
      const drawing = DRAWINGS.find((d) => d.leg === region.leg && d.view === region.view);
      if (!drawing) return [];
      const [x, y] = place(drawing, region.u, region.v);
      const leg = region.leg === 'left' ? 'Left' : 'Right';
      return [
        { id: region.id, x, y, short: region.short, on: selected.has(region.id), name: `${leg} leg, ${region.view}: ${region.label}` },
      ];
    });
  });

  protected toggle(id: string, event?: Event): void {
    event?.preventDefault();
    if (!this.disabled()) this.toggled.emit(id);
  }
}
