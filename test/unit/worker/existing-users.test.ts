import { expect } from 'chai';
import { Types } from 'mongoose';
import { ExistingUsers } from '../../../worker/src/imports/existing-users.js';

describe('ExistingUsers (the account\'s users, kept compactly)', () => {
  it('gives back each user\'s ids exactly, nulls included, past several buffer growths', () => {
    const users = new ExistingUsers();
    const originals = Array.from({ length: 5000 }, (_, i) => ({
      _id: new Types.ObjectId(),
      emailLower: `person.${i}@example.com`,
      createdByImportId: i % 3 === 0 ? null : new Types.ObjectId(),
      importId: i % 5 === 0 ? null : new Types.ObjectId(),
    }));
    originals.forEach((u) => users.add(u));
    expect(users.size).to.equal(5000);
    for (const i of [0, 1, 2, 3, 1023, 1024, 2047, 4999]) {
      const u = originals[i]!;
      const back = users.get(u.emailLower)!;
      expect(back.emailLower).to.equal(u.emailLower);
      expect(back._id.equals(u._id)).to.equal(true);
      expect(back.createdByImportId === null ? null : String(back.createdByImportId)).to.equal(u.createdByImportId && String(u.createdByImportId));
      expect(back.importId === null ? null : String(back.importId)).to.equal(u.importId && String(u.importId));
    }
    expect(users.get('nobody@example.com')).to.equal(undefined);
  });
});
