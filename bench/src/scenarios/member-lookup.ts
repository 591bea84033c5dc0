/**
 * Scenario "member lookup": one member with a field from a second subgraph (points), the
 * trivial federated read of ARCHITECTURE.md's measurements. Path (a) asks the member subgraph
 * for its own part only, which is all a single subgraph can answer.
 */
export const memberLookup = {
  name: 'member lookup',
  viaGateway: (id: string) =>
    JSON.stringify({
      query: 'query($id: ID!) { member(id: $id) { id displayName points { balance } } }',
      variables: { id },
    }),
  direct: (id: string) =>
    JSON.stringify({ query: 'query($id: ID!) { member(id: $id) { id displayName } }', variables: { id } }),
  check: (data: unknown) => Boolean((data as { member?: { id?: string } })?.member?.id),
};
