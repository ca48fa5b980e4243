/** Something read after the fact, or why it is not known. */
export type Known<T> = { value: T } | { unknown: string }
