/** A seeded Lehmer generator (the kit's simulators use the same): deterministic test data and quirks. */
export function seeded(seed: number): {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
} {
  let s = Math.max(1, Math.floor(seed)) % 2147483647;
  const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}
