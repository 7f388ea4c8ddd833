import { expect } from 'chai';
import { createAccount } from '../../helpers/fixture-account.js';
import { HEADER, csv } from '../../helpers/import-client.js';
import { useImportStack } from './setup.js';

type View = { status: string; progress: { processedRows: number; percent: number } };
const ROWS = 100_000;
const file = csv([HEADER, ...Array.from({ length: ROWS }, (_, i) => [`P${i}`, 'Test', `p${i}@example.com`, '', 'User', '', 'False', 'False', 'False'])]);

describe('imports: the check step percent is of the rows counted', function () {
  this.timeout(180_000);
  const stack = useImportStack({ IMPORT_BATCH_SIZE: '500' });

  it('stays close to rows counted out of the rows the file has, at every reading, until it ends at 100', async () => {
    const { owner } = await createAccount(stack.api);
    const imp = await owner.uploadOk(file, { autoStart: 'false' });
    const seen: { rows: number; percent: number }[] = [];
    const statuses = new Set<string>();
    for (const until = Date.now() + 150_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
      const view = await owner.json<View>('GET', `/api/v1/imports/${imp.id}`);
      if (view.status === 'validating' && view.progress.processedRows > 0) seen.push({ rows: view.progress.processedRows, percent: view.progress.percent });
      statuses.add(view.status);
      if (view.status === 'validated') {
        expect(view.progress.percent).to.equal(100);
        break;
      }
    }
    expect(seen.length, `progress seen while checking (${[...statuses].join()})`).to.be.greaterThan(2);
    // The page shows both numbers side by side: they must tell the same story.
    const worst = Math.max(...seen.map((s) => Math.abs(s.percent - (s.rows / ROWS) * 100)));
    console.log(`      ${seen.length} readings; worst gap between percent and rows counted: ${worst.toFixed(1)} points`);
    expect(worst).to.be.at.most(5);
    expect(seen.every((s) => s.percent <= 99)).to.equal(true);
  });
});
