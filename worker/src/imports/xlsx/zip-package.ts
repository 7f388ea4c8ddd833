import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/** An opened zip package (an .xlsx is one): its entries by name, each readable as a stream. */
export interface ZipPackage {
  has(name: string): boolean;
  names(): string[];
  /** The entry's uncompressed bytes as a stream; yauzl checks sizes and CRCs as it inflates. */
  open(name: string): Promise<Readable>;
  /** Uncompressed size of an entry, as the zip records it (for progress). */
  size(name: string): number;
  close(): void;
}

/** Opens a zip file on disk. Only the central directory is read now; entries are read on demand. */
export async function openZip(path: string): Promise<ZipPackage> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false });
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of zip.eachEntry()) entries.set(entry.fileName.replace(/^\//, ''), entry);
  // Part names are case-insensitive in an OPC package (ECMA-376 part 2); writers differ in case.
  const byLowerName = new Map([...entries].map(([name, entry]) => [name.toLowerCase(), entry]));
  const entryOf = (name: string) => entries.get(name) ?? byLowerName.get(name.toLowerCase());
  return {
    has: (name) => entryOf(name) !== undefined,
    names: () => [...entries.keys()],
    async open(name) {
      const entry = entryOf(name);
      if (!entry) throw new Error(`no ${name} in the package`);
      return zip.openReadStreamPromise(entry);
    },
    size: (name) => entryOf(name)?.uncompressedSize ?? 0,
    close: () => zip.close(),
  };
}

/** A small entry (workbook, relationships, styles) read whole as text. */
export async function readText(zip: ZipPackage, name: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await zip.open(name)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
