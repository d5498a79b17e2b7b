/**
 * The reply to `/aos help`, to `/aos` alone and to an unknown subcommand: the commands, where they
 * work and who may run them (see decide-command-access.ts, which enforces the same rules).
 */
export const HELP_TEXT = `**aos commands.** Put the command on the first line of a comment:

| command | where | what it does | who may run it |
|---|---|---|---|
| \`/aos plan [instructions]\` | issue | runs planner → coder → critic ⇄ coder → qa → approver and opens a pull request; add \`--dry-run\` to stop after the plan | write, maintain or admin |
| \`/aos revise [instructions]\` | a pull request aos opened, or a review comment on one | one more coder → critic → qa → approver pass on the same branch | write, maintain or admin |
| \`/aos status\` | issue or pull request | the state of the run | anyone who can comment |
| \`/aos cancel\` | issue or pull request | stops the run | write, maintain or admin |
| \`/aos budget\` | issue or pull request | what this repository and its installation have spent, against the repository's caps | triage, write, maintain or admin |
| \`/aos help\` | issue or pull request | this text | anyone who can comment |

Text after the command, on the same line and on the lines below it, is passed to the agents as instructions (up to 8,000 characters). \`plan\`, \`revise\` and \`cancel\` need write, maintain or admin permission on the repository because they start or stop paid model runs; for anyone else nothing is run. \`budget\` needs triage or more. Comments from bots are ignored. Per-repository settings live in \`.github/aos.yml\` on the default branch.
`;
