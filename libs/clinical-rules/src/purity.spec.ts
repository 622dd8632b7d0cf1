/**
 * The library must stay pure and browser-safe: no clock, no I/O, no framework.
 * (ESLint's module-boundary rule also bans framework imports; this guards the clock and node APIs.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const sources = readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(__dirname, f), 'utf8') }));

describe('purity', () => {
  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it.each(sources)('$file reads no clock', ({ text }) => {
    expect(text).not.toMatch(/Date\.now\s*\(/);
    expect(text).not.toMatch(/new Date\s*\(\s*\)/);
    expect(text).not.toMatch(/DateTime\.(now|local)\s*\(/);
    expect(text).not.toMatch(/Settings\.(now|defaultZone)/);
  });

  it.each(sources)('$file imports only luxon, the contract and its own modules', ({ text }) => {
    const imports = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) expect(spec).toMatch(/^(\.\/|luxon$|@venule\/api-contract$)/);
  });
});
