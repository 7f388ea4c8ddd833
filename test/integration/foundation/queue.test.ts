import { expect } from 'chai';
import { QueueEvents, Worker } from 'bullmq';
import {
  createImportQueue,
  createProducerConnection,
  createWorkerConnection,
  enqueueImportJob,
  IMPORTS_QUEUE,
  type ImportJobData,
  type ImportJobProgress,
} from '@muster/shared';
import { testConfig } from '../../helpers/test-env.js';

describe('BullMQ on the local Redis', () => {
  const config = testConfig();
  const producer = createProducerConnection(config.redis.url);
  const consumer = createWorkerConnection(config.redis.url);
  const queue = createImportQueue(producer, config.redis.queuePrefix);
  after(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  });

  it('carries a job from producer to worker with progress, and ignores a second enqueue of the same run', async () => {
    const seen: ImportJobProgress[] = [];
    const events = new QueueEvents(IMPORTS_QUEUE, { connection: createWorkerConnection(config.redis.url), prefix: config.redis.queuePrefix });
    await events.waitUntilReady();
    events.on('progress', ({ data }) => seen.push(data as ImportJobProgress));
    const processed: string[] = [];
    const worker = new Worker<ImportJobData>(
      IMPORTS_QUEUE,
      async (job) => {
        processed.push(job.data.importId);
        await job.updateProgress({ phase: 'validating', processedRows: 5, totalRows: 10, percent: 50 });
      },
      { connection: consumer, prefix: config.redis.queuePrefix },
    );
    await enqueueImportJob(queue, 'imp1', 'validate', 1);
    await enqueueImportJob(queue, 'imp1', 'validate', 1);
    const job = await queue.getJob('imp1-validate-1');
    await job!.waitUntilFinished(events, 10_000);
    await new Promise((r) => setTimeout(r, 200));
    await worker.close();
    await events.close();
    expect(processed).to.deep.equal(['imp1']);
    expect(seen).to.deep.include({ phase: 'validating', processedRows: 5, totalRows: 10, percent: 50 });
    expect(await queue.getJobCounts('completed')).to.deep.equal({ completed: 1 });
  });
});
