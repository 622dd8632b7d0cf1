import { TestBed } from '@angular/core/testing';
import { type DiagramRegion, LegDiagram } from './leg-diagram';

const regions: DiagramRegion[] = [
  { id: 'left:calf', leg: 'left', view: 'back', u: 0, v: 180, label: 'Calf', short: 'C' },
  { id: 'right:thigh', leg: 'right', view: 'front', u: 10, v: 60, label: 'Inner thigh', short: 'T' },
];

function setup(selected: string[] = [], disabled = false) {
  const fixture = TestBed.createComponent(LegDiagram);
  fixture.componentRef.setInput('regions', regions);
  fixture.componentRef.setInput('selected', selected);
  fixture.componentRef.setInput('disabled', disabled);
  fixture.detectChanges();
  const toggled: string[] = [];
  fixture.componentInstance.toggled.subscribe((id) => toggled.push(id));
  const el = fixture.nativeElement as HTMLElement;
  const markers = Array.from(el.querySelectorAll('[role=checkbox]')) as SVGGElement[];
  return { el, markers, toggled };
}

describe('LegDiagram', () => {
  it('draws front and back views of both legs, labelled', () => {
    const { el } = setup();
    const texts = Array.from(el.querySelectorAll('text')).map((t) => t.textContent?.trim());
    expect(texts).toEqual(expect.arrayContaining(['Front', 'Back', 'Left', 'Right']));
    expect(el.querySelectorAll('path.body')).toHaveLength(6);
  });

  it('offers each region as a focusable checkbox named by leg, view and label', () => {
    const { markers } = setup(['right:thigh']);
    expect(markers.map((m) => m.getAttribute('aria-label'))).toEqual(['Left leg, back: Calf', 'Right leg, front: Inner thigh']);
    expect(markers.map((m) => m.getAttribute('tabindex'))).toEqual(['0', '0']);
    expect(markers.map((m) => m.getAttribute('aria-checked'))).toEqual(['false', 'true']);
  });

  it('puts a right-leg front marker left of centre, as the patient faces us', () => {
    const { markers } = setup();
    const x = (m: SVGGElement) => Number(m.querySelector('circle')?.getAttribute('cx'));
    expect(x(markers[1])).toBeLessThan(110);
    expect(x(markers[0])).toBeGreaterThan(220);
  });

  it('toggles a region by click, Enter or Space', () => {
    const { markers, toggled } = setup();
    markers[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    markers[1].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    markers[1].dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    expect(toggled).toEqual(['left:calf', 'right:thigh', 'right:thigh']);
  });

  it('ignores toggles while disabled', () => {
    const { markers, toggled } = setup([], true);
    markers[0].dispatchEvent(new MouseEvent('click', { bubbles: true }));
    expect(toggled).toEqual([]);
  });
});
