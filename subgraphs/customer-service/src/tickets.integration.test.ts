import { HOUR, careWorld, code, ok } from './testing/care-world.js';

/** Complaint tickets (R-CS-4, R-CS-5): respond, wait on the customer, resolve, the SLA and its escalation. */
const w = careWorld({
  members: {
    'm-1': { storeIds: ['store-sh-001'] },
    'm-2': { storeIds: ['store-bj-001'] },
    'm-merged': { storeIds: ['store-sh-001'] },
  },
});

const T = 'id status firstResponseAt dueAt breached resolvedAt member { id } store { id }';
type Ticket = {
  id: string;
  status: string;
  firstResponseAt: string | null;
  dueAt: string;
  breached: boolean;
  resolvedAt: string | null;
  member: { id: string };
};
const open = async (memberId: string, key: string, storeId = 'store-sh-001', token?: string) =>
  w.api.query<{ openTicket: Ticket }>(
    `mutation($i: OpenTicketInput!) { openTicket(input: $i) { ${T} } }`,
    { i: { memberId, subject: 'the coffee was cold', storeId, idempotencyKey: key } },
    token ?? (await w.token({ role: 'CLERK', storeId, sub: 'clerk-1' })),
  );
const respond = async (id: string, message: string, token: string) =>
  w.api.query<{ respondToTicket: Ticket }>(
    `mutation($t: ID!, $m: String!) { respondToTicket(ticketId: $t, message: $m) { ${T} } }`,
    { t: id, m: message },
    token,
  );
const resolve = async (id: string, resolution: string, token: string) =>
  w.api.query<{ resolveTicket: Ticket }>(
    `mutation($t: ID!, $r: String!) { resolveTicket(ticketId: $t, resolution: $r) { ${T} } }`,
    { t: id, r: resolution },
    token,
  );
const escalations = (ticketId: string) =>
  w.published
    .filter((e) => e.type === 'ticket.escalated' && (e.payload as { ticketId: string }).ticketId === ticketId)
    .map((e) => (e.payload as { level: string }).level);

