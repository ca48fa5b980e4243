/** Whether two of Qovery's ids (UUIDs) name the same thing: they are the same whatever their case. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}
