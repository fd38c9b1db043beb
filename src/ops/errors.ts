import { ToolkitError } from "../sdk/errors.js";

/**
 * An error the operator can fix (bad input, missing deployment, refused confirmation): tasks print
 * its message alone, without a stack trace, and exit with status 1. It is the SDK's error type
 * (short message, details, cause), so a refused call keeps its decoded revert as the cause.
 */
export class OpsError extends ToolkitError {
  override name = "OpsError";
}

/** `got <value>` for an error message: the JSON form of `value`, or `nothing` when it is missing. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return value.toString();
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
