import { download, uploadFile } from '../api.ts';
import { fileSize, h, show } from '../dom.ts';
import { ACCEPT, refusalByContent, refusalByName } from '../file-kinds.ts';
import { errorBox, progressBar } from './parts.ts';

/** The file chosen last, kept so the Check step can run again with other options. */
export let chosenFile: File | undefined;

/** Uploads `file` with `options` and moves on to the Check step. */
export async function uploadAndCheck(file: File, options: Record<string, string>, status: HTMLElement) {
  status.replaceChildren(h('p', {}, `Uploading ${file.name}…`), progressBar('Upload progress', 0));
  const imp = await uploadFile(file, options, (fraction) => {
    status.replaceChildren(h('p', {}, `Uploading ${file.name}…`), progressBar('Upload progress', fraction * 100));
  });
  chosenFile = file;
  location.hash = `#/imports/${imp.id}`;
}

/** Steps 2 and 3: what the file needs, the template, and the drop zone. */
export function addUsersView() {
  let file: File | undefined;
  const status = h('div', { 'aria-live': 'polite' });
  const picker = h('input', { type: 'file', id: 'file-input', accept: ACCEPT, class: 'visually-hidden' });
  const chosen = h('p', { class: 'chosen' }, 'No file chosen yet.');
  const next = h('button', { type: 'button', class: 'primary', disabled: true }, 'Next');
  const mode = h('select', { id: 'mode' },
    h('option', { value: 'all-or-nothing' }, 'Import nothing if any row has a problem'),
    h('option', { value: 'partial' }, 'Import the valid rows, and give me a list of the rest'),
  );
  const existing = h('select', { id: 'existing' },
    h('option', { value: 'skip' }, 'Leave them as they are (skip)'),
    h('option', { value: 'update' }, 'Update them with the details in the file'),
    h('option', { value: 'fail' }, 'Treat them as errors'),
  );

  let choices = 0;
  const choose = async (candidate: File | undefined) => {
    status.replaceChildren();
    if (!candidate) return;
    const choice = ++choices;
    const refused = refusalByName(candidate.name) ?? (await refusalByContent(candidate));
    if (choice !== choices) return; // another file was chosen while this one was being read
    if (refused) {
      file = undefined;
      next.disabled = true;
      chosen.textContent = 'No file chosen yet.';
      status.append(h('p', { class: 'error', role: 'alert' }, refused));
      return;
    }
    file = candidate;
    chosen.textContent = `${candidate.name} (${fileSize(candidate.size)})`;
    next.disabled = false;
  };

  const zone = h('div', { class: 'dropzone', role: 'button', tabindex: 0, 'aria-describedby': 'drop-help' },
    h('p', {}, h('strong', {}, 'Drag your Excel or CSV file here'), ' or press to choose a file'),
    h('p', { id: 'drop-help', class: 'muted' }, 'Excel workbooks (.xlsx, the first sheet is read) or CSV files, up to 150 MB (about 1.5 million people).'),
  );
  zone.addEventListener('click', () => picker.click());
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      picker.click();
    }
  });
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void choose(e.dataTransfer?.files[0]);
  });
  picker.addEventListener('change', () => void choose(picker.files?.[0]));
  next.addEventListener('click', () => {
    if (!file) return;
    next.disabled = true;
    uploadAndCheck(file, { mode: mode.value, existing: existing.value, autoStart: 'false' }, status).catch((error) => {
      next.disabled = false;
      status.replaceChildren(errorBox(error));
    });
  });
  const template = h('button', { type: 'button', class: 'link' }, 'Download the Excel template');
  template.addEventListener('click', () => download('/api/v1/imports/template?format=xlsx', 'users-template.xlsx').catch((e) => status.replaceChildren(errorBox(e))));
  const csvTemplate = h('button', { type: 'button', class: 'link' }, 'the CSV template');
  csvTemplate.addEventListener('click', () => download('/api/v1/imports/template', 'users-template.csv').catch((e) => status.replaceChildren(errorBox(e))));

  show(
    h('div', { class: 'page-head' }, h('h1', {}, 'Add Multiple Users'), h('a', { href: '#/users' }, 'Back to users')),
    h('section', { class: 'card' },
      h('p', {}, 'Add many people at once from a spreadsheet. Each row is one person. ',
        h('strong', {}, 'First Name, Last Name, Email Address and Role'), ' are required, and ',
        h('strong', {}, 'True or False'), ' for each module your account has. Phone Number and Teams are optional; teams must already exist.'),
      h('p', {}, template, ' — it has the right columns for your account, with drop-downs for Role and the modules and a sheet listing your teams — or ', csvTemplate, '.'),
    ),
    h('section', { class: 'card' },
      h('h2', {}, 'Upload your file'),
      h('label', { for: 'file-input', class: 'visually-hidden' }, 'Choose an Excel or CSV file'),
      picker,
      zone,
      chosen,
      h('div', { class: 'options' },
        h('div', {}, h('label', { for: 'mode' }, 'If some rows have problems'), mode),
        h('div', {}, h('label', { for: 'existing' }, 'People who already have an account'), existing),
      ),
      h('div', { class: 'actions' }, next),
      status,
    ),
  );
}
