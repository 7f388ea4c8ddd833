import type { RepeatedBadValue } from '../api.ts';
import { h } from '../dom.ts';
import { count, fmt } from '../format.ts';
import type { RowChecker } from './fix-rows-check.ts';
import type { RowFixes } from './fix-rows-edits.ts';

/**
 * "5 rows have Role "Admin" -> [Account Owner] Apply to all": one replacement the server applies
 * while it streams the file, instead of an edit per row (50,000 rows with the same bad value are
 * one entry, not 50,000 edits). `onChange` re-checks the rows on screen.
 */
export function repeatedValues(repeated: RepeatedBadValue[], fixes: RowFixes, checker: RowChecker | null, onChange: () => void): HTMLElement | null {
  if (!repeated.length) return null;
  const items = repeated.map((r, i) => {
    const li = h('li', { class: 'repeated' });
    const render = () => {
      const applied = fixes.replacements.find((x) => x.cell === r.cell && x.from === r.value);
      const what = `${count(r.rows, 'row')} ${r.rows === 1 ? 'has' : 'have'} ${r.column} "${r.value}"`;
      if (applied) {
        const undo = h('button', { type: 'button', class: 'link' }, 'Undo', h('span', { class: 'visually-hidden' }, ` the change of ${r.column} "${r.value}"`));
        undo.addEventListener('click', () => {
          fixes.unreplace(r.cell, r.value);
          render();
          onChange();
          li.querySelector('input')?.focus();
        });
        li.replaceChildren(h('span', {}, `${what}: `, h('strong', {}, `all become "${applied.to}"`), '. '), undo);
        return;
      }
      const suggestions = checker?.suggestions(r.cell) ?? [];
      const listId = `repeated-list-${i}`;
      const input = h('input', { id: `repeated-${i}`, type: 'text', list: suggestions.length ? listId : undefined, autocomplete: 'off' });
      const message = h('span', { class: 'error', id: `repeated-${i}-why` });
      const apply = h('button', { type: 'submit', class: 'secondary' }, 'Apply to all', h('span', { class: 'visually-hidden' }, ` ${fmt(r.rows)} rows`));
      const go = (event: Event) => {
        event.preventDefault();
        if (!input.value.trim()) {
          message.textContent = `Type what "${r.value}" should become first.`;
          input.setAttribute('aria-describedby', message.id);
          input.focus();
          return;
        }
        fixes.replace({ cell: r.cell, from: r.value, to: input.value.trim() });
        render();
        onChange();
        li.querySelector('button')?.focus();
      };
      // A form, so Enter in the box applies it as the button does.
      const form = h('form', { class: 'repeated-form' },
        h('label', { for: input.id }, `${what}; change them all to`),
        h('span', { class: 'repeated-controls' }, input, apply),
        message,
      );
      form.addEventListener('submit', go);
      li.replaceChildren(form);
      if (suggestions.length) li.append(h('datalist', { id: listId }, ...suggestions.map((v) => h('option', { value: v }))));
    };
    render();
    return li;
  });
  return h('section', { class: 'repeated-values', 'aria-labelledby': 'repeated-title' },
    h('h2', { id: 'repeated-title' }, 'The same problem in many rows'),
    h('p', { class: 'muted' }, 'Fix each of these once for every row that has it.'),
    h('ul', {}, ...items),
  );
}
