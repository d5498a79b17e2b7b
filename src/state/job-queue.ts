/** The job queue as `app/` sees it; the BullMQ and in-process implementations live in `store/`. */
export type { JobQueue } from '../store/job-queue.ts';
