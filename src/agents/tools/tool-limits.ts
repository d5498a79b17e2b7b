/** Bounds on the read-only tools of one node (see createRepoTools and runToolLoop). */
export interface ToolLimits {
  /** Tool calls one node may make; the next model call after the last is offered no tools. */
  maxCalls: number;
  /** Bytes (UTF-8) of one tool result as the model sees it; the rest is cut with a note. */
  maxResultBytes: number;
  /** Bytes of all tool results of one node together; past it a call is answered with a refusal. */
  maxNodeBytes: number;
  /** Lines `read_file` returns at most per call. */
  maxReadLines: number;
  /** Entries `list_dir` returns at most. */
  maxListEntries: number;
  /** Matching lines `search` returns at most. */
  maxSearchMatches: number;
  /** Bytes of file text one `search` scans before it stops early. */
  maxSearchBytes: number;
  /**
   * Automaton steps one regular-expression `search` may take before it stops early: its time
   * budget, counted rather than measured so the same search stops at the same place every time.
   */
  maxSearchSteps: number;
}

/** The defaults: twelve calls, results a model can read whole, and searches of a few megabytes. */
export const DEFAULT_TOOL_LIMITS: Readonly<ToolLimits> = Object.freeze({
  maxCalls: 12,
  maxResultBytes: 12_000,
  maxNodeBytes: 60_000,
  maxReadLines: 400,
  maxListEntries: 200,
  maxSearchMatches: 40,
  maxSearchBytes: 8 * 1024 * 1024,
  maxSearchSteps: 50_000_000,
});
