import { download, uploadFile } from '../api.ts';
import { api } from '../api.ts';
import { h, pageTitle, show } from '../dom.ts';
import { fileSize } from '../format.ts';
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

/** What goes in each column, and the account's teams (fetched, so they are the current ones). */
function fileHelp(): HTMLElement {
  const teams = h('dd', {}, 'Loading your teams…');
  api<{ items: { name: string }[] }>('GET', '/api/v1/teams').then(({ items }) => {
    teams.textContent = items.length ? items.map((t) => t.name).join(', ') : 'Your account has no teams yet; leave Teams blank.';
  }, () => (teams.textContent = 'Your teams could not be loaded; the template lists them.'));
  return h('dl', { class: 'file-help' },
    h('dt', {}, 'Role'), h('dd', {}, 'User, Manager or Account Owner'),
    h('dt', {}, 'Modules'), h('dd', {}, 'True or False in each module column'),
    h('dt', {}, 'Teams'), h('dd', {}, 'Separate several teams with a semicolon, for example: Night Shift; Drivers'),
    h('dt', {}, 'Your teams'), teams,
  );
}

/** Steps 2 and 3: what the file needs, the template, and the drop zone. */
export function addUsersView() {
  let file: File | undefined;
  const status = h('div', { 'aria-live': 'polite' });
  // The zone is the control people use; the input behind it is not a second Tab stop.
  const picker = h('input', { type: 'file', id: 'file-input', accept: ACCEPT, class: 'visually-hidden', tabindex: -1, 'aria-hidden': 'true' });
  const refusal = h('div', { class: 'refusal' });
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
    refusal.replaceChildren();
    if (!candidate) return;
    const choice = ++choices;
    const refused = refusalByName(candidate.name) ?? (await refusalByContent(candidate));
    if (choice !== choices) return; // another file was chosen while this one was being read
    if (refused) {
      file = undefined;
      next.disabled = true;
      chosen.textContent = 'No file chosen yet.';
      zone.classList.remove('has-file');
      refusal.append(h('p', { class: 'error', role: 'alert' }, refused));
      return;
    }
    file = candidate;
    chosen.textContent = `${candidate.name} (${fileSize(candidate.size)})`;
    zoneFile.textContent = `Chosen: ${candidate.name}, ${fileSize(candidate.size)}. Press to choose another file.`;
    zone.classList.add('has-file');
    next.disabled = false;
  };

  // Touch screens cannot drag a file in: there the zone only offers to choose one (styles.css).
  const zoneFile = h('p', { class: 'zone-file' });
  const zone = h('div', { class: 'dropzone', role: 'button', tabindex: 0, 'aria-describedby': 'drop-help' },
    h('p', { class: 'zone-ask' }, h('strong', { class: 'drag-only' }, 'Drag your Excel or CSV file here or '), h('strong', {}, 'press to choose a file')),
    zoneFile,
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

  pageTitle('Add Multiple Users');
  show(
    h('div', { class: 'page-head' }, h('h1', {}, 'Add Multiple Users'), h('a', { href: '#/users' }, 'Back to users')),
    h('section', { class: 'card' },
      h('p', {}, 'Add many people at once from a spreadsheet. Each row is one person. ',
        h('strong', {}, 'First Name, Last Name, Email Address and Role'), ' are required, and ',
        h('strong', {}, 'True or False'), ' for each module your account has. Phone Number and Teams are optional; teams must already exist.'),
      fileHelp(),
      h('p', {}, template, ' — it has the right columns for your account, with drop-downs for Role and the modules and a sheet listing your teams — or ', csvTemplate, '.'),
    ),
    h('section', { class: 'card' },
      h('h2', {}, 'Upload your file'),
      h('label', { for: 'file-input', class: 'visually-hidden' }, 'Choose an Excel or CSV file'),
      picker,
      zone,
      refusal,
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
