/** The console's refresh timers, stopped whenever the page changes. */
const timers = new Set<number>();
let generation = 0;

/** Calls `tick` every `ms` after the previous call has finished, until it returns false or the page changes. */
export function every(ms: number, tick: () => Promise<boolean | void>): void {
  const mine = generation;
  const run = () => {
    const id = window.setTimeout(async () => {
      timers.delete(id);
      if (mine !== generation) return;
      // A tick still in flight when the page changed must not schedule another.
      if ((await tick()) !== false && mine === generation) run();
    }, ms);
    timers.add(id);
  };
  run();
}

export function stopSupportTimers(): void {
  generation++;
  for (const id of timers) clearTimeout(id);
  timers.clear();
}
