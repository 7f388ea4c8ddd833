// A FerretDB of the bench's own on its SQLite backend (the local default before issue 11), for
// `--compare-sqlite`: the crowded scenario's figures on both backends, side by side, once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FERRETDB_BIN, ServiceProcess, freePort } from '../../test/helpers/spawn-service.js';

export interface SqliteFerretDb {
  /** mongodb://127.0.0.1:<port>/ ; the bench names its databases under it. */
  url: string;
  stop(): Promise<void>;
}

export async function startSqliteFerretDb(): Promise<SqliteFerretDb> {
  const [port, debugPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'muster-bench-sqlite-'));
  const service = new ServiceProcess(
    FERRETDB_BIN,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--debug-addr=127.0.0.1:${debugPort}`,
      // Its state file goes with its data, not into the current folder.
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--log-level=ERROR',
    ],
    port,
  );
  await service.start();
  return {
    url: `mongodb://127.0.0.1:${port}/`,
    async stop() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
