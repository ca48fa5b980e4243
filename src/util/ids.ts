/** Whether two of Qovery's ids (UUIDs) name the same thing: they are the same whatever their case. */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** A UUID as Qovery writes its ids, in any case. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
