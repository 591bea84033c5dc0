import type { Claims } from '@zhongtai/contracts';
import type { ConsentDoc } from './records.js';

/** Who recorded a consent (R-ID-6): `member` itself, or `role:subject` of the staff or system that did. */
export function consentSource(claims: Pick<Claims, 'role' | 'sub' | 'storeId' | 'region'>): string {
  return claims.role === 'MEMBER'
    ? 'member'
    : `${claims.role.toLowerCase()}:${claims.sub ?? claims.storeId ?? claims.region ?? ''}`;
}

/**
 * A merge group's consents, one per channel: the latest recorded wins (the survivor's and the
 * merged members' records are all kept). Ordered by channel.
 */
export function latestPerChannel<T extends Pick<ConsentDoc, 'channel' | 'updatedAt'>>(consents: T[]): T[] {
  const latest = new Map<string, T>();
  for (const c of consents) {
    const seen = latest.get(c.channel);
    if (!seen || new Date(c.updatedAt) > new Date(seen.updatedAt)) latest.set(c.channel, c);
  }
  return [...latest.values()].sort((a, b) => a.channel.localeCompare(b.channel));
}
