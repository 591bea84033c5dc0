import type { Row } from '../rows.js';

export interface ScenarioOptions {
  seconds: number;
  connections: number;
  here: (p: string) => URL;
  /** orders for the store-metrics scenario */
  orders: number;
  /** customers the orders scenario's history is spread over (default: one per ten orders, at least 1,000) */
  buyers?: number;
  /** surveys sent at setup for the survey scenario (one member and one order each) */
  surveys: number;
  /** answers per second offered in the survey scenario's open-loop runs */
  rates: number[];
  /** adds a line to the `--scenario all` table */
  record: (row: Row) => void;
}
