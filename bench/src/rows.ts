/** One line of the `--scenario all` table: what one operation did in one run. */
export interface Row {
  scenario: string;
  operation: string;
  /** throughput: requests (or orders, rows) per second */
  rate: number;
  unit: 'req/s' | 'orders/s' | 'rows/s';
  p50Ms?: number;
  p99Ms?: number;
  /** database commands per operation, the subgraphs' event handlers included where they apply */
  commands?: number;
}
