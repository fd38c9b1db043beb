import type { Interface } from "ethers";

/** Shape of the ethers v6 error raised when a call or transaction reverts. */
interface RevertLike {
  revert?: { name: string; args: readonly unknown[] } | null;
  data?: string;
  shortMessage?: string;
  message?: string;
}

/**
 * A readable line for a reverted call: the custom error's name and arguments, decoded with
 * `contractInterface` when ethers could not decode it itself.
 */
export function describeRevert(error: unknown, contractInterface: Interface): string {
  const e = error as RevertLike;
  let decoded = e.revert ?? null;
  if (decoded === null && typeof e.data === "string" && e.data !== "0x") {
    const parsed = contractInterface.parseError(e.data);
    if (parsed !== null) decoded = { name: parsed.name, args: [...parsed.args] };
  }
  if (decoded !== null) return `${decoded.name}(${decoded.args.map((a) => String(a)).join(", ")})`;
  return e.shortMessage ?? e.message ?? String(error);
}
