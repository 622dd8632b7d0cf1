import { XSRF_COOKIE, XSRF_HEADER, type Role } from '@venule/api-contract';
import request, { type Response } from 'supertest';

type Server = Parameters<typeof request>[0];

/**
 * A browser as the dashboard is one: a cookie jar, and the XSRF cookie copied into the header on
 * every state-changing request, as Angular's HttpClient does.
 */
export class StaffClient {
  userId = '';
  role?: Role;
  private readonly agent: ReturnType<typeof request.agent>;

  private constructor(server: Server) {
    this.agent = request.agent(server);
  }

  static async open(server: Server): Promise<StaffClient> {
    const client = new StaffClient(server);
    await client.get('/api/health');
    return client;
  }

  get xsrfToken(): string {
    const cookie = this.agent.jar.getCookie(XSRF_COOKIE, { domain: '127.0.0.1', path: '/', script: false, secure: false });
    return cookie?.value ?? '';
  }

  get(path: string): Promise<Response> {
    return this.agent
      .get(path)
      .set('Accept', 'application/json')
      .then((r) => r);
  }

  /** A GET asking for another representation, e.g. `text/csv`. */
  getAs(path: string, accept: string): Promise<Response> {
    return this.agent
      .get(path)
      .set('Accept', accept)
      .then((r) => r);
  }

  post(path: string, body: unknown = {}): Promise<Response> {
    return this.send('post', path, body);
  }

  put(path: string, body: unknown): Promise<Response> {
    return this.send('put', path, body);
  }

  patch(path: string, body: unknown): Promise<Response> {
    return this.send('patch', path, body);
  }

  delete(path: string): Promise<Response> {
    return this.send('delete', path, undefined);
  }

  /** A request to shape by hand (headers, raw bodies, files), with the session and XSRF header set. */
  raw(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string): request.Test {
    return this.agent[method](path).set('Accept', 'application/json').set(XSRF_HEADER, this.xsrfToken);
  }

  /** One file as multipart form data, as the dashboard's file input sends it. */
  upload(path: string, field: string, bytes: Buffer, filename: string, contentType: string): Promise<Response> {
    return this.agent
      .post(path)
      .set('Accept', 'application/json')
      .set(XSRF_HEADER, this.xsrfToken)
      .attach(field, bytes, { filename, contentType })
      .then((r) => r);
  }

  private send(method: 'post' | 'put' | 'patch' | 'delete', path: string, body: unknown): Promise<Response> {
    const req = this.agent[method](path).set('Accept', 'application/json').set(XSRF_HEADER, this.xsrfToken);
    return (body === undefined ? req : req.send(body as object)).then((r) => r);
  }
}
