/** A queue of jobs between the webhook handler and the workers. */
export interface JobQueue<J> {
  /** Adds a job, to be taken after `delayMs` when given; a job id already queued is not added twice. */
  enqueue(job: J, jobId: string, options?: { delayMs?: number }): Promise<void>;
  /** Starts processing jobs with `handler` (one worker per call). */
  process(handler: (job: J) => Promise<void>): void;
  /** Jobs waiting or running, and the age of the oldest waiting job in ms. */
  depth(): Promise<{ waiting: number; active: number; oldestWaitingMs: number }>;
  /** Processes taking jobs now: BullMQ's workers on every machine, or 1 when this in-process queue has its worker. */
  workers(): Promise<number>;
  /** Stops taking jobs and waits for the running ones. */
  close(): Promise<void>;
}
