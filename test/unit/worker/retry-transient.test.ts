import { expect } from 'chai';
import { isTransientDbError as isTransient, retryTransient, type Logger } from '@muster/shared';

const mongoError = (name: string, message: string, code?: number) => Object.assign(new Error(message), { name, code });

describe('isTransient (which database errors a pass waits out)', () => {
  it('waits out FerretDB reporting PostgreSQL down, restarting or refusing connections', () => {
    const down = '[msg_find.go:344 handler.handleMaxTimeMSError] failed to connect to `user=root database=muster`: dial error: connect: connection refused';
    expect(isTransient(mongoError('MongoServerError', down, 1))).to.equal(true);
    expect(isTransient(mongoError('MongoBulkWriteError', '[msg_insert.go:168] FATAL: terminating connection due to administrator command (SQLSTATE 57P01)', 1))).to.equal(true);
    expect(isTransient(mongoError('MongoServerError', 'FATAL: the database system is starting up (SQLSTATE 57P03)', 1))).to.equal(true);
  });

  it('waits out the driver losing the server, also when an insertMany wraps it', () => {
    expect(isTransient(mongoError('MongoBulkWriteError', 'connect ECONNREFUSED 127.0.0.1:39669'))).to.equal(true);
    expect(isTransient(mongoError('MongoNetworkError', 'connection closed'))).to.equal(true);
    expect(isTransient(mongoError('MongoServerSelectionError', 'Server selection timed out'))).to.equal(true);
  });

  it('does not retry errors that say the request was wrong', () => {
    expect(isTransient(mongoError('MongoServerError', 'E11000 duplicate key error', 11000))).to.equal(false);
    expect(isTransient(mongoError('MongoServerError', 'Invalid namespace specified', 73))).to.equal(false);
    expect(isTransient(new TypeError('x is undefined'))).to.equal(false);
  });
});

describe('retryTransient (a batch step waits out the database)', () => {
  const transient = () => mongoError('MongoNetworkError', 'connection closed');
  const recordingLogger = () => {
    const warnings: { retryInMs: number }[] = [];
    return { warnings, logger: { warn: (fields: { retryInMs: number }) => warnings.push(fields) } as unknown as Logger };
  };

  it('tries again after 0.5 s, then 1 s, logging each wait, and returns the answer', async () => {
    const { warnings, logger } = recordingLogger();
    let tries = 0;
    const started = Date.now();
    const answer = await retryTransient(async () => {
      if (++tries < 3) throw transient();
      return 'written';
    }, logger);
    expect(answer).to.equal('written');
    expect(tries).to.equal(3);
    expect(warnings.map((w) => w.retryInMs)).to.deep.equal([500, 1000]);
    expect(Date.now() - started).to.be.within(1400, 3000);
  });

  it('sends an error that says the request was wrong straight up, untouched and unlogged', async () => {
    const { warnings, logger } = recordingLogger();
    const duplicate = mongoError('MongoServerError', 'E11000 duplicate key error', 11000);
    let tries = 0;
    const failed = await retryTransient(async () => {
      tries++;
      throw duplicate;
    }, logger).catch((error: unknown) => error);
    expect(failed).to.equal(duplicate);
    expect(tries).to.equal(1);
    expect(warnings).to.deep.equal([]);
  });

  it('gives up with the database error once the budget is spent', async () => {
    const { logger } = recordingLogger();
    const down = transient();
    const started = Date.now();
    const failed = await retryTransient(async () => {
      throw down;
    }, logger, 700).catch((error: unknown) => error);
    expect(failed).to.equal(down);
    expect(Date.now() - started).to.be.within(500, 1500);
  });
});
