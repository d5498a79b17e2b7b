/** An amount in EUR as aos shows it on GitHub: four decimals below one euro, two above. */
export function formatEur(amount: number): string {
  const value = Number.isFinite(amount) ? amount : 0;
  return `€${value.toFixed(Math.abs(value) < 1 ? 4 : 2)}`;
}
