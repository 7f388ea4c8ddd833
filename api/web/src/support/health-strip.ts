import { fmt, h } from '../dom.ts';
import { token } from '../session.ts';
import { getHealth, type QueueHealth } from './support-api.ts';
import { duration, STATUS_WORDS } from './words.ts';

const figure = (label: string, value: string, warn = false) =>
  h('div', { class: `figure${warn ? ' warn' : ''}` }, h('span', { class: 'figure-value' }, value), h('span', { class: 'figure-label' }, label));

function render(strip: HTMLElement, health: QueueHealth) {
  const { waiting, delayed, active, failed } = health.queue;
  const names = health.workers.map((w) => w.name).join(', ');
  const dashboard = h('a', { href: `/admin/queues?token=${encodeURIComponent(token() ?? '')}`, target: '_blank', rel: 'noopener' }, 'Queue dashboard');
  strip.replaceChildren(
    h('h2', { class: 'visually-hidden' }, 'Health'),
    h('div', { class: 'figures' },
      figure('waiting', fmt(waiting + delayed)),
      figure('running', fmt(active)),
      figure('failed jobs', fmt(failed), failed > 0),
      figure('oldest waiting', health.oldestWaitingSeconds === null ? '—' : duration(health.oldestWaitingSeconds), (health.oldestWaitingSeconds ?? 0) > 300),
      figure(`workers seen in the last minute${names ? `: ${names}` : ''}`, fmt(health.workers.length), health.workers.length === 0),
      figure(`stuck (no progress for ${duration(health.stuckAfterSeconds)})`, fmt(health.stuck.length), health.stuck.length > 0),
    ),
    health.stuck.length
      ? h('ul', { class: 'stuck' }, ...health.stuck.slice(0, 5).map((s) =>
          h('li', {}, h('a', { href: `#/support/imports/${s.id}` }, s.fileName), ` — ${STATUS_WORDS[s.status] ?? s.status}, no progress since ${new Date(s.since).toLocaleString('en-GB')}`)))
      : '',
    h('p', { class: 'muted strip-foot' }, 'Stuck imports are what the workers\' recovery puts back in the queue. ', dashboard, ' (job counts by state).'),
  );
}

/** The health strip: queue, workers, stuck imports; refreshed by the caller. */
export function healthStrip(): { element: HTMLElement; refresh: () => Promise<void> } {
  const element = h('section', { class: 'card health', 'aria-label': 'Health', 'aria-live': 'off' }, h('p', { class: 'muted' }, 'Loading the queue…'));
  const refresh = async () => {
    try {
      render(element, await getHealth());
    } catch {
      element.replaceChildren(h('p', { class: 'error' }, 'The queue could not be read just now; it will be tried again.'));
    }
  };
  return { element, refresh };
}
