import { pino, type Logger } from 'pino';

export type { Logger };

/** The structured logger both processes use; jobs take a child carrying importId and accountId. */
export function createLogger(name: string, level = 'info'): Logger {
  return pino({ name, level, base: { service: name } });
}
