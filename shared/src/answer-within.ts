/**
 * Settles like `work`, or rejects with `message` once `ms` have passed. AbortSignal.timeout's timer
 * does not keep the process alive and needs no clearing, so a check that answers in time leaves
 * nothing behind (the hand-made Promise.race versions had to remember clearTimeout; one did not).
 */
export function answerWithin<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  const deadline = AbortSignal.timeout(ms);
  return new Promise<T>((resolve, reject) => {
    deadline.addEventListener('abort', () => reject(new Error(message)), { once: true });
    work.then(resolve, reject);
  });
}
