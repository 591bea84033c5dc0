import { ImportGate } from './import-gate.js';

const busAt = (levels: number[]) => {
  let i = 0;
  return { backlog: async () => levels[Math.min(i++, levels.length - 1)], asked: () => i };
};

describe('the import gate (backpressure for bulk writes)', () => {
  it('admits a batch at once while the consumers are within the bound', async () => {
    const bus = busAt([10]);
    const gate = new ImportGate(bus, { maxBacklog: 100 });
    await gate.admit();
    expect(bus.asked()).toBe(1);
    expect(gate.stats).toMatchObject({ admitted: 1, refused: 0 });
  });

  it('waits while the backlog is above the bound, and admits once it came down', async () => {
    const bus = busAt([500, 300, 150, 90]);
    const gate = new ImportGate(bus, { maxBacklog: 100, pollMs: 1 });
    await gate.admit();
    expect(bus.asked()).toBe(4);
    expect(gate.stats.admitted).toBe(1);
  });

  it('refuses with RATE_LIMITED (and the backlog) when it does not come down in time', async () => {
    const gate = new ImportGate(busAt([900]), { maxBacklog: 100, maxWaitMs: 30, pollMs: 1 });
    await expect(gate.admit()).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      details: { backlog: 900, retryAfterMs: 1000 },
    });
    expect(gate.stats).toMatchObject({ admitted: 0, refused: 1 });
  });

  it("admits a self-paced platform service's batch at once (its own gate admitted it), and paces the importer", async () => {
    const bus = busAt([900]);
    const gate = new ImportGate(bus, { maxBacklog: 100, maxWaitMs: 30, pollMs: 1 });
    await gate.admit({ sub: 'service:orders' });
    expect(bus.asked()).toBe(0);
    await expect(gate.admit({ sub: 'service:import' })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(gate.stats).toMatchObject({ admitted: 1, refused: 1 });
  });
});
