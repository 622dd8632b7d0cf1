/** "1 course", "3 courses": a number with its noun agreeing (regular plurals only). */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
