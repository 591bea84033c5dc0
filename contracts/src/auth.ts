import { z } from 'zod';
import { ChannelSchema } from './channels.js';

/** Roles carried in the JWT `role` claim (RUNTIME.md). */
export const ROLES = ['MEMBER', 'CLERK', 'STORE_MANAGER', 'HQ', 'SYSTEM'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

const id = z.string().min(1).max(128);

/**
 * The person a service acts for (on-behalf-of, after RFC 8693's `act` claim): e.g. the orders
 * subgraph identifying the buyer of an order a clerk entered. Trust decisions that depend on who
 * typed the data (automatic merges on a phone number) look at it.
 */
export const ActorSchema = z.object({
  role: RoleSchema,
  sub: z.string().max(256).optional(),
  storeId: id.optional(),
  region: id.optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/**
 * Verified claims of a caller. Role-specific claims are required where the role needs them,
 * so that a token for a clerk without a store can never be mistaken for a broader scope.
 */
export const ClaimsSchema = z
  .object({
    tenant: id,
    role: RoleSchema,
    memberId: id.optional(),
    storeId: id.optional(),
    region: id.optional(),
    channel: ChannelSchema.optional(),
    /** the caller's identity: the token's subject, or a digest of the token when it has none */
    sub: z.string().max(256).optional(),
    /** with SYSTEM service calls: the person the service acts for */
    actor: ActorSchema.optional(),
  })
  .superRefine((c, ctx) => {
    const need = (field: 'memberId' | 'storeId' | 'region') => {
      if (!c[field])
        ctx.addIssue({ code: 'custom', path: [field], message: `role ${c.role} requires claim ${field}` });
    };
    if (c.role === 'MEMBER') need('memberId');
    if (c.role === 'CLERK') need('storeId');
    if (c.role === 'STORE_MANAGER') need('region');
  });
export type Claims = z.infer<typeof ClaimsSchema>;

/** Roles that may read unmasked PII of the members they can see. */
export function mayReadPii(role: Role): boolean {
  return role !== 'CLERK';
}

/** Roles that act for the whole tenant. */
export function isTenantWide(role: Role): boolean {
  return role === 'HQ' || role === 'SYSTEM';
}

export function isStaff(role: Role): boolean {
  return role !== 'MEMBER';
}

/**
 * Whether data in this call comes from a trusted system rather than typed in by a person: SYSTEM
 * callers (adapters, services) that do not act on behalf of staff.
 */
export function isTrustedSource(claims: Pick<Claims, 'role' | 'actor'>): boolean {
  return claims.role === 'SYSTEM' && (!claims.actor || claims.actor.role === 'SYSTEM');
}
