import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ICONS } from './icons';

/** Every component and data file of the dashboard, as [path, text]. */
function sources(dir = join(__dirname, '..')): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|html)$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)
      ? [[relative(join(__dirname, '..'), path), readFileSync(path, 'utf8')]]
      : [];
  });
}

/**
 * The icon names a template spells out: `<mat-icon>name</mat-icon>`, the quoted names inside a
 * `<mat-icon>{{ … }}</mat-icon>` binding, and `icon="name"` on the dashboard's own components.
 * Names bound from data (`{{ item.icon }}`) are typed `IconName`, which the compiler checks.
 */
function namedInTemplates(text: string): string[] {
  const contents = [...text.matchAll(/<mat-icon\b[^>]*>([^<]*)<\/mat-icon>/g)].map((m) => m[1].trim());
  return [
    ...contents.filter((c) => !c.startsWith('{{')),
    ...contents.filter((c) => c.startsWith('{{')).flatMap((c) => [...c.matchAll(/'([^']*)'/g)].map((m) => m[1])),
    ...[...text.matchAll(/<vn-[\w-]+\b[^>]*\sicon="([^"]*)"/g)].map((m) => m[1]),
  ];
}

describe('the icon font subset', () => {
  const files = sources();

  it('holds every icon a template names', () => {
    const missing = files.flatMap(([path, text]) =>
      namedInTemplates(text)
        .filter((name) => !(ICONS as readonly string[]).includes(name))
        .map((name) => `${path}: ${name}`),
    );
    expect(missing).toEqual([]);
  });

  it('finds the icons in the templates it reads', () => {
    const named = new Set(files.flatMap(([, text]) => namedInTemplates(text)));
    expect(named).toContain('vital_signs');
    expect(named).toContain('visibility_off');
    expect(named).toContain('travel_explore');
  });

  it('holds no icon that nothing shows, so the font stays small', () => {
    const everything = files.filter(([path]) => path !== 'core/icons.ts').map(([, text]) => text);
    const unused = ICONS.filter(
      (name) => !everything.some((text) => text.includes(`'${name}'`) || text.includes(`>${name}<`) || text.includes(`icon="${name}"`)),
    );
    expect(unused).toEqual([]);
  });
});
