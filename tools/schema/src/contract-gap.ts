import { ChangeType, CriticalityLevel, diff } from '@graphql-inspector/core';
import {
  type GraphQLNamedType,
  type GraphQLSchema,
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';

export interface ContractReport {
  /** schema coordinates of the contract not served yet (Type, Type.field, Type.field.arg, Enum.VALUE) */
  missing: string[];
  /** contract elements that are served but in a way that would break a client */
  incompatible: string[];
}

/** Every schema coordinate a contract promises, in graphql-inspector's path format. */
export function coordinates(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap()) as GraphQLNamedType[]) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    out.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push(`${type.name}.${field.name}`);
        for (const arg of field.args) out.push(`${type.name}.${field.name}.${arg.name}`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) out.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const v of type.getValues()) out.push(`${type.name}.${v.name}`);
    } else if (isUnionType(type)) {
      for (const m of type.getTypes()) out.push(`${type.name}.${m.name}`);
    }
  }
  return out.sort();
}

function present(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, member, arg] = coordinate.split('.');
  const type = schema.getType(typeName);
  if (!type) return false;
  if (member === undefined) return true;
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (!field) return false;
    return arg === undefined || field.args.some((a) => a.name === arg);
  }
  if (isInputObjectType(type)) return member in type.getFields();
  if (isEnumType(type)) return type.getValue(member) !== undefined;
  if (isUnionType(type)) return type.getTypes().some((t) => t.name === member);
  return false;
}

/** Changes that are fine for clients of the contract: additions and wording. */
const HARMLESS = new Set<string>([ChangeType.EnumValueAdded, ChangeType.UnionMemberAdded]);
/** Additions a client never has to send: optional input fields and arguments (inspector rates them dangerous, required ones breaking). */
const OPTIONAL_ADDITIONS = new Set<string>([ChangeType.InputFieldAdded, ChangeType.FieldArgumentAdded]);

/**
 * Compares the served API schema with the published contract. What the contract has and the API
 * lacks is `missing` (allowed to exist, never to grow); anything else graphql-inspector judges
 * breaking or dangerous for a contract client is `incompatible` (never allowed).
 */
export async function checkContract(contractSdl: string, apiSdl: string): Promise<ContractReport> {
  const contract = buildSchema(contractSdl);
  const api = buildSchema(apiSdl);
  const missing = coordinates(contract).filter((c) => !present(api, c));
  const missingSet = new Set(missing);
  const explained = (path?: string) => {
    if (!path) return false;
    const parts = path.split('.');
    for (let i = 1; i <= parts.length; i++) if (missingSet.has(parts.slice(0, i).join('.'))) return true;
    return false;
  };
  const changes = await diff(contract, api);
  const incompatible = changes
    .filter((c) => c.criticality.level !== CriticalityLevel.NonBreaking && !HARMLESS.has(c.type))
    .filter((c) => !(OPTIONAL_ADDITIONS.has(c.type) && c.criticality.level === CriticalityLevel.Dangerous))
    .filter((c) => !explained(c.path))
    // removals of contract elements are already listed as missing
    .filter((c) => !/_REMOVED$/.test(c.type) || !explained(c.path))
    .map((c) => `${c.path ?? '(schema)'}: ${c.message}`)
    .sort();
  return { missing, incompatible };
}
