import type { Threshold } from './compare.ts';
import type { EvidenceTime } from './evidence-timestamp.ts';

/** PASS or FAIL. */
export type Verdict = 'PASS' | 'FAIL';

/** One figure of the gate file: measured, our goal, the specification's bound, and the verdict. */
export interface GateFigure {
  id: string;
  label: string;
  unit: string;
  measured: number | null;
  goal: Threshold;
  spec: Threshold | null;
  goal_met: boolean;
  /** Null where the specification sets no bound or the figure is missing. */
  spec_met: boolean | null;
  status: Verdict;
  detail: string;
  note?: string;
  /** The evidence file the figure was read from (relative to the root when inside it). */
  evidence: string;
  timestamp: string | null;
}

/** One evidence file of a subsystem. */
export interface GateEvidence extends EvidenceTime {
  path: string;
  exists: boolean;
}

/** One subsystem of the gate file. */
export interface GateSubsystem {
  title: string;
  status: Verdict;
  evidence: GateEvidence[];
  figures: GateFigure[];
}

/** evidence/gates/g1_architecture.json. */
export interface GateReport {
  gate: 'g1_architecture';
  generated_at: string;
  targets: string;
  verdict: Verdict;
  subsystems: Record<string, GateSubsystem>;
  /** One plain line per target not met (or figure missing). */
  unmet: string[];
}
