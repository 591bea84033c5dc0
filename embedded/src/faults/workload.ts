import type { FaultClient } from './client.js';

/**
 * The fault run's mixed load — members identified, points earned and redeemed, orders ingested and
 * refunded, members merged — each with its idempotency key, retried by the client until answered;
 * and the check afterwards that everything acknowledged is there exactly once.
 */
interface MemberState {
  id: string;
  externalId: string;
}

const EARN = 10;
const REDEEM = 3;
const ORDER_FEN = 1000; // ¥10: 10 points pending for the return window
const REFUND_FEN = 100; // reverses 1 point pro rata

export class Workload {
  private readonly members: MemberState[] = [];
  private readonly earns: Array<{ memberId: string; key: string }> = [];
  private readonly redeems: Array<{ memberId: string; key: string }> = [];
  private readonly orders: Array<{ orderId: string; memberId: string; refunds: number }> = [];
  private readonly merges = new Map<string, string>(); // merged → survivor
  private seq = 0;

  constructor(
    private readonly client: FaultClient,
    private readonly tokens: { system: string; hq: string },
    private readonly prefix: string,
  ) {}

  /** Master data the load needs (a store and a SKU). */
  async setup(deadline: number): Promise<void> {
    for (const [query, variables] of [
      [
        'mutation($i: UpsertStoreInput!) { upsertStore(input: $i) { id } }',
        { i: { id: 'store-sh-001', name: 'SH 1', region: 'east' } },
      ],
      [
        'mutation($i: UpsertSkuInput!) { upsertSku(input: $i) { code } }',
        { i: { code: 'SKU-0001', name: 'Tea', category: 'c1' } },
      ],
    ] as const)
      if (
        !(await this.client.send({ kind: 'setup', query, variables, token: this.tokens.system }, deadline))
          ?.data
      )
        throw new Error('fault run setup failed');
  }

  /** `workers` loops of random operations until `until`. */
  async run(until: number, workers = 6): Promise<void> {
    await Promise.all(Array.from({ length: workers }, () => this.loop(until)));
  }

