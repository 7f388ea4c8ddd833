// The machine a benchmark ran on, for the report.
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, release } from 'node:os';
import { loadConfig } from '@muster/shared';

export function describeMachine(): string[] {
  const cpu = cpus();
  const os = (() => {
    try {
      return /PRETTY_NAME="([^"]+)"/.exec(execFileSync('cat', ['/etc/os-release'], { encoding: 'utf8' }))?.[1] ?? 'Linux';
    } catch {
      return 'Linux';
    }
  })();
  return [
    `CPU: ${cpu.length} x ${cpu[0]?.model.trim() ?? 'unknown'}`,
    `Memory: ${(totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    `OS: ${os} (kernel ${release()})`,
    `Node.js ${process.versions.node}; FerretDB v1.24.2 (${ferretDbBackend()}), Versity S3 Gateway v1.7.0 (POSIX), Redis ${redisVersion()}`,
  ];
}

/** The local services run FerretDB on PostgreSQL (FERRETDB_POSTGRESQL_URL); say which server. */
function ferretDbBackend(): string {
  const postgresUrl = loadConfig(process.env).mongo.ferretdbPostgresUrl;
  if (!postgresUrl) return 'backend not known: FERRETDB_POSTGRESQL_URL is none';
  try {
    const version = execFileSync('psql', [postgresUrl, '-Atc', 'SHOW server_version'], { encoding: 'utf8' }).trim().split(' ')[0];
    return `PostgreSQL ${version} backend`;
  } catch {
    return 'PostgreSQL backend';
  }
}

function redisVersion(): string {
  try {
    return /v=(\S+)/.exec(execFileSync('redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
