import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { MAINTENANCE_QUEUE, MaintenanceJobName, movableFrom, removeImportFiles, type ImportDoc, type Logger, type Models, type Storage } from '@muster/shared';
import { discardUnstartedChecks } from './discard-checked.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Deletes the stored CSV and error log of imports older than the retention period. The import
 * record stays, with `filesRemovedAt` saying when its files went.
 */
export async function purgeExpiredFiles(models: Models, storage: Storage, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  // One equality query per status (indexed on FerretDB too; `$in` would read every import).
  const expired = (
    await Promise.all(
      movableFrom('purgeFiles').map((status) => models.Import.find({ status, createdAt: { $lt: cutoff }, filesRemovedAt: null }, { accountId: 1, fileKey: 1, errorLog: 1, correction: 1 }).lean()),
    )
  ).flat() as unknown as Pick<ImportDoc, '_id' | 'accountId' | 'fileKey' | 'errorLog' | 'correction'>[];
  for (const imp of expired) {
    await removeImportFiles(storage, imp);
    await models.Import.updateOne({ _id: imp._id }, { $set: { filesRemovedAt: now, 'errorLog.key': null } });
  }
  return expired.length;
}

/** Schedules the purge (and the discard of unstarted checks) hourly (one schedule, whichever worker registers it) and runs it. */
export async function startMaintenance(
  connection: ConnectionOptions,
  prefix: string,
  models: Models,
  storage: Storage,
  retentionDays: number,
  logger: Logger,
  discardCheckedAfterDays = 7,
) {
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix });
  await queue.upsertJobScheduler(MaintenanceJobName.PurgeFiles, { every: 3600_000 }, { name: MaintenanceJobName.PurgeFiles, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  const worker = new Worker(
    MAINTENANCE_QUEUE,
    async () => {
      const discarded = await discardUnstartedChecks(models, storage, discardCheckedAfterDays);
      if (discarded) logger.info({ discarded, discardCheckedAfterDays }, 'discarded checked imports nobody started');
      const purged = await purgeExpiredFiles(models, storage, retentionDays);
      if (purged) logger.info({ purged, retentionDays }, 'removed stored files past retention');
    },
    { connection, prefix, concurrency: 1 },
  );
  worker.on('error', (error) => logger.warn({ err: error.message }, 'maintenance worker error'));
  return {
    queue,
    async close() {
      await worker.close();
      await queue.close();
    },
  };
}