describe('tickets', () => {
  it('are opened once per key, due 72 hours later', async () => {
    const t = ok<{ openTicket: Ticket }>(await open('m-1', 'k-1')).openTicket;
    expect(t).toMatchObject({
      status: 'OPEN',
      firstResponseAt: null,
      breached: false,
      member: { id: 'm-1' },
    });
    expect(new Date(t.dueAt).getTime() - w.clock.now().getTime()).toBe(72 * HOUR);
    expect(ok<{ openTicket: Ticket }>(await open('m-1', 'k-1')).openTicket.id).toBe(t.id);
  });

  it('pause the SLA while waiting on the customer, run again when it answers, and resolve', async () => {
    const clerk = await w.token({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-1' });
    const member = await w.token({ role: 'MEMBER', memberId: 'm-1' });
    const t = ok<{ openTicket: Ticket }>(await open('m-1', 'k-2')).openTicket;
    w.clock.advance(10 * HOUR);
    const r1 = ok<{ respondToTicket: Ticket }>(
      await respond(t.id, 'Sorry! Which store?', clerk),
    ).respondToTicket;
    expect(r1.status).toBe('WAITING_ON_CUSTOMER');
    expect(r1.firstResponseAt).toBe(w.clock.now().toISOString());
    // a retry of the same message changes nothing
    expect(
      ok<{ respondToTicket: Ticket }>(await respond(t.id, 'Sorry! Which store?', clerk)).respondToTicket
        .status,
    ).toBe('WAITING_ON_CUSTOMER');
    w.clock.advance(100 * HOUR); // the customer takes its time: the clock is paused
    expect(
      ok<{ respondToTicket: Ticket }>(await respond(t.id, 'Nanjing Road', member)).respondToTicket,
    ).toMatchObject({
      status: 'OPEN',
      breached: false,
      dueAt: new Date(new Date(t.dueAt).getTime() + 100 * HOUR).toISOString(),
    });
    const done = ok<{ resolveTicket: Ticket }>(await resolve(t.id, 'voucher sent', clerk)).resolveTicket;
    expect(done).toMatchObject({ status: 'RESOLVED', breached: false });
    expect(
      ok<{ resolveTicket: Ticket }>(await resolve(t.id, 'voucher sent', clerk)).resolveTicket.resolvedAt,
    ).toBe(done.resolvedAt);
    expect(code(await resolve(t.id, 'something else', clerk))).toBe('CONFLICT');
    expect(code(await respond(t.id, 'more?', member))).toBe('CONFLICT');
  });

  it('escalate when breached: the store manager at once, HQ a day later, each once', async () => {
    const t = ok<{ openTicket: Ticket }>(await open('m-1', 'k-3')).openTicket;
    w.clock.advance(71 * HOUR);
    await w.cs.services.sla.runOnce();
    expect(escalations(t.id)).toEqual([]);
    w.clock.advance(2 * HOUR);
    await w.cs.services.sla.runOnce();
    await w.cs.services.sla.runOnce();
    expect(escalations(t.id)).toEqual(['STORE_MANAGER']);
    w.clock.advance(25 * HOUR);
    await w.cs.services.sla.runOnce();
    await w.cs.services.sla.runOnce();
    expect(escalations(t.id)).toEqual(['STORE_MANAGER', 'HQ']);
    const view = ok<{ ticket: Ticket }>(
      await w.api.query(`query($id: ID!) { ticket(id: $id) { ${T} } }`, { id: t.id }, w.hq),
    );
    expect(view.ticket.breached).toBe(true);
  });

  it('are listed per store within the caller scope', async () => {
    ok(await open('m-2', 'k-bj', 'store-bj-001', w.hq));
    const list = async (storeId: string | null, token: string) =>
      w.api.query<{ tickets: { totalCount: number; nodes: Array<{ id: string }> } }>(
        'query($s: ID) { tickets(storeId: $s, open: true) { totalCount nodes { id } } }',
        { s: storeId },
        token,
      );
    const clerk = await w.token({ role: 'CLERK', storeId: 'store-sh-001', sub: 'clerk-1' });
    const manager = await w.token({ role: 'STORE_MANAGER', region: 'north', sub: 'mgr-n' });
    expect(
      ok<{ tickets: { totalCount: number } }>(await list('store-sh-001', clerk)).tickets.totalCount,
    ).toBe(2);
    expect(code(await list('store-bj-001', clerk))).toBe('FORBIDDEN');
    expect(
      ok<{ tickets: { totalCount: number } }>(await list('store-bj-001', manager)).tickets.totalCount,
    ).toBe(1);
    expect(code(await list(null, manager))).toBe('FORBIDDEN');
    for (const [storeId, region] of [
      ['store-sh-001', 'east'],
      ['store-bj-001', 'north'],
    ])
      await w.deliver('store.changed', { storeId, name: storeId, region });
    const byRegion = async (region: string, token: string) =>
      w.api.query<{ tickets: { totalCount: number } }>(
        'query($r: String) { tickets(region: $r, open: true) { totalCount } }',
        { r: region },
        token,
      );
    expect(ok<{ tickets: { totalCount: number } }>(await byRegion('north', manager)).tickets.totalCount).toBe(
      1,
    );
    expect(code(await byRegion('east', manager))).toBe('FORBIDDEN');
    expect(code(await byRegion('north', clerk))).toBe('FORBIDDEN');
    expect(ok<{ tickets: { totalCount: number } }>(await list(null, w.hq)).tickets.totalCount).toBe(3);
  });

  it('only the member itself and staff in scope act on a ticket', async () => {
    const t = ok<{ openTicket: Ticket }>(await open('m-1', 'k-4')).openTicket;
    expect(code(await respond(t.id, 'hi', await w.token({ role: 'MEMBER', memberId: 'm-2' })))).toBe(
      'FORBIDDEN',
    );
    expect(code(await resolve(t.id, 'x', await w.token({ role: 'MEMBER', memberId: 'm-1' })))).toBe(
      'FORBIDDEN',
    );
    expect(code(await resolve(t.id, 'x', await w.token({ role: 'CLERK', storeId: 'store-bj-001' })))).toBe(
      'FORBIDDEN',
    );
  });

  it('follow merges and their undo', async () => {
    const t = ok<{ openTicket: Ticket }>(await open('m-merged', 'k-merge')).openTicket;
    await w.deliver('member.merged', {
      mergeId: 'mg-1',
      survivorId: 'm-1',
      mergedId: 'm-merged',
      reason: 'same phone',
    });
    const TICKETS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { tickets { id } } } }`;
    const of = async (id: string) =>
      ok<{ _entities: Array<{ tickets: Array<{ id: string }> }> }>(
        await w.api.query(TICKETS, { r: [{ __typename: 'Member', id }] }, w.hq),
      )._entities[0].tickets.map((x) => x.id);
    expect(await of('m-1')).toContain(t.id);
    expect(await of('m-merged')).not.toContain(t.id);
    await w.deliver('member.unmerged', {
      mergeId: 'mg-1',
      survivorId: 'm-1',
      mergedId: 'm-merged',
      reason: 'same phone',
    });
    await w.deliver('member.unmerged', {
      mergeId: 'mg-1',
      survivorId: 'm-1',
      mergedId: 'm-merged',
      reason: 'same phone',
    });
    expect(await of('m-merged')).toEqual([t.id]);
    expect(await of('m-1')).not.toContain(t.id);
  });
});

describe('opening tickets safely', () => {
  it('a key used for another member is a CONFLICT and shows nothing; the member must exist', async () => {
    ok(await open('m-1', 'shared-key'));
    const other = await open('m-2', 'shared-key', 'store-bj-001', w.hq);
    expect(code(other)).toBe('CONFLICT');
    expect(other.data?.openTicket ?? null).toBeNull();
    // a clerk cannot reach a member of another store by naming its own store
    expect(code(await open('m-2', 'k-x', 'store-sh-001'))).toBe('FORBIDDEN');
    expect(code(await open('no-such-member', 'k-y', 'store-sh-001', w.hq))).toBe('NOT_FOUND');
  });
});
