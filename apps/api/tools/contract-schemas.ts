import { join } from 'node:path';
import ts from 'typescript';

/** An OpenAPI 3.0 schema object, as far as the contract's types need one. */
export type Schema = { [keyword: string]: unknown };

const CONTRACT = join(__dirname, '../../../libs/api-contract/src/index.ts');

/** Contract aliases of `string` that carry a format the checker forgets once it resolves them. */
const STRING_FORMATS: Record<string, string> = { IsoDate: 'date', IsoInstant: 'date-time' };

/**
 * The OpenAPI schema of every type `@venule/api-contract` exports, read with the TypeScript
 * checker, so the document cannot describe a shape the contract does not have. Each interface and
 * alias of an object shape is a component (`$ref`); enums and generic instantiations such as
 * `Page<T>` are inlined.
 */
export function contractSchemas(): Record<string, Schema> {
  const program = ts.createProgram([CONTRACT], { strict: true, target: ts.ScriptTarget.ES2022, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(CONTRACT);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) throw new Error(`cannot read ${CONTRACT}`);
  const exported = new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));
  const components: Record<string, Schema> = {};
  const pending: ts.Type[] = [];

  const nameOf = (type: ts.Type): string | undefined => {
    const symbol = type.aliasSymbol ?? type.getSymbol();
    if (!symbol || type.aliasTypeArguments?.length || (type as ts.TypeReference).typeArguments?.length) return undefined;
    const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    return exported.has(resolved.name) && isShape(resolved, type) ? resolved.name : undefined;
  };

  /** An interface, or an alias of an object shape (`BookedSession`); not an alias of a primitive or an enum. */
  const isShape = (symbol: ts.Symbol, type: ts.Type): boolean => {
    if (symbol.flags & ts.SymbolFlags.Interface) return true;
    if (!(symbol.flags & ts.SymbolFlags.TypeAlias)) return false;
    const members = type.isUnion() ? type.types : [type];
    return members.some((m) => m.flags & ts.TypeFlags.Object || m.isIntersection());
  };

  const ref = (type: ts.Type): Schema | undefined => {
    const name = nameOf(type);
    if (!name) return undefined;
    if (!(name in components)) {
      components[name] = {};
      pending.push(type);
    }
    return { $ref: `#/components/schemas/${name}` };
  };

  const withNull = (schema: Schema): Schema => (schema['$ref'] ? { allOf: [schema], nullable: true } : { ...schema, nullable: true });

  const describe = (type: ts.Type, format?: string): Schema => {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (type.isUnion()) return union(type.types, format);
    if (type.flags & ts.TypeFlags.StringLiteral) return { type: 'string', enum: [(type as ts.StringLiteralType).value] };
    if (type.flags & ts.TypeFlags.NumberLiteral) return { type: 'number', enum: [(type as ts.NumberLiteralType).value] };
    if (type.flags & ts.TypeFlags.BooleanLiteral) return { type: 'boolean' };
    if (type.flags & ts.TypeFlags.String) return format ? { type: 'string', format } : { type: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { type: 'number' };
    if (type.flags & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (checker.isArrayType(type) || checker.isTupleType(type)) {
      const items = checker.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: items.length === 1 ? describe(items[0], format) : union(items, format) };
    }
    return ref(type) ?? object(type);
  };

  const union = (members: readonly ts.Type[], format?: string): Schema => {
    const present = members.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const nullable = present.length < members.length && members.some((m) => m.flags & ts.TypeFlags.Null);
    let schema: Schema;
    if (present.every((m) => m.flags & ts.TypeFlags.BooleanLiteral)) schema = { type: 'boolean' };
    else if (present.every((m) => m.flags & ts.TypeFlags.StringLiteral)) {
      schema = { type: 'string', enum: present.map((m) => (m as ts.StringLiteralType).value) };
    } else if (present.every((m) => m.flags & ts.TypeFlags.NumberLiteral)) {
      schema = { type: 'number', enum: present.map((m) => (m as ts.NumberLiteralType).value) };
    } else if (present.length === 1) schema = describe(present[0], format);
    else schema = { anyOf: present.map((m) => describe(m, format)) };
    return nullable ? withNull(schema) : schema;
  };

  const object = (type: ts.Type): Schema => {
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      const propertyType = declaration ? checker.getTypeOfSymbolAtLocation(property, declaration) : checker.getTypeOfSymbol(property);
      const schema = describe(propertyType, declaration && formatOf(declaration));
      const doc = ts.displayPartsToString(property.getDocumentationComment(checker)).trim();
      properties[property.name] = doc && !schema['$ref'] ? { ...schema, description: doc } : schema;
      if (!(property.flags & ts.SymbolFlags.Optional)) required.push(property.name);
    }
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    return {
      type: 'object',
      ...(required.length ? { required } : {}),
      properties,
      ...(index ? { additionalProperties: describe(index.type) } : {}),
    };
  };

  for (const symbol of exported.values()) {
    const declared = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (declared.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) ref(checker.getDeclaredTypeOfSymbol(declared));
  }
  for (let type = pending.shift(); type; type = pending.shift()) {
    const name = nameOf(type) as string;
    const doc = ts.displayPartsToString(exported.get(name)?.getDocumentationComment(checker)).trim();
    const shape = type.isUnion() ? union(type.types) : object(type);
    components[name] = { ...shape, ...(doc ? { description: doc } : {}) };
  }
  return Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
}

/** `date` or `date-time` when the property is declared with the contract's IsoDate or IsoInstant. */
function formatOf(declaration: ts.Declaration): string | undefined {
  const node = (declaration as ts.PropertySignature).type;
  let format: string | undefined;
  const visit = (n: ts.Node): void => {
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && STRING_FORMATS[n.typeName.text]) {
      format = STRING_FORMATS[n.typeName.text];
    }
    n.forEachChild(visit);
  };
  if (node) visit(node);
  return format;
}

/** The generated module the API loads (apps/api/src/platform/openapi/contract-schemas.ts). */
export function contractSchemasModule(): string {
  const schemas = contractSchemas();
  return [
    '// Generated by `npm run openapi:schemas` from libs/api-contract; do not edit. The OpenAPI test fails when it is stale.',
    `export type ContractSchemaName =\n${Object.keys(schemas)
      .map((name) => `  | '${name}'`)
      .join('\n')};`,
    '',
    `export const CONTRACT_SCHEMAS: Record<ContractSchemaName, object> = ${JSON.stringify(schemas, null, 2)};`,
    '',
  ].join('\n');
}

export const CONTRACT_SCHEMAS_FILE = join(__dirname, '../src/platform/openapi/contract-schemas.ts');
