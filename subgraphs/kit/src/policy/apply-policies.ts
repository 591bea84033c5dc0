import {
  type GraphQLField,
  type GraphQLSchema,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLOutputType,
  defaultFieldResolver,
  isObjectType,
} from 'graphql';
import { badInput, forbidden, notFound } from '@zhongtai/contracts';
import type { RequestContext } from '../context.js';
import type { ReferenceResolvers } from '../schema/build-subgraph-schema.js';
import type { Authorizer } from './authorizer.js';
import type { Subject } from './decide.js';
import type { Policy, PolicyMap } from './policy.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/**
 * The schema coordinates that must carry a policy: every root field, every entity this subgraph
 * resolves by reference (`Type.__resolveReference`), and every field it adds to an entity another
 * subgraph owns (`foreignEntities`: their representations arrive from the gateway as the fields' root).
 */
export function policyCoordinates(
  schema: GraphQLSchema,
  references: readonly string[],
  foreignEntities: readonly string[],
): string[] {
  const out: string[] = [];
  for (const root of [schema.getQueryType(), schema.getMutationType()])
    for (const name of Object.keys(root?.getFields() ?? {}))
      if (!FEDERATION_FIELDS.has(name)) out.push(`${root!.name}.${name}`);
  for (const name of references) out.push(`${name}.__resolveReference`);
  for (const name of foreignEntities) {
    if (references.includes(name)) continue;
    const type = schema.getType(name);
    if (!isObjectType(type)) continue;
    const keys = keyFields(type.astNode?.directives ?? []);
    for (const field of Object.keys(type.getFields())) if (!keys.has(field)) out.push(`${name}.${field}`);
  }
  return out;
}

function fieldExists(schema: GraphQLSchema, coordinate: string): boolean {
  const [typeName, fieldName] = coordinate.split('.');
  const type = schema.getType(typeName);
  return isObjectType(type) && !!type.getFields()[fieldName];
}

function keyFields(directives: readonly any[]): Set<string> {
  const keys = new Set<string>();
  for (const d of directives)
    if (d.name.value === 'key')
      for (const a of d.arguments ?? [])
        if (a.name.value === 'fields') for (const f of String(a.value.value).split(/\s+/)) keys.add(f);
  return keys;
}

/**
 * Fails at start-up when an operation has no policy (or a policy names nothing), then wraps every
 * guarded field resolver with its policy (reference resolvers are wrapped before the schema is
 * built: `guardReferences`). Also validates `_entities` representations: key values must be plain
 * scalars, so no operator object (`{"$gt": ""}`) can reach a repository filter.
 */
export function applyPolicies(
  schema: GraphQLSchema,
  policies: PolicyMap,
  authz: Authorizer,
  opts: { subgraph: string; references: readonly string[]; foreignEntities: readonly string[] },
): void {
  const required = policyCoordinates(schema, opts.references, opts.foreignEntities);
  const missing = required.filter((c) => !policies[c]);
  // a policy may also guard any other field (e.g. `Store.members` on an entity this subgraph owns)
  const extra = Object.keys(policies).filter((c) => !required.includes(c) && fieldExists(schema, c));
  const unknown = Object.keys(policies).filter((c) => !required.includes(c) && !extra.includes(c));
  if (missing.length || unknown.length)
    throw new Error(
      `subgraph ${opts.subgraph}: ${missing.length ? `operations without a policy: ${missing.join(', ')}` : ''}${
        missing.length && unknown.length ? '; ' : ''
      }${unknown.length ? `policies for nothing in the schema: ${unknown.join(', ')}` : ''}`,
    );
  for (const coordinate of [...required, ...extra]) {
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type) || fieldName === '__resolveReference') continue;
    const field = type.getFields()[fieldName];
    field.resolve = guardField(coordinate, policies[coordinate], authz, field);
  }
  const entities = schema.getQueryType()?.getFields()._entities;
  if (entities) {
    const resolve = entities.resolve ?? defaultFieldResolver;
    entities.resolve = (root, args, ctx, info) => {
      checkRepresentations(args.representations);
      return resolve(root, args, ctx, info);
    };
  }
}

function guardField(
  coordinate: string,
  policy: Policy,
  authz: Authorizer,
  field: GraphQLField<any, any>,
): GraphQLField<any, any>['resolve'] {
  const resolve = field.resolve ?? defaultFieldResolver;
  const nullable = !(field.type instanceof GraphQLNonNull);
  const list = unwrapList(field.type);
  if (policy.denied === 'null' && !nullable)
    throw new Error(`${coordinate}: a policy that answers null needs a nullable field`);
  const guarded = async (root: any, args: any, ctx: RequestContext, info: any, target: unknown) => {
    const denial = await refusal(coordinate, policy, authz, ctx, (await target) as Subject | undefined);
    // a role that may not call this at all is refused; a target out of scope may read as null
    if (denial) {
      if (policy.denied === 'null' && denial.scope) return null;
      throw denial.error;
    }
    const value = await resolve(root, args, ctx, info);
    if (!policy.result || value == null) return value;
    if (list) return filterItems(coordinate, policy, authz, ctx, value as unknown[], list.itemsNullable);
    if (await authz.allows(ctx, policy.result(value, ctx) ?? {})) return value;
    if (policy.denied === 'null' || nullable) return null;
    throw forbidden(`${coordinate}: not in the caller's scope`);
  };
  return (root, args, ctx: RequestContext, info) => {
    const target = policy.target?.(args, root, ctx);
    // the hot path of tenant-wide callers: nothing to look up, no promise added to the resolver's
    if (
      TENANT_WIDE.has(ctx.claims.role) &&
      policy.roles.includes(ctx.claims.role) &&
      !(target instanceof Promise) &&
      !target?.mustExist
    )
      return resolve(root, args, ctx, info);
    return guarded(root, args, ctx, info, target);
  };
}

