import { ApiError, download, type ImportView } from '../api.ts';
import { fmt, h } from '../dom.ts';

/** An error in the server's words (they are written for the person using the page). */
export function errorBox(error: unknown): HTMLElement {
  const message = error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
  const signIn = error instanceof ApiError && error.status === 401 ? ' Open your sign-in link again to carry on.' : '';
  return h('p', { class: 'error', role: 'alert' }, message + signIn);
}

export function progressBar(label: string, percent: number): HTMLElement {
  return h('div', { class: 'progress' },
    h('progress', { max: 100, value: Math.round(percent), 'aria-label': label }),
    h('span', {}, `${Math.round(percent)}%`),
  );
}

export function errorLogButton(imp: ImportView): HTMLElement {
  const out = h('div', {});
  const button = h('button', { type: 'button', class: 'secondary' }, 'Download Error Log (CSV)');
  button.addEventListener('click', () => {
    download(`/api/v1/imports/${imp.id}/error-log`, 'error-log.csv').catch((e) => out.append(errorBox(e)));
  });
  out.append(button);
  const says = errorLogContents(imp);
  if (says) out.append(h('p', { class: 'muted' }, says));
  return out;
}

/** What the error log holds, in words: re-uploading an all-rows log loses nobody. */
function errorLogContents(imp: ImportView): string | null {
  const ended = imp.status !== 'validated';
  if (imp.errorLog.contains === 'all-rows') {
    return `The error log lists every row of your file (${fmt(imp.errorLog.rows)}), because nothing was imported. Fix the rows that have an error and upload the whole log again: the error column is ignored.`;
  }
  if (imp.errorLog.contains === 'rows-not-imported') {
    return `The error log lists only the ${fmt(imp.errorLog.rows)} ${imp.errorLog.rows === 1 ? 'row' : 'rows'} that ${ended ? 'were' : 'will be'} not imported. Fix them and upload the log: the error column is ignored.`;
  }
  return null;
}

export function errorSummary(imp: ImportView): HTMLElement | null {
  if (!imp.errorSummary.length) return null;
  return h('section', { class: 'summary' },
    h('h2', {}, `${fmt(imp.counts.invalid)} ${imp.counts.invalid === 1 ? 'row has' : 'rows have'} problems`),
    h('ul', {}, ...imp.errorSummary.slice(0, 8).map((s) => h('li', {}, h('strong', {}, s.column), ` ${s.message} `, h('span', { class: 'count' }, `(${fmt(s.count)} ${s.count === 1 ? 'row' : 'rows'})`)))),
  );
}

export function warningList(imp: ImportView): HTMLElement | null {
  if (!imp.warnings.length) return null;
  return h('section', { class: 'warnings' }, h('h2', {}, 'Worth a look'), h('ul', {}, ...imp.warnings.map((w) => h('li', {}, w))));
}
