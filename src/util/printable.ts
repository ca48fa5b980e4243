/**
 * A value from the inputs or the environment, fit for an error message: one line, no control
 * characters, at most 80 characters (a longer one ends in `...`).
 */
export function printable(value: string): string {
  const oneLine = value.replace(/[\u0000-\u001f\u007f]/g, '?')
  return oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine
}
