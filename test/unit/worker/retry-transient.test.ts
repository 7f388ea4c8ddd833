import { expect } from 'chai';
import { isTransientDbError as isTransient } from '@muster/shared';

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
