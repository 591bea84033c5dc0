import { DomainError, ErrorCode } from '@zhongtai/contracts';
import type { ImportGate, RequestContext, ScopeSource } from '@zhongtai/subgraph-kit';
import { checkOpening } from '../domain/inputs.js';
import { adjust } from '../domain/ledger.js';
import { type EntryDoc, key } from '../domain/records.js';
import { type LedgerService, requestHash } from './ledger-service.js';

/** One member's drift against a legacy source: what it says now versus what was imported. */
export interface Drift {
  memberId: string;
  legacyRef: string;
  imported: number;
  importedAsOf: Date;
  legacyNow: number | null;
  drift: number | null;
  balance: number;
}

/** At most this many balances in one `importMany`. */
export const MAX_OPENINGS_BATCH = 500;

export type ImportedOpening =
  { memberId: string; entryId: string | null } | { memberId: string; code: string; message: string };

/** Legacy balances (R-PT-7 in docs/DOMAIN.md): imported once with their provenance, and checked for drift. */
export class Openings {
  /** `members`: the member center's answer to "does this member exist?" (the authorizer's own source) */
  constructor(
    private readonly ledger: LedgerService,
    private readonly members?: Pick<ScopeSource, 'lookup'>,
    /** backpressure of the batch path on the event consumers (none: admitted at once) */
    private readonly gate?: Pick<ImportGate, 'admit'>,
  ) {}

  /**
   * Many balances at once (a legacy file): their members' existence asked in one lookup (a member
   * that does not exist is answered NOT_FOUND, as `importOpeningBalance`'s policy does: no balance is
   * ever kept for nobody), then each imported as `import` does it: one member's rows one after another
   * in the order given, the members side by side. A refused balance is answered with its error; the rest go on.
   */
  async importMany(
    ctx: RequestContext,
    inputs: Array<{ memberId: string; points: number; source: string; legacyRef: string; asOf: Date }>,
  ): Promise<ImportedOpening[]> {
    await this.gate?.admit();
    const known = await this.existing(ctx.tenant, [...new Set(inputs.map((i) => i.memberId))]);
    const answers: ImportedOpening[] = new Array(inputs.length);
    // one member's rows in the order given (the first balance for a member and source wins, as one by
    // one), the members side by side
    const byMember = new Map<string, number[]>();
    inputs.forEach((input, at) => {
      const rows = byMember.get(input.memberId);
      if (rows) rows.push(at);
      else byMember.set(input.memberId, [at]);
    });
    await Promise.all(
      [...byMember.values()].map(async (rows) => {
        for (const at of rows) answers[at] = await this.importOne(ctx, inputs[at], known);
      }),
    );
    return answers;
  }

  private async importOne(
    ctx: RequestContext,
    input: { memberId: string; points: number; source: string; legacyRef: string; asOf: Date },
    known: Set<string>,
  ): Promise<ImportedOpening> {
    const memberId = input.memberId;
    if (!known.has(memberId))
      return { memberId, code: ErrorCode.NOT_FOUND, message: `no member ${memberId}` };
    try {
      return { memberId, entryId: (await this.import(ctx, input))?._id ?? null };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { memberId, code: error.code, message: error.message };
    }
  }

  /** The ids among these that the member center knows (asked afresh for those it did not, as the authorizer does). */
  private async existing(tenant: string, ids: string[]): Promise<Set<string>> {
    if (!this.members) throw new Error('importMany needs the member center (Openings without `members`)');
    const known = new Set((await this.members.lookup(tenant, ids, [], false)).members.map((m) => m.memberId));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length)
      for (const m of (await this.members.lookup(tenant, missing, [], true)).members) known.add(m.memberId);
    return known;
  }

  private get repo() {
    return this.ledger.repo;
  }

  /** A legacy balance imported once with its provenance; importing it again changes nothing. */
  async import(
    ctx: RequestContext,
    input: { memberId: string; points: number; source: string; legacyRef: string; asOf: Date },
  ): Promise<EntryDoc | null> {
    checkOpening(input.points, input.source);
    const hash = requestHash({ op: 'opening', ...input, asOf: input.asOf.toISOString() });
    const idem = { key: `opening:${input.source}:${input.memberId}`, hash };
    const holder = await this.ledger.holder(ctx.tenant, input.memberId);
    const { now, day, expiresAt } = await this.ledger.grantTime(ctx.tenant);
    // a zero legacy balance is recorded for the drift report but needs no entry
    const entry =
      input.points === 0
        ? null
        : await this.ledger.post(ctx.tenant, holder, idem, (account, lots) => ({
            plan: adjust(account, lots, {
              points: input.points,
              lotId: `opening:${ctx.tenant}:${input.source}:${input.memberId}`,
              source: `legacy:${input.source}`,
              sourceRef: input.legacyRef,
              expiresAt,
              now,
              day,
              explanation: `opening balance imported from ${input.source} (${input.legacyRef}) as of ${input.asOf.toISOString()}`,
            }),
          }));
    await this.repo.recordOpening({
      _id: key(ctx.tenant, input.source, input.memberId),
      tenant: ctx.tenant,
      source: input.source,
      memberId: input.memberId,
      legacyRef: input.legacyRef,
      points: input.points,
      asOf: input.asOf,
      entryId: entry?._id ?? null,
    });
    return entry;
  }

  /**
   * Drift against a legacy source: for every imported member, what the legacy system says now
   * versus what was imported, and the member's balance here.
   */
  async drift(
    tenant: string,
    source: string,
    legacy: Array<{ memberId: string; balance: number }>,
  ): Promise<Drift[]> {
    const openings = await this.repo.openings(tenant, source);
    const reported = new Map(legacy.map((l) => [l.memberId, l.balance]));
    const ids = openings.map((o) => o.memberId);
    const accounts = new Map((await this.repo.accounts(tenant, ids)).map((a) => [a.memberId, a]));
    return openings.map((o) => {
      const now = reported.get(o.memberId);
      return {
        memberId: o.memberId,
        legacyRef: o.legacyRef,
        imported: o.points,
        importedAsOf: o.asOf,
        legacyNow: now ?? null,
        drift: now === undefined ? null : now - o.points,
        balance: accounts.get(o.memberId)?.balance ?? 0,
      };
    });
  }
}
