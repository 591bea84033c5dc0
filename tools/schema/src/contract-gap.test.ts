import { checkContract } from './contract-gap.js';

const contract = `
  scalar DateTime
  enum Channel { APP STORE }
  type Member { id: ID! name: String orders(first: Int = 20): [String!]! }
  input In { a: Int! b: String }
  type Query { member(id: ID!): Member }
`;

describe('checkContract', () => {
  it('accepts an identical or extended API', async () => {
    expect(await checkContract(contract, contract)).toEqual({ missing: [], incompatible: [] });
    const extended = contract
      .replace('input In { a: Int! b: String }', 'input In { a: Int! b: String c: Boolean = false d: Int }')
      .replace('member(id: ID!)', 'member(id: ID!, withMerged: Boolean = true)')
      .replace('type Query {', 'type Query { extra: Int ')
      .replace('name: String', 'name: String!')
      .replace('enum Channel { APP STORE }', 'enum Channel { APP STORE MALL }');
    expect(await checkContract(contract, extended)).toEqual({ missing: [], incompatible: [] });
  });

  it('lists what is missing by schema coordinate', async () => {
    const partial = `scalar DateTime enum Channel { APP } type Member { id: ID! } input In { a: Int! b: String } type Query { member(id: ID!): Member }`;
    const r = await checkContract(contract, partial);
    expect(r.missing).toEqual(['Channel.STORE', 'Member.name', 'Member.orders', 'Member.orders.first']);
    expect(r.incompatible).toEqual([]);
  });

  it('flags present elements that would break a client', async () => {
    const broken = contract
      .replace('name: String', 'name: Int')
      .replace('member(id: ID!)', 'member(id: ID!, tenant: String!)')
      .replace('first: Int = 20', 'first: Int = 50')
      .replace('input In { a: Int! b: String }', 'input In { a: Int! b: String c: Int! }');
    const r = await checkContract(contract, broken);
    expect(r.missing).toEqual([]);
    expect(r.incompatible.map((i) => i.split(':')[0])).toEqual([
      'In.c',
      'Member.name',
      'Member.orders.first',
      'Query.member.tenant',
    ]);
  });

  it('flags a nullable output that the contract promised non-null', async () => {
    const r = await checkContract(contract, contract.replace('id: ID!', 'id: ID'));
    expect(r.incompatible).toHaveLength(1);
  });
});
