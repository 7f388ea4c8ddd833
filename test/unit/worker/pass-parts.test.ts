import { expect } from 'chai';
import { Types } from 'mongoose';
import { BatchOverlap } from '../../../worker/src/imports/batch-overlap.js';
import { PassTally } from '../../../worker/src/imports/pass-tally.js';
import type { RowAction } from '../../../worker/src/imports/resolve-batch.js';
import type { RowResult } from '@muster/shared';

const result = (warnings: string[] = []): RowResult => ({ problems: [], warnings }) as unknown as RowResult;
const problem = { column: 'Email', message: 'is not an email address', summary: 'is not an email address' };
const actions: RowAction[] = [
  { kind: 'error', problems: [problem] },
  { kind: 'create', fields: {} as never },
  { kind: 'created-before' },
  { kind: 'update', fields: {} as never, userId: new Types.ObjectId(), alreadyDone: false },
  { kind: 'skip' },
];

describe('the parts of a pass', () => {
  describe('PassTally', () => {
    it('counts every kind of row when the pass writes, and says which rows go to the error log', () => {
      const tally = new PassTally(true);
      const logged = actions.map((action, i) => tally.add(i + 2, result(i === 1 ? ['Phone: looks short'] : []), action));
      expect(logged).to.deep.equal([true, false, false, false, false]);
      expect(tally.counts).to.deep.equal({ rows: 5, valid: 4, invalid: 1, created: 2, updated: 1, skipped: 1, failed: 0 });
      expect(tally.summary.top()).to.have.length(1);
      expect(tally.warnings.lines().join(' ')).to.contain('Phone: looks short');
    });

    it('counts only valid and invalid rows when the pass only checks', () => {
      const tally = new PassTally(false);
      for (const action of actions) tally.add(2, result(), action);
      expect(tally.counts).to.deep.equal({ rows: 5, valid: 4, invalid: 1, created: 0, updated: 0, skipped: 0, failed: 0 });
    });
  });

  describe('BatchOverlap', () => {
    it('finishes batches in order, one at a time, while the caller goes on', async () => {
      const events: string[] = [];
      let release!: () => void;
      const overlap = new BatchOverlap<number>(async (n) => {
        events.push(`start ${n}`);
        if (n === 1) await new Promise<void>((resolve) => (release = resolve));
        events.push(`end ${n}`);
      });
      await overlap.start(1);
      events.push('caller reads the next batch');
      const second = overlap.start(2);
      await new Promise(setImmediate);
      expect(events).to.deep.equal(['start 1', 'caller reads the next batch']);
      release();
      await second;
      await overlap.drain();
      expect(events).to.deep.equal(['start 1', 'caller reads the next batch', 'end 1', 'start 2', 'end 2']);
    });

    it('throws a batch error at the next boundary, and settle waits without throwing', async () => {
      const overlap = new BatchOverlap<number>(async (n) => {
        if (n === 1) throw new Error('database went away');
      });
      await overlap.start(1);
      await overlap.settle();
      let caught: unknown;
      await overlap.start(2).catch((error: unknown) => (caught = error));
      expect((caught as Error).message).to.equal('database went away');
      let drained: unknown;
      await overlap.drain().catch((error: unknown) => (drained = error));
      expect((drained as Error).message).to.equal('database went away');
    });
  });
});
