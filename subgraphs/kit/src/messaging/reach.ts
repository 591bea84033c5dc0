import type { Reachability } from '@zhongtai/contracts';
import type { ServiceCall } from '../subgraph.js';

/** The member fields a message's route needs (contact, consent, WeChat identity), for gateway queries. */
export const CONTACT_FIELDS = 'id phone consents { channel granted } identities { channel externalId }';

export interface ContactView {
  phone: string | null;
  consents: Array<{ channel: string; granted: boolean }>;
  identities: Array<{ channel: string; externalId: string }>;
}

/** How a member is reached, from its `CONTACT_FIELDS`. */
export function reachOf(m: ContactView): Reachability {
  return {
    consents: m.consents,
    phone: m.phone,
    wechatOpenId: m.identities.find((i) => i.channel === 'WECHAT')?.externalId ?? null,
  };
}

const REACH = `query($id: ID!) { member(id: $id) { ${CONTACT_FIELDS} } }`;

/** How a member is reached now, asked through the gateway (null: no such member). */
export async function memberReach(
  call: ServiceCall,
  tenant: string,
  memberId: string,
): Promise<Reachability | null> {
  const r = await call<{ member: ContactView | null }>(tenant, REACH, { id: memberId });
  return r.member && reachOf(r.member);
}