  private async loop(until: number): Promise<void> {
    while (Date.now() < until) {
      const roll = Math.random();
      if (this.members.length < 4 || roll < 0.15) await this.identify(until);
      else if (roll < 0.4) await this.earn(until);
      else if (roll < 0.55) await this.redeem(until);
      else if (roll < 0.8) await this.order(until);
      else if (roll < 0.93) await this.refund(until);
      else await this.merge(until);
    }
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(Math.random() * items.length)];
  }
  private key(kind: string): string {
    return `${this.prefix}-${kind}-${++this.seq}`;
  }
  private deadline(until: number): number {
    return until + 60_000; // an answer may take a restart: keep retrying well past the load's end
  }

  private async identify(until: number): Promise<void> {
    const externalId = this.key('app');
    const r = await this.client.send(
      {
        kind: 'identifyMember',
        query: 'mutation($i: IdentifyMemberInput!) { identifyMember(input: $i) { member { id } } }',
        variables: { i: { channel: 'APP', externalId } },
        token: this.tokens.system,
      },
      this.deadline(until),
    );
    const id = (r?.data?.identifyMember as { member: { id: string } } | undefined)?.member.id;
    if (id) this.members.push({ id, externalId });
  }

  private async earn(until: number): Promise<void> {
    const m = this.pick(this.members);
    const key = this.key('earn');
    const r = await this.client.send(
      {
        kind: 'earnPoints',
        query: 'mutation($i: EarnPointsInput!) { earnPoints(input: $i) { id } }',
        variables: { i: { memberId: m.id, points: EARN, source: 'faults', idempotencyKey: key } },
        token: this.tokens.system,
      },
      this.deadline(until),
    );
    if (r?.data) this.earns.push({ memberId: m.id, key });
  }

  private async redeem(until: number): Promise<void> {
    const m = this.pick(this.members);
    const key = this.key('redeem');
    const r = await this.client.send(
      {
        kind: 'redeemPoints',
        query: 'mutation($i: RedeemPointsInput!) { redeemPoints(input: $i) { id } }',
        variables: { i: { memberId: m.id, points: REDEEM, idempotencyKey: key } },
        token: this.tokens.system,
      },
      this.deadline(until),
    );
    if (r?.data) this.redeems.push({ memberId: m.id, key });
  }

  private async order(until: number): Promise<void> {
    const m = this.pick(this.members);
    const r = await this.client.send(
      {
        kind: 'ingestOrder',
        query: 'mutation($i: IngestOrderInput!) { ingestOrder(input: $i) { order { id member { id } } } }',
        variables: {
          i: {
            source: 'faults',
            externalId: this.key('order'),
            channel: 'STORE',
            storeId: 'store-sh-001',
            buyer: { channel: 'APP', externalId: m.externalId },
            lines: [{ sku: 'SKU-0001', quantity: 1, unitPrice: ORDER_FEN }],
            placedAt: new Date().toISOString(),
          },
        },
        token: this.tokens.system,
      },
      this.deadline(until),
    );
    const order = (r?.data?.ingestOrder as { order: { id: string } } | undefined)?.order;
    if (order) this.orders.push({ orderId: order.id, memberId: m.id, refunds: 0 });
  }

  private async refund(until: number): Promise<void> {
    const o = this.orders.length ? this.pick(this.orders) : undefined;
    if (!o || o.refunds >= 3) return;
    o.refunds++; // reserved: a refund refused or never answered is taken back below
    const r = await this.client.send(
      {
        kind: 'refundOrder',
        query: 'mutation($i: RefundOrderInput!) { refundOrder(input: $i) { id } }',
        variables: { i: { orderId: o.orderId, refundId: this.key('refund'), amount: REFUND_FEN } },
        token: this.tokens.system,
      },
      this.deadline(until),
    );
    if (!r?.data) o.refunds--;
  }

  private async merge(until: number): Promise<void> {
    const free = this.members.filter((m) => !this.merges.has(m.id));
    if (free.length < 2) return;
    const survivor = this.pick(free);
    const merged = this.pick(free.filter((m) => m !== survivor && this.rootOf(m.id) !== survivor.id));
    if (!merged || this.rootOf(survivor.id) !== survivor.id) return;
    this.merges.set(merged.id, survivor.id); // reserved against another worker merging it too
    const r = await this.client.send(
      {
        kind: 'mergeMembers',
        query:
          'mutation($s: ID!, $m: ID!) { mergeMembers(survivorId: $s, mergedId: $m, reason: "fault run") { id } }',
        variables: { s: survivor.id, m: merged.id },
        token: this.tokens.hq,
      },
      this.deadline(until),
    );
    if (!r?.data) this.merges.delete(merged.id);
  }

  private rootOf(id: string): string {
    let root = id;
    for (let hops = 0; this.merges.has(root) && hops < 50; hops++) root = this.merges.get(root)!;
    return root;
  }

  /** How much was acknowledged, for the report. */
  summary(): Record<string, number> {
    return {
      members: this.members.length,
      earns: this.earns.length,
      redeems: this.redeems.length,
      orders: this.orders.length,
      refunds: this.orders.reduce((n, o) => n + o.refunds, 0),
      merges: this.merges.size,
    };
  }

  /**
   * Problems found (empty: everything acknowledged is there exactly once). Per merge group: the
   * balance is every acknowledged earn less every acknowledged redeem, the pending points every
   * order less its refunds' reversals, the order count and spend every acknowledged order; the
   * ledger reconciles; an unmerged member's history holds each of its keys once.
   */
  async verify(
    query: (q: string, v?: Record<string, unknown>) => Promise<Record<string, unknown>>,
  ): Promise<string[]> {
    const problems: string[] = [];
    const recon = (await query('{ pointsReconciliation { mismatches { memberId problems } } }'))
      .pointsReconciliation as { mismatches: unknown[] };
    if (recon.mismatches.length) problems.push(`reconciliation: ${JSON.stringify(recon.mismatches)}`);
    const groups = new Map<string, { balance: number; pending: number; orders: number; spent: number }>();
    const group = (memberId: string) => {
      const root = this.rootOf(memberId);
      let g = groups.get(root);
      if (!g) groups.set(root, (g = { balance: 0, pending: 0, orders: 0, spent: 0 }));
      return g;
    };
    for (const m of this.members) group(m.id);
    for (const e of this.earns) group(e.memberId).balance += EARN;
    for (const r of this.redeems) group(r.memberId).balance -= REDEEM;
    for (const o of this.orders) {
      const g = group(o.memberId);
      g.pending += ORDER_FEN / 100 - o.refunds; // one point per ¥1, reversed pro rata
      g.orders++;
      g.spent += ORDER_FEN - o.refunds * REFUND_FEN;
    }
    const ids = [...groups.keys()];
    for (let i = 0; i < ids.length; i += 50) {
      const got = (
        await query(
          `query($ids: [ID!]!) { membersByIds(ids: $ids) { id points { balance pending history(first: 100) { nodes { sourceRef } } }
             orderStats { orderCount totalSpent { amount } } } }`,
          { ids: ids.slice(i, i + 50) },
        )
      ).membersByIds as Array<{
        id: string;
        points: { balance: number; pending: number; history: { nodes: Array<{ sourceRef: string }> } };
        orderStats: { orderCount: number; totalSpent: { amount: number } };
      } | null>;
      got.forEach((m, j) => {
        const id = ids[i + j];
        const want = groups.get(id)!;
        if (!m) return void problems.push(`member ${id} is missing`);
        const have = {
          balance: m.points.balance,
          pending: m.points.pending,
          orders: m.orderStats.orderCount,
          spent: m.orderStats.totalSpent.amount,
        };
        if (JSON.stringify(have) !== JSON.stringify(want))
          problems.push(`member ${id}: expected ${JSON.stringify(want)}, found ${JSON.stringify(have)}`);
        const own = [...this.earns, ...this.redeems].filter((x) => x.memberId === id).map((x) => x.key);
        if ([...this.merges.values()].includes(id)) return; // a survivor's history also holds merge entries
        for (const key of own) {
          const n = m.points.history.nodes.filter((e) => e.sourceRef === key).length;
          if (n !== 1) problems.push(`member ${id}: ${n} ledger entries for ${key}`);
        }
      });
    }
    for (const [merged, survivor] of this.merges) {
      const m = (await query('query($id: ID!) { member(id: $id) { id } }', { id: merged })).member as {
        id: string;
      } | null;
      if (m?.id !== this.rootOf(survivor))
        problems.push(`merge ${merged} → ${survivor}: resolves to ${m?.id}`);
    }
    return problems;
  }
}
