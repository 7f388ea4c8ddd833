import { posix } from 'node:path';
import { FileError } from '../file-error.js';
import { builtInFormat, type WorkbookFormatting } from './cell-text.js';
import { parseXmlText } from './xml-events.js';
import { readText, type ZipPackage } from './zip-package.js';

/** Where the parts of a workbook are, and what applies to every cell. */
export interface WorkbookParts extends WorkbookFormatting {
  /** The first worksheet (the first tab that is a worksheet, not a chart). */
  sheet: string;
  sharedStrings: string | undefined;
  /** Number format code of each cell style (index = a cell's `s` attribute). */
  styleFormats: string[];
}

export const SAVE_AS = 'Save it as "Excel Workbook (.xlsx)" or as "CSV UTF-8 (Comma delimited)" and upload that file.';

interface Relationship {
  type: string;
  target: string;
}

/** A part's relationships (`_rels/x.xml.rels`), by id, with targets resolved to part names. */
async function relationships(zip: ZipPackage, part: string): Promise<Map<string, Relationship>> {
  const dir = posix.dirname(part);
  const relsName = posix.join(dir === '.' ? '' : dir, '_rels', `${posix.basename(part)}.rels`);
  const rels = new Map<string, Relationship>();
  if (!zip.has(relsName)) return rels;
  parseXmlText(await readText(zip, relsName), {
    open(name, a) {
      if (name !== 'Relationship' || !a.Id || !a.Target || a.TargetMode === 'External') return;
      const target = a.Target.startsWith('/') ? a.Target.slice(1) : posix.normalize(posix.join(dir === '.' ? '' : dir, a.Target));
      rels.set(a.Id, { type: a.Type ?? '', target });
    },
  });
  return rels;
}

const relOfType = (rels: Map<string, Relationship>, suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;

function refuseMacros(zip: ZipPackage, contentTypes: string) {
  if (zip.names().some((n) => /vbaProject\.bin$/i.test(n)) || /macroEnabled/i.test(contentTypes)) {
    throw new FileError('INVALID_FILE', `This workbook contains macros (.xlsm), which we do not open. ${SAVE_AS}`);
  }
}

async function readStyles(zip: ZipPackage, part: string | undefined): Promise<string[]> {
  if (!part || !zip.has(part)) return [];
  const custom = new Map<number, string>();
  const formats: string[] = [];
  let inCellXfs = false;
  parseXmlText(await readText(zip, part), {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        formats.push(custom.get(id) ?? builtInFormat(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return formats;
}

/**
 * Finds the parts of the workbook we read, following the package's relationships as Excel,
 * Numbers, LibreOffice and Google Sheets write them. Refuses workbooks with macros, and zip
 * files that are not Excel workbooks (an .ods or .numbers file, a zip of CSVs).
 */
export async function findWorkbookParts(zip: ZipPackage): Promise<WorkbookParts> {
  const contentTypes = zip.has('[Content_Types].xml') ? await readText(zip, '[Content_Types].xml') : '';
  refuseMacros(zip, contentTypes);
  const workbook = relOfType(await relationships(zip, ''), '/officeDocument') ?? 'xl/workbook.xml';
  if (!zip.has(workbook) || /\.bin$/i.test(workbook)) {
    throw new FileError('INVALID_FILE', `This is a zip file but not an Excel workbook. ${SAVE_AS}`);
  }
  const rels = await relationships(zip, workbook);
  let date1904 = false;
  const sheetIds: string[] = [];
  parseXmlText(await readText(zip, workbook), {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet') {
        const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        if (id) sheetIds.push(id);
      }
    },
  });
  const sheet = sheetIds.map((id) => rels.get(id)).find((r) => r?.type.endsWith('/worksheet') && zip.has(r.target))?.target;
  if (!sheet) throw new FileError('INVALID_FILE', `This workbook has no worksheet. ${SAVE_AS}`);
  return {
    sheet,
    sharedStrings: relOfType(rels, '/sharedStrings'),
    styleFormats: await readStyles(zip, relOfType(rels, '/styles')),
    date1904,
  };
}
