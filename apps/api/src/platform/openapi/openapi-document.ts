import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { SESSION_COOKIE } from '@venule/api-contract';
import { CONTRACT_SCHEMAS, type ContractSchemaName } from './contract-schemas';

/** The OpenAPI document served at /api/docs and /api/docs-json (SPEC §4). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Venule API')
      .setDescription('Back office of a thread-vein clinic. Errors are application/problem+json (RFC 9457).')
      .setVersion('1')
      .addCookieAuth(SESSION_COOKIE)
      .build(),
  );
  return withContractSchemas(document);
}

const REF = /"\$ref":"#\/components\/schemas\/([^"]+)"/g;

/** Adds the contract's schemas the operations name, and those they reach, beside the DTO schemas Nest made. */
function withContractSchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas = { ...document.components?.schemas };
  const pending = [...JSON.stringify(document.paths).matchAll(REF)].map((m) => m[1]);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in schemas) continue;
    const schema = CONTRACT_SCHEMAS[name as ContractSchemaName];
    if (!schema) throw new Error(`the OpenAPI document refers to a schema ${name} that neither a DTO nor the contract defines`);
    schemas[name] = schema;
    pending.push(...[...JSON.stringify(schema).matchAll(REF)].map((m) => m[1]));
  }
  return { ...document, components: { ...document.components, schemas } };
}
