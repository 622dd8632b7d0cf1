import { SESSION_COOKIE, XSRF_COOKIE, XSRF_HEADER } from '@venule/api-contract';

export interface Reply {
  status: number;
  /** Whatever JSON the route answers; the proofs read fields of it as the contract names them. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser as the dashboard is one, behind a load balancer: one cookie jar, whichever API process
 * answers. Cookies are host-wide (a browser does not separate them by port), so a jar filled by
 * one process is sent to the other as it would be through the balancer. Like Angular's HttpClient,
 * it copies the XSRF cookie into the header of every state-changing request.
 */
export class Browser {
  private readonly jar = new Map<string, string>();

  constructor(readonly label: string) {}

  /** A browser already holding these cookies (e.g. a copied session cookie). */
  static withCookies(label: string, cookies: Record<string, string>): Browser {
    const browser = new Browser(label);
    for (const [name, value] of Object.entries(cookies)) browser.jar.set(name, value);
    return browser;
  }

  get sessionCookie(): string | undefined {
    return this.jar.get(SESSION_COOKIE);
  }

  get cookieHeader(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(origin: string, path: string): Promise<Reply> {
    return this.send(origin, 'GET', path);
  }

  post(origin: string, path: string, body: unknown = {}): Promise<Reply> {
    return this.send(origin, 'POST', path, body);
  }

  put(origin: string, path: string, body: unknown): Promise<Reply> {
    return this.send(origin, 'PUT', path, body);
  }

  patch(origin: string, path: string, body: unknown): Promise<Reply> {
    return this.send(origin, 'PATCH', path, body);
  }

  async send(origin: string, method: string, path: string, body?: unknown): Promise<Reply> {
    // The first visit fetches the XSRF cookie, as the dashboard's first load does.
    if (UNSAFE.has(method) && !this.jar.has(XSRF_COOKIE)) await this.send(origin, 'GET', '/api/health');
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.jar.size) headers['Cookie'] = this.cookieHeader;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (UNSAFE.has(method)) headers[XSRF_HEADER] = this.jar.get(XSRF_COOKIE) ?? '';
    const res = await fetch(`${origin}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) this.keep(line);
    const text = await res.text();
    let parsed: unknown = text;
    if (/json/.test(res.headers.get('content-type') ?? '')) parsed = text ? JSON.parse(text) : undefined;
    return { status: res.status, body: parsed };
  }

  private keep(setCookie: string): void {
    const [pair, ...attributes] = setCookie.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [key, v = ''] = a.split('=').map((s) => s.trim());
      if (/^max-age$/i.test(key)) return Number(v) <= 0;
      if (/^expires$/i.test(key)) return Date.parse(v) <= Date.now();
      return false;
    });
    if (expired || value === '') this.jar.delete(name);
    else this.jar.set(name, value);
  }
}

/** The request failed the proof's expectation: what was sent and what came back. */
export function expectStatus(reply: Reply, expected: number, what: string): Reply {
  if (reply.status !== expected) throw new Error(`${what}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}
