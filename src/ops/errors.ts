/**
 * An error the operator can fix (bad input, missing deployment, refused confirmation): tasks print
 * its message alone, without a stack trace, and exit with status 1.
 */
export class OpsError extends Error {
  override readonly name = "OpsError";
}

/** `got <value>` for an error message: the JSON form of `value`, or `nothing` when it is missing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return value.toString();
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
