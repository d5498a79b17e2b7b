/** The paths of the run pages; every one is served only through a signed link. */
export const RUN_PATHS = {
  list: '/aos/runs',
  budget: '/aos/budget',
  page: (runId: string) => `/aos/runs/${encodeURIComponent(runId)}`,
  api: (runId: string) => `/aos/api/runs/${encodeURIComponent(runId)}`,
} as const;
