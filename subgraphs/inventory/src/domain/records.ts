/**
 * The records the inventory subgraph keeps, as the rest of the code reads them (store/ maps them to
 * collections; services and resolvers never see a model).
 */

export interface SkuDoc {
  /** `${tenant}|${code}` */
  _id: string;
  tenant: string;
  code: string;
  name: string;
  category: string;
}

/** Last known stock of a SKU at one location (store or warehouse), as reported by the WMS. */
export interface StockDoc {
  /** `${tenant}|${code}|${locationId}` */
  _id: string;
  tenant: string;
  code: string;
  locationId: string;
  onHand: number;
  available: number;
  asOf: Date;
}

export const skuKey = (tenant: string, code: string) => `${tenant}|${code}`;
export const stockKey = (tenant: string, code: string, locationId: string) =>
  `${tenant}|${code}|${locationId}`;
