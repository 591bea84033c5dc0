import { CommandCounter, type Platform } from '@zhongtai/embedded';

/**
 * What a bench server process answers over IPC (`ask` in processes.ts, `{ id, … }`): `commands-reset` starts a
 * count of database commands, `commands` waits until every event published so far is handled (and
 * the outbox's batched clears written) and answers the count since.
 */
export function answerAsks(platform: Platform): void {
  const counter = new CommandCounter();
  process.on('message', (m: { ask?: string; id?: number }) => {
    if (!m?.ask) return;
    const reply = (answer: object) => process.send!({ id: m.id, ...answer });
    if (m.ask === 'commands-reset') {
      void platform.drain(600_000).then(() => {
        counter.reset();
        reply({});
      });
    } else if (m.ask === 'commands') {
      void platform
        .drain(600_000)
        .then(() => new Promise((r) => setTimeout(r, 150)))
        .then(() => reply({ total: counter.total, sweeps: counter.sweeps, breakdown: counter.breakdown() }));
    }
  });
}
