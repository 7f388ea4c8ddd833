import { ApiError, download, type ImportView } from '../api.ts';
import { problemSentence, sentenceSubject } from '@muster/shared/rules/problem-sentence';
import { fmt, h } from '../dom.ts';
import { count } from '../format.ts';

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
  return out;
}

/** "<strong>Role</strong> is not User, Manager or Account Owner.": the shared sentence, its subject in bold. */
function summarySentence(column: string, message: string): (HTMLElement | string)[] {
  const subject = sentenceSubject(column);
  return [h('strong', {}, subject), problemSentence(column, message).slice(subject.length)];
}

export function errorSummary(imp: ImportView): HTMLElement | null {
  if (!imp.errorSummary.length) return null;
  return h('section', { class: 'summary' },
    h('h2', {}, `${fmt(imp.counts.invalid)} ${imp.counts.invalid === 1 ? 'row has' : 'rows have'} problems`),
    h('ul', {}, ...imp.errorSummary.slice(0, 8).map((s) => h('li', {}, ...summarySentence(s.column, s.message), ' ', h('span', { class: 'count' }, `(${count(s.count, 'row')})`)))),
  );
}

export function warningList(imp: ImportView): HTMLElement | null {
  if (!imp.warnings.length) return null;
  return h('section', { class: 'warnings' }, h('h2', {}, 'Worth a look'), h('ul', {}, ...imp.warnings.map((w) => h('li', {}, w))));
}
