/** The label on every pull request aos opens. */
export const AOS_LABEL = 'aos';

/** The approver's verdict as a label: exactly one of them is on a bot pull request. */
export const VERDICT_LABELS = { ready: 'aos:ready', 'needs-work': 'aos:needs-work' } as const;

/** The approver's verdict. */
export type ApprovalVerdict = keyof typeof VERDICT_LABELS;
