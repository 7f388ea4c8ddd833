import { expect } from 'chai';
import { durationBucket } from '@muster/shared';
import { durationHistogram } from '../../../api/src/operations/metrics.routes.js';
import { indexName } from '../../../shared/src/db/ferretdb-indexes.js';
import { mapAtOnce } from '@muster/shared';

describe('running totals behind /metrics', () => {
  it('puts a duration in the smallest bucket it does not exceed', () => {
    expect(durationBucket(0.2)).to.equal('1');
    expect(durationBucket(1)).to.equal('1');
    expect(durationBucket(1.01)).to.equal('5');
    expect(durationBucket(99_999)).to.equal('+Inf');
  });

  it('writes the histogram with cumulative buckets, sum and count', () => {
    const text = durationHistogram({ durationBuckets: { '1': 2, '60': 1, '+Inf': 1 }, durationSum: 20_050, durationCount: 4 });
    expect(text).to.include('muster_import_duration_seconds_bucket{le="1"} 2\n');
    expect(text).to.include('muster_import_duration_seconds_bucket{le="15"} 2\n');
    expect(text).to.include('muster_import_duration_seconds_bucket{le="60"} 3\n');
    expect(text).to.include('muster_import_duration_seconds_bucket{le="14400"} 3\n');
    expect(text).to.include('muster_import_duration_seconds_bucket{le="+Inf"} 4\n');
    expect(text).to.include('muster_import_duration_seconds_sum 20050\n');
    expect(text).to.include('muster_import_duration_seconds_count 4\n');
  });

  it('writes an empty histogram before any import has ended', () => {
    expect(durationHistogram({})).to.include('muster_import_duration_seconds_count 0\n');
  });
});

describe('mirrored FerretDB index names', () => {
  it('keep short names readable and long ones within 63 bytes, distinct per field', () => {
    expect(indexName('users_5e7cc513', 'accountId')).to.equal('users_5e7cc513_gin_accountId');
    const a = indexName('a_very_long_collection_table_name_0123456789', 'createdByImportIdAndSomeMore');
    const b = indexName('a_very_long_collection_table_name_0123456789', 'createdByImportIdAndSomeLess');
    expect(Buffer.byteLength(a)).to.be.at.most(63);
    expect(a).to.not.equal(b);
  });
});

describe('mapAtOnce', () => {
  it('keeps the order of results and never runs more than asked at once', async () => {
    let running = 0;
    let most = 0;
    const results = await mapAtOnce([5, 1, 4, 2, 3], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      running--;
      return n * 10;
    });
    expect(results).to.deep.equal([50, 10, 40, 20, 30]);
    expect(most).to.equal(2);
  });
});
