/** What the drop zone accepts, and what it says about the files it does not. */
export const ACCEPT = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SAVE_AS = 'In Excel choose File > Save As > "Excel Workbook (.xlsx)" or "CSV UTF-8 (Comma delimited)", then choose that file.';

/** Why a file cannot be uploaded, from its name; undefined when it can. (The API checks again.) */
export function refusalByName(name: string): string | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  if (['csv', 'txt', 'xlsx'].includes(extension)) return undefined;
  if (extension === 'xlsm' || extension === 'xltm') return `"${name}" can contain macros, which we do not open. ${SAVE_AS}`;
  if (extension === 'xls' || extension === 'xlsb') return `"${name}" is an older or binary Excel format. ${SAVE_AS}`;
  if (extension === 'ods') return `"${name}" is an OpenDocument spreadsheet. In LibreOffice choose File > Save As > "Excel 2007-365 (.xlsx)" or "Text CSV", then choose that file.`;
  if (extension === 'numbers') return `"${name}" is a Numbers spreadsheet. In Numbers choose File > Export To > Excel (or CSV), then choose that file.`;
  return `"${name}" is not a CSV or Excel file. ${SAVE_AS}`;
}

/**
 * Why a file cannot be uploaded, from its first bytes: a password-protected workbook (or an old
 * .xls renamed) is an OLE container, whatever its name says.
 */
export async function refusalByContent(file: File): Promise<string | undefined> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  const ole = [0xd0, 0xcf, 0x11, 0xe0].every((b, i) => head[i] === b);
  if (ole) return `"${file.name}" is protected with a password or is an old-style Excel workbook. Remove the password if it has one, then ${SAVE_AS.charAt(0).toLowerCase()}${SAVE_AS.slice(1)}`;
  return undefined;
}
