/**
 * One batch finished (looked up, written, counted) while the next is read and checked, so the
 * database's work and ours overlap instead of taking turns. Batches still finish strictly in
 * order: a batch starts only once the one before it has finished, and its error surfaces there.
 */
export class BatchOverlap<T> {
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly finish: (batch: T) => Promise<void>) {}

  /** Waits for the batch in flight (throwing its error), then puts `batch` in flight. */
  async start(batch: T): Promise<void> {
    await this.inFlight;
    this.inFlight = this.finish(batch);
    this.inFlight.catch(() => undefined); // awaited at the next boundary; do not report it twice
  }

  /** Waits for the batch in flight, throwing its error. */
  drain(): Promise<void> {
    return this.inFlight;
  }

  /** Waits for the batch in flight, whatever its outcome (so nothing is written after a pass ends). */
  settle(): Promise<void> {
    return this.inFlight.catch(() => undefined);
  }
}
