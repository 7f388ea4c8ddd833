/**
 * Leaving the "Fix these rows" grid with unsaved changes asks first. main.ts calls `mayLeave`
 * before it routes, and the browser's own prompt covers closing the tab; the grid sets the guard
 * while it is shown. Kept apart from the grid so the page's first bundle does not carry the rules.
 */
export interface LeaveGuard {
  /** Whether anything would be lost. */
  unsaved: () => boolean;
  /** Asks; resolves true to leave. */
  ask: () => Promise<boolean>;
}

let guard: LeaveGuard | null = null;

/** Set (or clear, with null) the guard. */
export function guardLeaving(next: LeaveGuard | null) {
  guard = next;
}

/** Whether the page may move on (true when nothing would be lost, or the person says so). */
export async function mayLeave(): Promise<boolean> {
  return guard?.unsaved() ? guard.ask() : true;
}

window.addEventListener('beforeunload', (event) => {
  if (guard?.unsaved()) event.preventDefault();
});
