import { MemberScopeChanged, StoreChanged, isEvent, type EventEnvelope } from '@zhongtai/contracts';
import type { EventBus, Subscription } from '../bus/event-bus.js';
import type { Cache } from '../cache/cache.js';
import type { ServiceCall } from '../subgraph.js';
import type { ScopeSource } from './authorizer.js';
import type { MemberScope } from './decide.js';

const QUERY = `query($m: [ID!]!, $s: [ID!]!) { accessScopes(memberIds: $m, storeIds: $s) {
  members { memberId rootId storeIds regions } stores { id region } } }`;

type Answer = {
  accessScopes: {
    members: MemberScope[];
    stores: Array<{ id: string; region: string }>;
  };
};
type Cached<T> = { value: T | null; version: number };

/**
 * Member scopes and store regions for a subgraph that does not own them: asked of the member
 * center through the gateway (`accessScopes`, SYSTEM only), kept in the cache, and written through
 * by the member center's `member.scopeChanged` / `store.changed` events, so a narrowed scope (an
 * undone merge) is known here as soon as the event arrives. Entries expire after `ttlSeconds` in
 * any case.
 */
export class ServiceScopeSource implements ScopeSource {
  private readonly prefix: string;

  constructor(
    private readonly opts: { subgraph: string; cache: Cache; call?: ServiceCall; ttlSeconds?: number },
  ) {
    this.prefix = `authz:${opts.subgraph}:`;
  }

  async lookup(tenant: string, memberIds: readonly string[], storeIds: readonly string[], fresh: boolean) {
    const mKeys = memberIds.map((id) => this.key(tenant, 'm', id));
    const sKeys = storeIds.map((id) => this.key(tenant, 's', id));
    // a cache that does not answer (Redis down) is a miss: the member center is asked instead
    const cached = fresh
      ? []
      : await this.opts.cache
          .getMany<Cached<MemberScope | string>>([...mKeys, ...sKeys])
          .catch(() => [] as Array<Cached<MemberScope | string> | undefined>);
    const members: MemberScope[] = [];
    const stores: Array<{ storeId: string; region: string }> = [];
    const missM: string[] = [];
    const missS: string[] = [];
    memberIds.forEach((id, i) => {
      const hit = cached[i];
      if (!hit) missM.push(id);
      else if (hit.value) members.push(hit.value as MemberScope);
    });
    storeIds.forEach((id, i) => {
      const hit = cached[memberIds.length + i];
      if (!hit) missS.push(id);
      else if (hit.value) stores.push({ storeId: id, region: hit.value as string });
    });
    if ((missM.length || missS.length) && this.opts.call) {
      const { accessScopes: a } = await this.opts.call<Answer>(tenant, QUERY, { m: missM, s: missS });
      const foundM = new Map(a.members.map((m) => [m.memberId, m]));
      const foundS = new Map(a.stores.map((s) => [s.id, s.region]));
      for (const id of missM) {
        const m = foundM.get(id) ?? null;
        if (m) members.push(m);
        await this.remember(this.key(tenant, 'm', id), m, fresh);
      }
      for (const id of missS) {
        const region = foundS.get(id) ?? null;
        if (region) stores.push({ storeId: id, region });
        await this.remember(this.key(tenant, 's', id), region, fresh);
      }
    }
    return { members, stores };
  }

  /** Keeps the cache in step with the member center's events. */
  subscribe(bus: EventBus): Promise<Subscription> {
    return bus.subscribe({
      group: `${this.opts.subgraph}:authz`,
      events: [MemberScopeChanged.name, StoreChanged.name],
      handler: (e) => this.apply(e),
    });
  }

  async apply(e: EventEnvelope): Promise<void> {
    if (isEvent(e, MemberScopeChanged)) {
      const { version, ...scope } = e.payload;
      const key = this.key(e.tenant, 'm', scope.memberId);
      const current = await this.opts.cache.get<Cached<MemberScope>>(key);
      if (current && current.version > version) return;
      await this.opts.cache.set(key, { value: scope, version }, this.ttl);
    } else if (isEvent(e, StoreChanged)) {
      await this.opts.cache.set(
        this.key(e.tenant, 's', e.payload.storeId),
        { value: e.payload.region, version: Date.parse(e.occurredAt) },
        this.ttl,
      );
    }
  }

  private get ttl(): number {
    return this.opts.ttlSeconds ?? 600;
  }

  /** Read answers are stored only if absent (an event's newer value wins); fresh answers overwrite. */
  private async remember(key: string, value: MemberScope | string | null, fresh: boolean): Promise<void> {
    // an unknown member or store is remembered briefly: a deny asks again with `fresh` anyway
    const entry: Cached<MemberScope | string> = { value, version: 0 };
    const ttl = value ? this.ttl : 30;
    // not remembered while the cache does not answer: asked again next time
    await (fresh ? this.opts.cache.set(key, entry, ttl) : this.opts.cache.setIfAbsent(key, entry, ttl)).catch(
      () => undefined,
    );
  }

  private key(tenant: string, kind: 'm' | 's', id: string): string {
    return `${this.prefix}${tenant}:${kind}:${id}`;
  }
}
