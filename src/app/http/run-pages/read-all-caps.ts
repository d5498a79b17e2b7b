import type { BudgetGuardian, RemainingBudget } from '../../../state/budget/budget-guardian.ts';

/**
 * Every global cap plus each provider's daily token ceiling: the guardian answers per provider,
 * so it is asked once per provider and the shared global caps are kept once.
 */
export function readAllCaps(guardian: Pick<BudgetGuardian, 'getRemainingBudget'>, providers: readonly string[]) {
  return async (): Promise<RemainingBudget[]> => {
    const seen = new Set<string>();
    const caps: RemainingBudget[] = [];
    for (const provider of providers.length > 0 ? providers : [undefined]) {
      for (const row of await guardian.getRemainingBudget({ provider })) {
        const key = `${row.scope}\u0000${row.scopeId}\u0000${row.period}\u0000${row.unit}`;
        if (seen.has(key)) continue;
        seen.add(key);
        caps.push(row);
      }
    }
    return caps;
  };
}
