/**
 * Code-point order for addresses and names: the same on every machine and locale, so reports and
 * state files sort identically everywhere ("a.b" before "a_b", as Terraform sorts addresses).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
