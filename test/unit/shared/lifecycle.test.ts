import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import {
  canMove,
  ENDED_STATUSES,
  IMPORT_STATUSES,
  isEnded,
  isRunning,
  LIFECYCLE_ACTORS,
  movableFrom,
  OPEN_STATUSES,
  RUNNING_STATUSES,
  TRANSITIONS,
  type ImportStatus,
  type TransitionName,
} from '../../../shared/src/imports/lifecycle.js';

const names = Object.keys(TRANSITIONS) as TransitionName[];
const moves = names.map((name) => ({ name, ...TRANSITIONS[name] }));

/** Statuses reachable from `start` through transitions that change the status. */
function reachableFrom(start: readonly ImportStatus[]): Set<ImportStatus> {
  const seen = new Set<ImportStatus>(start);
  for (let grew = true; grew; ) {
    grew = false;
    for (const move of moves) {
      if (!move.from.some((s) => seen.has(s))) continue;
      for (const to of move.to) if (!seen.has(to)) grew = seen.add(to).size > 0;
    }
  }
  return seen;
}

describe('import lifecycle', () => {
  it('names only known statuses and actors, each once per transition', () => {
    for (const move of moves) {
      expect(move.actors, move.name).to.not.be.empty;
      for (const actor of move.actors) expect(LIFECYCLE_ACTORS, move.name).to.include(actor);
      for (const status of [...move.from, ...move.to]) expect(IMPORT_STATUSES, move.name).to.include(status);
      expect(new Set(move.from).size, `${move.name} repeats a from status`).to.equal(move.from.length);
      expect(new Set(move.to).size, `${move.name} repeats a to status`).to.equal(move.to.length);
    }
  });

  it('lets each actor make exactly these moves (a new transition is a deliberate change here)', () => {
    const table = Object.fromEntries(moves.map((m) => [m.name, `${[...m.actors].join('+')}: ${m.from.join(',') || '-'} -> ${m.to.join(',') || '(stays)'}`]));
    expect(table).to.deep.equal({
      upload: 'owner+support: - -> queued',
      start: 'owner+support: validated -> importing',
      cancel: 'owner+support: queued,validated -> cancelled',
      requestCancel: 'owner+support: validating,importing -> (stays)',
      retry: 'owner+support: failed,completed_with_errors -> queued',
      undo: 'owner+support: completed,completed_with_errors,cancelled,failed -> undone',
      claimValidation: 'worker: queued,validating -> validating',
      claimImport: 'worker: importing -> importing',
      finishValidation: 'worker: validating -> validated,importing,failed,cancelled',
      finishImport: 'worker: importing -> completed,completed_with_errors,failed,cancelled',
      stopOnCancel: 'worker: queued,validating,importing -> cancelled',
      fail: 'worker+recovery: queued,validating,importing -> failed',
      requeue: 'recovery: queued,validating,importing -> (stays)',
      purgeFiles: 'retention: completed,completed_with_errors,failed,cancelled,undone,validated -> (stays)',
    });
  });

  it('answers canMove as the table says for every transition and status', () => {
    for (const name of names) {
      for (const status of IMPORT_STATUSES) {
        expect(canMove(name, status), `${name} from ${status}`).to.equal((movableFrom(name) as readonly string[]).includes(status));
      }
      expect(canMove(name, 'no-such-status')).to.equal(false);
    }
  });

  it('reaches every status from an upload, and an ended status from every status', () => {
    expect([...reachableFrom(TRANSITIONS.upload.to)].sort()).to.deep.equal([...IMPORT_STATUSES].sort());
    for (const status of IMPORT_STATUSES) {
      const ends = [...reachableFrom([status])].filter(isEnded);
      expect(ends, `${status} can never end`).to.not.be.empty;
    }
  });

  it('leaves an ended import only through the API (retry or undo), never by itself', () => {
    for (const move of moves) {
      const leavesEnded = move.to.length > 0 && move.from.some((s) => isEnded(s) && !(move.to as readonly string[]).includes(s));
      if (leavesEnded) expect(move.actors, move.name).to.deep.equal(['owner', 'support']);
    }
    expect(canMove('undo', 'undone')).to.equal(false);
    expect(canMove('retry', 'completed')).to.equal(false);
  });

  it('splits the statuses into running, waiting for the owner, and ended', () => {
    const validated: ImportStatus[] = IMPORT_STATUSES.filter((s) => !isRunning(s) && !isEnded(s));
    expect(validated).to.deep.equal(['validated']);
    expect(RUNNING_STATUSES.filter(isEnded)).to.be.empty;
    expect([...OPEN_STATUSES].sort()).to.deep.equal(IMPORT_STATUSES.filter((s) => !isEnded(s)).sort());
    expect(ENDED_STATUSES.every((s) => !isRunning(s))).to.equal(true);
  });

  it('imports nothing, so the page can bundle it', () => {
    const source = readFileSync(new URL('../../../shared/src/imports/lifecycle.ts', import.meta.url), 'utf8');
    expect(source).to.not.match(/^\s*import\s/m);
    expect(source).to.not.match(/require\(/);
  });
});
