/**
 * The lifecycle every adapter (a strategy for one legacy system) implements. Options are
 * validated when the adapter is created, so a misconfigured adapter fails at start, not later.
 */
export type AdapterKind = 'member-source' | 'pos' | 'oms' | 'wms' | 'notification' | 'wechat';

export interface AdapterHealth {
  ok: boolean;
  detail?: string;
  latencyMs?: number;
}

export interface Adapter {
  /** fixed id of the implementation, e.g. `crm-legacy`, `pos-kingdee` */
  readonly identifier: string;
  readonly kind: AdapterKind;
  init(): Promise<void>;
  destroy(): Promise<void>;
  healthCheck(): Promise<AdapterHealth>;
}

/** A page of records read from a legacy system; `cursor` is opaque and resumable. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
