import type { CliCommand } from '../cli-command.ts';

/** How many of the newest budget alerts `aos budget` lists. */
export const BUDGET_ALERT_LIMIT = 20;

/** `aos budget [--json]`. */
export const budgetCommand: CliCommand = {
  name: 'budget',
  summary: 'spend against the global caps, the month-end forecast and the alerts sent',
  help: `Usage: aos budget [--json]

Shows the active phase's global caps (policies/finops.yaml): for the day and the month what was
spent, what is reserved by calls in flight, what remains and when it resets (UTC); the month-end
forecast at the current burn rate (the higher of the month's average and the last 24 hours); and
the newest ${BUDGET_ALERT_LIMIT} budget alerts.
Exit codes: 0 ok, 2 bad usage or configuration.`,
  options: { json: { type: 'boolean' } },
  run: async (invocation) => (await import('./show-budget.ts')).showBudget(invocation),
};
