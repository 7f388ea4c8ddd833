import { Schema, type Connection, type Model } from 'mongoose';
import type { ImportCounts } from './import.model.js';

/**
 * Running totals behind /metrics: one document, changed by `$inc` when an import ends or a worker
 * finishes an attempt. A scrape reads it by `_id` instead of reading every import on record
 * (which grows without end, and which FerretDB answers by decoding each one).
 */
export interface ImportTotalsDoc {
  _id: string;
  /** Imports that ended, by the status they ended in (a retried import can end more than once). */
  ended: Record<string, number>;
  /** Rows of ended imports, by outcome. */
  rows: Record<string, number>;
  /** Upload-to-end durations: count per bucket (not cumulative), sum and count. */
  durationBuckets: Record<string, number>;
  durationSum: number;
  durationCount: number;
  /** Seconds workers spent on import attempts. */
  busySeconds: number;
}

export const TOTALS_ID = 'imports';
/** Histogram bucket bounds (seconds) of import durations. */
export const DURATION_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600] as const;
const ROW_OUTCOMES = ['created', 'updated', 'skipped', 'failed'] as const;

const importTotalsSchema = new Schema<ImportTotalsDoc>(
  {
    _id: { type: String, required: true },
    ended: { type: Schema.Types.Mixed, default: {} },
    rows: { type: Schema.Types.Mixed, default: {} },
    durationBuckets: { type: Schema.Types.Mixed, default: {} },
    durationSum: { type: Number, default: 0 },
    durationCount: { type: Number, default: 0 },
    busySeconds: { type: Number, default: 0 },
  },
  { collection: 'import_totals', minimize: false },
);

export function importTotalsModel(connection: Connection): Model<ImportTotalsDoc> {
  return (connection.models.ImportTotals as Model<ImportTotalsDoc>) ?? connection.model<ImportTotalsDoc>('ImportTotals', importTotalsSchema);
}

/** The bucket a duration falls in: the smallest bound it does not exceed, or `+Inf`. */
export const durationBucket = (seconds: number) => String(DURATION_BUCKETS.find((bound) => seconds <= bound) ?? '+Inf');

/** Adds one ended import to the totals. Call it only from the write that ended the import. */
export async function recordImportEnded(
  totals: Model<ImportTotalsDoc>,
  ended: { status: string; counts?: Partial<ImportCounts> | null; createdAt?: Date | null; finishedAt?: Date | null },
): Promise<void> {
  const inc: Record<string, number> = { [`ended.${ended.status}`]: 1 };
  for (const outcome of ROW_OUTCOMES) if (ended.counts?.[outcome]) inc[`rows.${outcome}`] = ended.counts[outcome]!;
  if (ended.createdAt && ended.finishedAt) {
    const seconds = Math.max(0, (ended.finishedAt.getTime() - ended.createdAt.getTime()) / 1000);
    inc[`durationBuckets.${durationBucket(seconds)}`] = 1;
    inc.durationSum = seconds;
    inc.durationCount = 1;
  }
  await totals.collection.updateOne({ _id: TOTALS_ID as never }, { $inc: inc }, { upsert: true });
}

/** Adds a worker's time on one attempt. */
export async function recordWorkerBusy(totals: Model<ImportTotalsDoc>, seconds: number): Promise<void> {
  await totals.collection.updateOne({ _id: TOTALS_ID as never }, { $inc: { busySeconds: seconds } }, { upsert: true });
}
