import request from 'supertest';
import { TestApp } from './support/test-app';

describe('HTTP hardening: security headers, timeouts, Host allow-list', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start();
  });
  afterAll(() => t.stop());

  const csp = (res: request.Response) =>
    Object.fromEntries(
      String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );

  it.each([
    ['an answer', '/api/health', 200],
    ['a refusal', '/api/auth/me', 401],
    ['an unknown path', '/api/nowhere', 404],
  ])('sends the security headers on %s', async (_, path, status) => {
    const res = await request(t.server).get(path);
    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
    expect(csp(res)).toMatchObject({
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'object-src': ["'none'"],
    });
    // Plain HTTP here (COOKIE_SECURE unset): HSTS would mean nothing.
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('lets no browser or proxy keep a copy of an answer of the API: patient data, and a refusal alike', async () => {
    const { reception } = await t.signInAll();
    const patient = await reception.post('/api/patients', {
      firstName: 'Cache',
      lastName: 'Tester',
      dateOfBirth: '1970-01-01',
      sex: 'female',
      phone: '07700 900555',
      confirmDuplicate: true,
    });
    expect(patient.status).toBe(201);
    for (const res of [
      patient,
      await reception.get(`/api/patients/${patient.body.id}`),
      await reception.get('/api/patients?q=tester'),
      await request(t.server).get('/api/auth/me'),
    ]) {
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves the Swagger UI under the same policy: its scripts come from this origin, none inline', async () => {
    const page = await request(t.server).get('/api/docs');
    expect(page.status).toBe(200);
    expect(csp(page)['script-src']).toEqual(["'self'"]);
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src="(?!https?:)/);
      expect(body.trim()).toBe('');
    }
    for (const src of scripts.map(([, attributes]) => /src="([^"]+)"/.exec(attributes)?.[1] as string)) {
      expect((await request(t.server).get(new URL(src, 'http://x/api/docs/').pathname)).status).toBe(200);
    }
  });

  it('does not let a slow client hold a connection', () => {
    const server = t.server as import('node:http').Server;
    expect(server.headersTimeout).toBe(15_000);
    expect(server.requestTimeout).toBe(60_000);
    expect(server.timeout).toBe(120_000);
    expect(server.keepAliveTimeout).toBe(65_000);
  });

  describe('with ALLOWED_HOSTS set', () => {
    let guarded: TestApp;
    beforeAll(async () => {
      guarded = await TestApp.start({ env: { ALLOWED_HOSTS: 'clinic.example.org,localhost' } });
    });
    afterAll(() => guarded.stop());

    it('answers the hosts it names, with or without a port', async () => {
      expect((await request(guarded.server).get('/api/health').set('Host', 'clinic.example.org')).status).toBe(200);
      expect((await request(guarded.server).get('/api/health').set('Host', 'LOCALHOST:3000')).status).toBe(200);
    });

    it('refuses any other Host with a problem+json 400 naming it, signed in or not, before anything else runs', async () => {
      for (const [method, host] of [
        ['get', 'evil.example'],
        ['post', 'clinic.example.org.evil.example'],
        ['get', '127.0.0.1'],
      ] as const) {
        const res = await request(guarded.server)
          [method]('/api/auth/login')
          .set('Host', host)
          .send({ email: 'a@b.example', password: 'x' });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'Host' }] });
      }
    });
  });
});
