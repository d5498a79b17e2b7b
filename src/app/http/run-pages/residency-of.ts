import type { LedgerEvent } from '../../../state/ledger/ledger-types.ts';
import type { ResidencyRow } from './run-view.ts';

/** The residency decisions recorded with each `model.call` and `model.refused` event, one row per provider. */
export function residencyOf(events: readonly LedgerEvent[]): ResidencyRow[] {
  const rows: ResidencyRow[] = [];
  for (const event of events) {
    if (event.type !== 'model.call' && event.type !== 'model.refused') continue;
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    const decisions = Array.isArray(payload.residency) ? (payload.residency as Array<Record<string, unknown>>) : [];
    for (const decision of decisions) {
      rows.push({
        seq: event.seq,
        task: String(payload.task ?? ''),
        event: event.type === 'model.call' ? 'call' : 'refused',
        used: event.type === 'model.call' ? `${String(payload.provider ?? '')} ${String(payload.model ?? '')}`.trim() : null,
        provider: String(decision.provider ?? ''),
        allow: decision.allow === true,
        host: String(decision.host ?? ''),
        reason: String(decision.reason ?? ''),
      });
    }
  }
  return rows;
}