const TENANT_WIDE = new Set(['HQ', 'SYSTEM']);
const CALLER_ROOT = Symbol('caller root');

/**
 * The member a MEMBER caller acts as: the survivor of its merge group when its token names a member
 * merged into another (known once a `mustExist` policy looked the caller up), else the token's id.
 * What it writes (a coupon claimed, a campaign tracked) then lands on the member that holds the rest.
 */
export function callerMemberId(ctx: RequestContext): string | undefined {
  return (ctx.memo.get(CALLER_ROOT) as string | undefined) ?? ctx.claims.memberId;
}

/** Wraps each reference resolver with its policy (`Type.__resolveReference`); a denied entity is null. */
export function guardReferences(
  references: ReferenceResolvers,
  policies: PolicyMap,
  authz: Authorizer,
): ReferenceResolvers {
  return Object.fromEntries(
    Object.entries(references).map(([type, r]) => {
      const coordinate = `${type}.__resolveReference`;
      const policy = policies[coordinate];
      // a missing policy is reported by applyPolicies with every other one
      return [
        type,
        policy ? { __resolveReference: guardReference(coordinate, policy, authz, r.__resolveReference) } : r,
      ];
    }),
  );
}

function guardReference(
  coordinate: string,
  policy: Policy,
  authz: Authorizer,
  original: (...a: any[]) => unknown,
): (ref: any, ctx: any, info: any) => Promise<unknown> {
  return async (ref: any, ctx: RequestContext, info: any) => {
    const denial = await refusal(coordinate, policy, authz, ctx, await policy.target?.({}, ref, ctx));
    if (denial) return null;
    const value = await original(ref, ctx, info);
    if (!policy.result || value == null) return value;
    return (await authz.allows(ctx, policy.result(value, ctx) ?? {})) ? value : null;
  };
}

/** The reason a call is refused, or undefined when it may go ahead. */
async function refusal(
  coordinate: string,
  policy: Policy,
  authz: Authorizer,
  ctx: RequestContext,
  subject: Subject | null | undefined,
): Promise<{ error: Error; scope: boolean } | undefined> {
  const { role } = ctx.claims;
  if (!policy.roles.includes(role))
    return {
      error: forbidden(`${coordinate} is not allowed for role ${role} (allowed: ${policy.roles.join(', ')})`),
      scope: false,
    };
  if (subject && !(await authz.allows(ctx, subject)))
    return {
      error: forbidden(`${coordinate}: the target is outside the caller's scope (${policy.scope})`),
      scope: true,
    };
  if (subject?.mustExist && subject.memberId) {
    const member = await authz.member(ctx, subject.memberId);
    if (!member) return { error: notFound(`no member ${subject.memberId}`), scope: false };
    if (subject.memberId === ctx.claims.memberId) ctx.memo.set(CALLER_ROOT, member.rootId);
  }
  return undefined;
}

async function filterItems(
  coordinate: string,
  policy: Policy,
  authz: Authorizer,
  ctx: RequestContext,
  items: unknown[],
  itemsNullable: boolean,
): Promise<unknown[]> {
  const allowed = await Promise.all(
    items.map((item) => (item == null ? true : authz.allows(ctx, policy.result!(item, ctx) ?? {}))),
  );
  return itemsNullable
    ? items.map((item, i) => (allowed[i] ? item : null))
    : items.filter((_, i) => allowed[i]);
}

function unwrapList(type: GraphQLOutputType): { itemsNullable: boolean } | undefined {
  const t = type instanceof GraphQLNonNull ? type.ofType : type;
  if (!(t instanceof GraphQLList)) return undefined;
  return { itemsNullable: !(t.ofType instanceof GraphQLNonNull) };
}

/** `_Any` is the one untyped input: its key values must be plain scalars, with no `$` keys. */
export function checkRepresentations(representations: unknown): void {
  if (!Array.isArray(representations)) throw badInput('representations must be a list');
  for (const r of representations) {
    if (!r || typeof r !== 'object' || Array.isArray(r) || typeof (r as any).__typename !== 'string')
      throw badInput('each representation is an object with a __typename');
    for (const [k, v] of Object.entries(r as Record<string, unknown>)) {
      if (k.startsWith('$') || (v !== null && typeof v === 'object'))
        throw badInput(`representation field ${k} must be a plain value`, { field: k });
      if (typeof v === 'string' && v.length > 256)
        throw badInput(`representation field ${k} is too long`, { field: k });
    }
  }
}
