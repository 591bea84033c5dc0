import { postGraphQL } from '@zhongtai/subgraph-kit';

/**
 * The members of the member-lookup scenario, the same in every process under test: 50 app members
 * with a phone, identified through `url` (a member subgraph or a gateway) as SYSTEM.
 */
export async function lookupMembers(url: string, systemToken: string): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < 50; n++) {
    const r = await postGraphQL<{ identifyMember: { member: { id: string } } }>(
      url,
      'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
      {
        i: {
          channel: 'APP',
          externalId: `bench-${n}`,
          displayName: `Bench ${n}`,
          phone: `137${String(10_000_000 + n).slice(-8)}`,
        },
      },
      systemToken,
    );
    if (!r.data) throw new Error(`identifyMember failed: ${JSON.stringify(r.errors)}`);
    ids.push(r.data.identifyMember.member.id);
  }
  return ids;
}
