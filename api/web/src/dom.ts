type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | number | EventListener | undefined>;

/** Builds an element; text always goes in as text (never as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  for (const child of children) if (child) el.append(child);
  return el;
}

// The formatting helpers live in format.ts; re-exported for the views that import them from here.
export { fileSize, fmt } from './format.ts';

/** Replaces the page content and moves focus to it, so screen readers hear the new step. */
export function show(...children: Child[]) {
  const app = document.getElementById('app')!;
  app.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
  app.focus();
}

/** Names the step in the browser tab and history ("Check · staff.csv · Muster"). */
export function pageTitle(...parts: string[]) {
  document.title = [...parts, 'Muster'].join(' · ');
}
