/** The number in a CSV cell, or null for an empty or non-numeric cell. */
export function numericCell(cell: string | undefined): number | null {
  if (cell === undefined || cell.trim() === '') return null;
  const value = Number(cell);
  return Number.isFinite(value) ? value : null;
}
