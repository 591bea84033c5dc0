export interface ScenarioOptions {
  seconds: number;
  connections: number;
  here: (p: string) => URL;
  /** orders for the store-metrics scenario */
  orders: number;
}
