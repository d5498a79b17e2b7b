/** A comparison operator of a target. */
export type ComparisonOp = '<' | '<=' | '>' | '>=' | '==';

/** A threshold: the measured figure must satisfy `measured <op> value`. */
export interface Threshold {
  op: ComparisonOp;
  value: number;
}

/** Whether `measured` satisfies `threshold`. */
export function meets(measured: number, threshold: Threshold): boolean {
  switch (threshold.op) {
    case '<':
      return measured < threshold.value;
    case '<=':
      return measured <= threshold.value;
    case '>':
      return measured > threshold.value;
    case '>=':
      return measured >= threshold.value;
    case '==':
      return measured === threshold.value;
  }
}
