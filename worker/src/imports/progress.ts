import type { ImportJobProgress } from '@muster/shared';

export interface ProgressReporter {
  /** Records where the pass is; cheap, called per batch. */
  set(progress: ImportJobProgress): void;
  /** Stops the timer and waits for a write in flight (the pass's final figures are written with its outcome). */
  stop(): Promise<void>;
}

/**
 * Publishes progress on a timer, not per row: at least once a second while work happens and at
 * most every `intervalMs`, whatever the batch size or speed. Each write is one round trip.
 */
export function createProgressReporter(publish: (p: ImportJobProgress) => Promise<void>, intervalMs = 500): ProgressReporter {
  let latest: ImportJobProgress | undefined;
  let published: ImportJobProgress | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  const write = () => {
    if (!latest || latest === published) return inFlight;
    const next = latest;
    inFlight = inFlight.then(() => publish(next)).then(
      () => void (published = next),
      () => undefined, // a missed progress write is not worth failing the import for
    );
    return inFlight;
  };
  const timer = setInterval(() => void write(), intervalMs);
  timer.unref();
  return {
    set: (progress) => void (latest = progress),
    async stop() {
      clearInterval(timer);
      await inFlight;
    },
  };
}
