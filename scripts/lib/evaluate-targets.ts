import { meets } from './compare.ts';
import { formatThreshold, formatValue } from './format-figure.ts';
import type { GateEvidence, GateFigure, GateReport, GateSubsystem } from './gate-types.ts';
import type { EvidenceLocator } from './locate-evidence.ts';
import { readFigure } from './read-figure.ts';
import type { Targets } from './targets-schema.ts';

/**
 * Reads every figure of `targets` and judges it: a figure passes only when it was measured and
 * meets our goal; a subsystem passes only when every figure does; the gate passes only when every
 * subsystem does. A missing file or figure is a FAIL, never a PASS.
 */
export function evaluateTargets(targets: Targets, locator: EvidenceLocator, options: { targetsPath: string; now?: Date }): GateReport {
  const subsystems: Record<string, GateSubsystem> = {};
  const unmet: string[] = [];
  for (const [name, subsystem] of Object.entries(targets.subsystems)) {
    const figures: GateFigure[] = [];
    const evidence = new Map<string, GateEvidence>();
    for (const target of subsystem.figures) {
      const reading = readFigure(target.read, locator);
      const { path, exists, timestamp, source } = reading.evidence;
      evidence.set(path, { path, exists, timestamp, source });
      const goalMet = reading.value !== null && meets(reading.value, target.goal);
      const specMet = reading.value === null || target.spec === null ? null : meets(reading.value, target.spec);
      figures.push({
        id: target.id,
        label: target.label,
        unit: target.unit,
        measured: reading.value,
        goal: target.goal,
        spec: target.spec,
        goal_met: goalMet,
        spec_met: specMet,
        status: goalMet ? 'PASS' : 'FAIL',
        detail: reading.detail,
        ...(target.note ? { note: target.note } : {}),
        evidence: path,
        timestamp,
      });
      if (!goalMet) {
        const goal = formatThreshold(target.goal, target.unit);
        unmet.push(
          reading.value === null
            ? `${name}: ${target.label}: missing (${reading.detail}); goal ${goal}`
            : `${name}: ${target.label}: measured ${formatValue(reading.value, target.unit)}, goal ${goal} (${path})`,
        );
      }
    }
    subsystems[name] = {
      title: subsystem.title,
      status: figures.every((figure) => figure.status === 'PASS') ? 'PASS' : 'FAIL',
      evidence: [...evidence.values()],
      figures,
    };
  }
  const verdict = Object.values(subsystems).every((subsystem) => subsystem.status === 'PASS') ? 'PASS' : 'FAIL';
  return {
    gate: 'g1_architecture',
    generated_at: (options.now ?? new Date()).toISOString(),
    targets: options.targetsPath,
    verdict,
    subsystems,
    unmet,
  };
}
