import type { SystemStatus } from '../../../state/status/system-status.ts';
import { html, type SafeHtml } from './safe-html.ts';

type Badge = 'ok' | 'bad' | 'warn' | 'muted';
const badge = (kind: Badge, text: string) =>
  kind === 'muted' ? html`<span class="muted">${text}</span>` : html`<span class="badge ${kind}">${text}</span>`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const amount = (unit: string, value: number) =>
  unit === 'tokens' ? `${Math.round(value).toLocaleString('en-US')} tokens` : `€${value.toFixed(2)}`;

const row = (part: string, state: SafeHtml, detail: SafeHtml | string) =>
  html`<tr data-part="${part}"><th>${part}</th><td>${state}</td><td>${detail}</td></tr>`;

function queueRow({ queue }: SystemStatus): SafeHtml {
  const kind = queue.kind === 'bullmq' ? 'BullMQ on redis' : 'in-process';
  if (!queue.visible) return row('queue', badge('muted', 'not visible'), `${kind}: ${queue.note ?? ''}`);
  if (queue.error !== null) return row('queue', badge('bad', 'unreadable'), `${kind}: ${queue.error}`);
  const oldest = queue.waiting ? `${Math.round((queue.oldest_job_age_ms ?? 0) / 1000)} s` : '—';
  return row(
    'queue',
    badge(queue.workers_seen === 0 ? 'bad' : 'ok', `depth ${queue.depth}`),
    `${kind}: ${queue.waiting} waiting, ${queue.active} running, oldest waiting job ${oldest}, ${plural(queue.workers_seen ?? 0, 'worker')} seen`,
  );
}

function circuitsBadge({ circuit_breakers: circuits }: SystemStatus): SafeHtml {
  if (circuits.error) return badge('bad', 'unreadable');
  const open = circuits.providers.filter((provider) => provider.state === 'open').length;
  const halfOpen = circuits.providers.filter((provider) => provider.state === 'half-open').length;
  if (open > 0) return badge('bad', `${open} open`);
  return halfOpen > 0 ? badge('warn', `${halfOpen} half-open`) : badge('ok', 'all closed');
}

/**
 * The operator status on the runs index: the same facts as `aos status`, gathered by the same
 * code (state/status/gather-system-status.ts) on this server's own connections and queue.
 */
export function renderStatusSection(status: SystemStatus): SafeHtml {
  const { database, redis, circuit_breakers: circuits, budget, residency } = status;
  const migrations = database.migrations;
  const rows = [
    row(
      'database',
      database.reachable ? badge(migrations?.pending.length ? 'bad' : 'ok', 'up') : badge('bad', 'unreachable'),
      html`${database.engine} at <code>${database.location}</code>${migrations ? `: ${plural(migrations.applied.length, 'migration')} applied, ${migrations.pending.length} pending` : ''}${migrations?.pending.map((name) => html` <code>${name}</code>`)}${database.error ? ` — ${database.error}` : ''}`,
    ),
    row(
      'redis',
      !redis.configured ? badge('muted', 'not configured') : redis.reachable ? badge('ok', 'up') : badge('bad', 'unreachable'),
      redis.configured
        ? html`<code>${redis.location}</code>${redis.error ? ` — ${redis.error}` : ''}`
        : 'no REDIS_URL: no cache, in-process queue',
    ),
    queueRow(status),
    row(
      'circuit breakers',
      circuitsBadge(status),
      circuits.error ??
        html`${circuits.providers.map((p) => html`<span data-circuit="${p.provider}">${p.provider} ${badge(p.state === 'open' ? 'bad' : p.state === 'half-open' ? 'warn' : 'ok', p.state)}</span> `)}`,
    ),
    row(
      'budget',
      budget.error
        ? badge('bad', 'unreadable')
        : badge(budget.caps.some((cap) => cap.cap > 0 && cap.remaining <= 0) ? 'bad' : 'ok', `phase ${budget.phase}`),
      budget.error ??
        html`${budget.caps.map((cap) => html`<span data-cap="${`${cap.scope}:${cap.scope_id}:${cap.period}`}">${cap.unit === 'tokens' ? `${cap.scope_id} ${cap.period} tokens` : `${cap.scope} ${cap.period}`}: ${amount(cap.unit, cap.remaining)} left of ${amount(cap.unit, cap.cap)}</span><br>`)}`,
    ),
    row(
      'residency',
      badge(residency.routing_to.length > 0 ? 'ok' : 'bad', `routing to ${residency.routing_to.join(', ') || 'no vendor'}`),
      html`${residency.vendors.map((vendor) => html`<span data-vendor="${vendor.vendor}">${vendor.vendor} <code>${vendor.endpoint_host}</code> ${badge(vendor.decision === 'allowed' ? 'ok' : vendor.decision === 'blocked' ? 'bad' : 'warn', vendor.decision)}</span><br>`)}`,
    ),
  ];
  return html`<section id="status" data-status="${status.ok ? 'ok' : 'degraded'}"><h2>Status ${status.ok ? badge('ok', 'ok') : badge('bad', 'degraded')}</h2>${
    status.ok ? '' : html`<p>Degraded: ${status.degraded.join(', ')}</p>`
  }<table><tbody>${rows}</tbody></table><p class="muted">Checked ${status.checked_at.slice(0, 19).replace('T', ' ')} UTC; <code>aos status</code> shows the same.</p></section>`;
}
