import { expect } from 'chai';
import { matchesInMemory, parseImportFilters } from '../../../api/src/support/import-filters.js';
import { mergePage } from '../../../api/src/support/merge-page.js';
import { workerName } from '../../../api/src/support/queue-health.js';

// 24-hex ids that sort by their number, as ObjectIds sort by creation time.
const id = (n: number) => n.toString(16).padStart(24, '0');
const items = (...ns: number[]) => ns.map((n) => ({ id: id(n) }));

describe('support listing: merging newest-first streams into a page', () => {
  it('when every stream is exhausted, then it returns the newest items and no cursor', () => {
    const page = mergePage([{ matches: items(9, 4), exhausted: true, lastRead: id(1) }, { matches: items(7), exhausted: true, lastRead: id(7) }], 5);
    expect(page).to.deep.equal({ items: items(9, 7, 4), nextCursor: null });
  });

  it('when more matches than the limit are known, then the cursor is the last item given', () => {
    const page = mergePage([{ matches: items(9, 8), exhausted: false, lastRead: id(8) }, { matches: items(7, 6), exhausted: false, lastRead: id(6) }], 2);
    expect(page).to.deep.equal({ items: items(9, 8), nextCursor: id(8) });
  });

  it('when a stream stopped early, then nothing older than what it read is given and the cursor continues there', () => {
    // The first stream used its read budget down to id 6: ids below 6 might have matches it has not seen.
    const page = mergePage([{ matches: items(9), exhausted: false, lastRead: id(6) }, { matches: items(8, 3), exhausted: true, lastRead: id(3) }], 5);
    expect(page).to.deep.equal({ items: items(9, 8), nextCursor: id(6) });
  });

  it('when a full page ends exactly as every stream ends, then there is no next page', () => {
    expect(mergePage([{ matches: items(5, 4), exhausted: true, lastRead: id(4) }], 2)).to.deep.equal({ items: items(5, 4), nextCursor: null });
  });
});

describe('support listing: filters', () => {
  it('reads statuses, account, dates and file name, and refuses what it cannot read', () => {
    const filters = parseImportFilters({ status: 'failed,completed_with_errors,failed', accountId: id(1), from: '2026-11-01', to: '2026-11-02', file: ' Plus ' });
    expect(filters.statuses).to.deep.equal(['failed', 'completed_with_errors']);
    expect(String(filters.accountId)).to.equal(id(1));
    expect(filters.from!.toISOString()).to.equal('2026-11-01T00:00:00.000Z');
    expect(filters.file).to.equal('plus');
    expect(() => parseImportFilters({ status: 'broken' })).to.throw(/status must be one of/);
    expect(() => parseImportFilters({ from: 'yesterday' })).to.throw(/from must be a date/);
    expect(() => parseImportFilters({ accountId: 'acme' })).to.throw(/accountId/);
    expect(parseImportFilters({})).to.deep.equal({ statuses: [] });
  });

  it('matches the dates (from inclusive, to exclusive) and part of the file name in any case', () => {
    const filters = parseImportFilters({ from: '2026-11-01', to: '2026-11-02', file: 'plus' });
    const at = (iso: string, fileName = 'Plus-fixed.CSV') => matchesInMemory({ createdAt: new Date(iso), fileName }, filters);
    expect(at('2026-11-01T00:00:00Z')).to.equal(true);
    expect(at('2026-11-01T23:59:59Z')).to.equal(true);
    expect(at('2026-11-02T00:00:00Z')).to.equal(false);
    expect(at('2026-10-31T23:59:59Z')).to.equal(false);
    expect(at('2026-11-01T12:00:00Z', 'people.csv')).to.equal(false);
  });
});

describe('support health: worker names', () => {
  it('takes the name BullMQ gave the worker connection', () => {
    expect(workerName('muster:aW1wb3J0cw==:w:host-1:4242')).to.equal('host-1:4242');
    expect(workerName('muster:aW1wb3J0cw==')).to.equal('unnamed worker');
  });
});
