import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import { TestApp } from './support/test-app';

/** A built dashboard as `nx build dashboard` leaves it: hashed files, each text file precompressed. */
const INDEX =
  '<!doctype html><html><head><script src="main-ABCD1234.js" type="module"></script></head><body><vn-root></vn-root></body></html>';
const MAIN = `console.log(${JSON.stringify('the dashboard '.repeat(200))});`;
const FONT = Buffer.from('wOF2 pretend font bytes');

function writeBuild(dir: string): void {
  const files: Record<string, string | Buffer> = {
    'index.html': INDEX,
    'main-ABCD1234.js': MAIN,
    'media/material-symbols-outlined-WXYZ5678.woff2': FONT,
    'favicon.ico': Buffer.from([0, 0, 1, 0]),
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
    if (typeof content === 'string') {
      writeFileSync(join(dir, `${name}.br`), brotliCompressSync(content));
      writeFileSync(join(dir, `${name}.gz`), gzipSync(content));
    }
  }
}

/** The body as the browser ends up with it (supertest undoes br and gzip), whatever its type. */
const bytes = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';

describe('serving the built dashboard: compressed, hashed files cached for good, index.html revalidated', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'venule-dashboard-'));
    writeBuild(dir);
    t = await TestApp.start({ env: { DASHBOARD_DIR: dir } });
  });
  afterAll(async () => {
    await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['br', 'gzip, deflate, br, zstd'],
    ['gzip', 'gzip, deflate'],
  ])('sends a hashed script %s-compressed when the browser accepts it, to be kept a year unasked', async (encoding, accepted) => {
    const res = await bytes(request(t.server).get('/main-ABCD1234.js').set('Accept-Encoding', accepted));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe(encoding);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect((res.body as Buffer).toString()).toBe(MAIN);
  });

  it('sends the plain file to a client that accepts no compression', async () => {
    const res = await bytes(request(t.server).get('/main-ABCD1234.js').set('Accept-Encoding', 'identity'));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(MAIN)));
    expect((res.body as Buffer).toString()).toBe(MAIN);
  });

  it('keeps a hashed font a year too, sent as it is (woff2 is compressed already)', async () => {
    const res = await bytes(request(t.server).get('/media/material-symbols-outlined-WXYZ5678.woff2').set('Accept-Encoding', 'br, gzip'));
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe(YEAR_IMMUTABLE);
    expect(res.body).toEqual(FONT);
  });

  it.each([
    ['the sign-in page', '/'],
    ['index.html by name', '/index.html'],
    ['a client-side route (the SPA fallback)', '/patients/0c0e3cf4-5b1e-4f4e-9d55-2f1a3c7b9e10'],
  ])('sends %s compressed and revalidated on every load', async (_, path) => {
    const res = await bytes(request(t.server).get(path).set('Accept-Encoding', 'gzip, deflate, br'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect((res.body as Buffer).toString()).toBe(INDEX);
  });

  it('answers a repeat visit with 304 and no body while index.html is unchanged', async () => {
    const first = await request(t.server).get('/').set('Accept-Encoding', 'br');
    const again = await request(t.server).get('/').set('Accept-Encoding', 'br').set('If-None-Match', String(first.headers['etag']));
    expect(first.headers['etag']).toBeDefined();
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');
  });

  it('keeps the favicon, whose name carries no hash, a day: a repeat visit asks for index.html alone', async () => {
    const res = await request(t.server).get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
  });

  it('keeps the security headers on the page and its assets', async () => {
    for (const path of ['/', '/main-ABCD1234.js', '/patients/x']) {
      const res = await request(t.server).get(path).set('Accept-Encoding', 'br');
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      });
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    }
  });

  it('still answers the API with problem+json, not the page', async () => {
    const res = await request(t.server).get('/api/nowhere').set('Accept-Encoding', 'br');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
