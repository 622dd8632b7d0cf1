import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PARAMTYPES_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { servedPath } from './routes';
import type { TestApp } from './test-app';

type Dto = new () => object;

/** @nestjs/swagger's DECORATORS.API_CONSUMES (its constants module resolves to a .d.ts under jest). */
const API_CONSUMES = 'swagger/apiConsumes';

export interface RouteEntry {
  method: string;
  /** `/api/patients/:id` */
  path: string;
  handler: string;
  params: string[];
  /** The @Body() DTO, when the handler takes one. */
  body?: Dto;
  /** The @Query() DTO, when the handler takes one. */
  query?: Dto;
  multipart: boolean;
}

/** Every route the application serves, with what it reads, from Nest's own metadata. */
export function routeTable(t: TestApp): RouteEntry[] {
  const scanner = new MetadataScanner();
  const controllers = [...t.app.get(ModulesContainer).values()].flatMap((m) => [...m.controllers.values()]);
  return controllers.flatMap(({ instance, metatype }) => {
    if (!instance || !metatype) return [];
    const cls = metatype as Dto;
    const base = String(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
    const prototype = Object.getPrototypeOf(instance);
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name];
      const sub = Reflect.getMetadata(PATH_METADATA, handler);
      if (sub === undefined) return [];
      const path = servedPath(base, sub, RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod]);
      const args: Record<string, { index: number }> = Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, name) ?? {};
      const types: unknown[] = Reflect.getMetadata(PARAMTYPES_METADATA, prototype, name) ?? [];
      const argOf = (kind: RouteParamtypes) => {
        const key = Object.keys(args).find((k) => k.startsWith(`${kind}:`));
        const type = key === undefined ? undefined : types[args[key].index];
        return typeof type === 'function' && type !== Object && type !== String ? (type as Dto) : undefined;
      };
      const consumes: string[] = Reflect.getMetadata(API_CONSUMES, handler) ?? [];
      return [
        {
          method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod],
          path,
          handler: `${cls.name}.${name}`,
          params: [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]),
          body: argOf(RouteParamtypes.BODY),
          query: argOf(RouteParamtypes.QUERY),
          multipart: consumes.includes('multipart/form-data'),
        },
      ];
    });
  });
}

export type FieldKind = 'text' | 'number' | 'date' | 'instant' | 'boolean' | 'choice' | 'list' | 'object' | 'other';

export interface DtoField {
  /** Dotted path from the body root, e.g. `legs.left.notes`. */
  path: string;
  kind: FieldKind;
  required: boolean;
  /** Constraint names class-validator holds for the field (isString, isIn, min, …). */
  rules: Map<string, unknown[]>;
  each: boolean;
}

const DATE_RULES = ['isCalendarDate', 'isRealDate', 'isDateString', 'isISO8601'];

function kindOf(rules: Map<string, unknown[]>, nested: boolean, each: boolean): FieldKind {
  if (nested) return 'object';
  if (rules.has('isIn') || rules.has('isEnum')) return each ? 'list' : 'choice';
  if (DATE_RULES.some((r) => rules.has(r))) return 'date';
  if (rules.has('isInstant')) return 'instant';
  if (rules.has('isInt') || rules.has('isNumber') || rules.has('min') || rules.has('max')) return 'number';
  if (rules.has('isBoolean')) return 'boolean';
  if (rules.has('isArray') && !each) return 'list';
  if (rules.has('isString') || rules.has('isEmail') || rules.has('matches') || rules.has('maxLength') || rules.has('isUUID')) {
    return each ? 'list' : 'text';
  }
  return 'other';
}

/** The fields a DTO validates, nested DTOs included (their declared types), from class-validator's metadata. */
export function dtoFields(dto: Dto, prefix = '', seen = new Set<Dto>()): DtoField[] {
  if (seen.has(dto)) return [];
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const byProperty = new Map<string, typeof metas>();
  for (const m of metas) byProperty.set(m.propertyName, [...(byProperty.get(m.propertyName) ?? []), m]);
  return [...byProperty].flatMap(([property, list]) => {
    const path = prefix ? `${prefix}.${property}` : property;
    const rules = new Map<string, unknown[]>();
    for (const m of list) if (m.name) rules.set(m.name, m.constraints ?? []);
    const optional = list.some((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION);
    const nestedMeta = list.find((m) => m.type === ValidationTypes.NESTED_VALIDATION);
    const each = list.some((m) => m.each && m.name !== undefined);
    const declared: unknown = nestedMeta ? Reflect.getMetadata('design:type', dto.prototype, property) : undefined;
    const nestedType = typeof declared === 'function' && declared !== Object && declared !== Array ? declared : undefined;
    const field: DtoField = { path, kind: kindOf(rules, Boolean(nestedType), each), required: !optional, rules, each };
    const inner = nestedType && !nestedMeta?.each ? dtoFields(nestedType as Dto, path, new Set([...seen, dto])) : [];
    return [field, ...inner];
  });
}
