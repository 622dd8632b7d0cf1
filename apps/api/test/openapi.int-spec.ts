import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { CONTRACT_SCHEMAS_FILE, contractSchemasModule } from '../tools/contract-schemas';
import { dtoFields, routeTable, type RouteEntry } from './support/route-table';
import { routesOf } from './support/routes';
import { TestApp } from './support/test-app';

interface Media {
  schema?: object;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}
interface Operation {
  responses: Record<string, { content?: Record<string, Media> }>;
  requestBody?: { content: Record<string, Media> };
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];
const PROBLEM = { $ref: '#/components/schemas/Problem' };

const hasExample = (media: Media) => media.example !== undefined || Object.values(media.examples ?? {}).some((e) => e.value !== undefined);
/** A file download's bytes have a schema (binary) but no example worth writing down. */
const isBinary = (media: Media) => (media.schema as { format?: string } | undefined)?.format === 'binary';

/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv: `nullable: true` adds null to what the schema allows
 * (also beside `allOf`, as Nest and the contract write a nullable reference), and component
 * references point into one schema holding the components.
 */
function schemaValidator(components: Record<string, object>): (schema: object) => ValidateFunction {
  const toJsonSchema = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(toJsonSchema);
    if (!node || typeof node !== 'object') return node;
    const { nullable, ...rest } = node as Record<string, unknown>;
    const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, k === 'example' ? v : toJsonSchema(v)]));
    return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
  };
  const retarget = (schema: unknown, base: string) =>
    JSON.parse(JSON.stringify(toJsonSchema(schema)).replace(/"#\/components\/schemas\//g, `"${base}#/$defs/`));
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addKeyword('example');
  ajv.addSchema({ $id: 'venule:components', $defs: retarget(components, '') });
  return (schema) => ajv.compile(retarget(schema, 'venule:components'));
}

/**
 * The document a client is generated from (SPEC §4): every route the router serves is in it, with
 * its success response (schema and example), the problems it can answer and its request example.
 * Each failure names the operation, so a new route without them fails here.
 */
describe('the OpenAPI document at /api/docs-json', () => {
  let t: TestApp;
  let document: Document;
  let routes: (RouteEntry & { isPublic: boolean })[];
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ key: `${method.toUpperCase()} ${path}`, operation })),
    );
  const openApiKey = (r: { method: string; path: string }) => `${r.method} ${r.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

  beforeAll(async () => {
    t = await TestApp.start();
    const res = await request(t.server).get('/api/docs-json');
    expect(res.status).toBe(200);
    document = res.body;
    const isPublic = new Map(routesOf(t.app).map((r) => [openApiKey(r), r.isPublic]));
    routes = routeTable(t).map((r) => ({ ...r, isPublic: isPublic.get(openApiKey(r)) ?? false }));
  });
  afterAll(() => t.stop());

  it('has every route the router serves, and none it does not', () => {
    const served = routes.map(openApiKey).sort();
    expect(served.length).toBeGreaterThan(60);
    expect(
      operations()
        .map((o) => o.key)
        .sort(),
    ).toEqual(served);
  });

  it('gives every operation a success response with a schema and an example for each media type', () => {
    const missing = operations().flatMap(({ key, operation }) => {
      const successes = Object.entries(operation.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (successes.length === 0) return [`${key}: no success response`];
      return successes.flatMap(([status, response]) => {
        if (status === '204') return response.content ? [`${key}: 204 with a body`] : [];
        if (!response.content || Object.keys(response.content).length === 0) return [`${key}: ${status} without content`];
        return Object.entries(response.content).flatMap(([type, media]) => [
          ...(media.schema ? [] : [`${key}: ${status} ${type} without a schema`]),
          ...(hasExample(media) || isBinary(media) ? [] : [`${key}: ${status} ${type} without an example`]),
        ]);
      });
    });
    expect(missing).toEqual([]);
  });

  it('gives every operation the problems it can answer, each as problem+json with an example', () => {
    const missing = routes.flatMap((route) => {
      const key = openApiKey(route);
      const operation = operations().find((o) => o.key === key)?.operation;
      if (!operation) return [`${key}: not in the document`];
      const expected = new Set<string>();
      if (!route.isPublic) ['401', '403'].forEach((s) => expected.add(s));
      if (route.body || route.query || route.multipart) expected.add('400');
      if (route.params.length > 0) expected.add('404');
      // A body carrying the `version` read is refused when someone saved first.
      if (route.body && dtoFields(route.body).some((f) => f.path === 'version')) expected.add('409');
      const absent = [...expected].filter((s) => !operation.responses[s]).map((s) => `${key}: no ${s} response`);
      const malformed = Object.entries(operation.responses)
        .filter(([status]) => /^[45]\d\d$/.test(status))
        .flatMap(([status, response]) => {
          const media = response.content?.['application/problem+json'];
          if (!media) return [`${key}: ${status} is not application/problem+json`];
          if (JSON.stringify(media.schema) !== JSON.stringify(PROBLEM)) return [`${key}: ${status} does not use the Problem schema`];
          return hasExample(media) ? [] : [`${key}: ${status} without an example`];
        });
      return [...absent, ...malformed];
    });
    expect(missing).toEqual([]);
  });

  it('gives every request body a schema and an example', () => {
    const missing = operations().flatMap(({ key, operation }) =>
      Object.entries(operation.requestBody?.content ?? {}).flatMap(([type, media]) => [
        ...(media.schema ? [] : [`${key}: ${type} body without a schema`]),
        ...(hasExample(media) || type === 'multipart/form-data' ? [] : [`${key}: ${type} body without an example`]),
      ]),
    );
    expect(missing).toEqual([]);
  });

  it('holds examples that each match their schema', () => {
    const compile = schemaValidator(document.components.schemas);
    const failures = operations().flatMap(({ key, operation }) => {
      const media = [
        ...Object.entries(operation.responses).flatMap(([status, r]) =>
          Object.entries(r.content ?? {}).map(([type, m]) => [`${status} ${type}`, m] as const),
        ),
        ...Object.entries(operation.requestBody?.content ?? {}).map(([type, m]) => [`request ${type}`, m] as const),
      ];
      return media.flatMap(([where, m]) => {
        if (!m.schema || isBinary(m)) return [];
        const validate = compile(m.schema);
        const examples = [...(m.example === undefined ? [] : [m.example]), ...Object.values(m.examples ?? {}).map((e) => e.value)];
        return examples.filter((e) => !validate(e)).map(() => `${key} ${where}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      });
    });
    expect(failures).toEqual([]);
  });

  it('describes the contract as libs/api-contract now has it (run `npm run openapi:schemas` after changing a type)', () => {
    expect(readFileSync(CONTRACT_SCHEMAS_FILE, 'utf8')).toBe(contractSchemasModule());
  });

  it('resolves every schema reference', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    expect([...new Set(refs)].filter((name) => !document.components.schemas[name])).toEqual([]);
  });
});
