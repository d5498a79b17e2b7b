/** What reading one figure from its evidence found. */
export interface FigureReading {
  /** The figure, or null when the file or the figure in it is missing. */
  value: number | null;
  /** Why the value is what it is (or why it is missing), for people. */
  detail: string;
}

/** A reading with no value. */
export const missing = (detail: string): FigureReading => ({ value: null, detail });
