import ExcelJS from 'exceljs';
import { COLUMN_LABELS, orderedModules, templateHeader, type ModuleId } from '@muster/shared';

/** Rows the drop-downs cover: all of them, as Excel counts (the last row is 1,048,576). */
const LAST_ROW = 1_048_576;

/** The part of exceljs's worksheet we use that its type declarations leave out. */
interface WithDataValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

const column = (index: number) => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

function listOf(values: string[], title: string, error: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${values.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error,
  };
}

/**
 * The account's template as an Excel workbook: the header row frozen and bold, drop-downs on Role
 * and on each module column (so the mistakes people make most cannot be typed), Phone Number as
 * text (so a leading 0 stays), and a second sheet listing the account's teams.
 */
export async function xlsxTemplate(modules: readonly ModuleId[], teams: readonly string[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Users', { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = templateHeader(modules);
  sheet.columns = header.map((label) => ({ header: label, width: Math.max(14, label.length + 4) }));
  sheet.getRow(1).font = { bold: true };
  const validations = (sheet as unknown as WithDataValidations).dataValidations;
  const range = (label: string) => {
    const letter = column(header.indexOf(label));
    return `${letter}2:${letter}${LAST_ROW}`;
  };
  sheet.getColumn(header.indexOf(COLUMN_LABELS.phone) + 1).numFmt = '@';
  sheet.getColumn(header.indexOf(COLUMN_LABELS.email) + 1).width = 30;
  validations.add(range(COLUMN_LABELS.role), listOf(['User', 'Manager', 'Account Owner'], 'Role', 'Choose User, Manager or Account Owner from the list.'));
  for (const module of orderedModules(modules)) {
    const label = COLUMN_LABELS[module];
    validations.add(range(label), listOf(['True', 'False'], label, `Choose True or False from the list for ${label}.`));
  }

  const teamSheet = workbook.addWorksheet('Teams');
  teamSheet.columns = [{ header: 'Teams in your account', width: 40 }];
  teamSheet.getRow(1).font = { bold: true };
  for (const name of [...teams].sort((a, b) => a.localeCompare(b))) teamSheet.addRow([name]);
  teamSheet.addRow([]);
  teamSheet.addRow(['In the Teams column, write one or more of these names, separated by ;']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
