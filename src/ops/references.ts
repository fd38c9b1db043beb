/**
 * Evidence on the ledger: the reason of an operation (`--reason`) goes on chain as a reference,
 * `withReference(keccak256(reason), call)` of the contracts that support it (IReferencedActions,
 * contracts/utils/ReferencedActions.sol), which emit `ActionReferenced` before the call's own
 * events. The reason's text stays in the ops log, next to its hash.
 */
import { Interface, id as keccakText } from "ethers";

/** The part of the contracts' ABI that references use (IReferencedActions and ERC-165). */
export const REFERENCES = new Interface([
  "function withReference(bytes32 ref, bytes data)",
  "event ActionReferenced(bytes32 indexed ref, address indexed caller, bytes4 indexed action)",
  "function supportsInterface(bytes4 interfaceId) view returns (bool)",
]);

/** The ERC-165 id of IReferencedActions: the selector of its one function. */
export const REFERENCES_INTERFACE_ID = REFERENCES.getFunction("withReference")!.selector;

const HASH = /^0x[0-9a-fA-F]{64}$/;

/**
 * The reference of `reason`: keccak256 of its UTF-8 text, or the value itself when the reason is
 * already a 32-byte hash (as the SHA-256 of a court order's PDF). Undefined for no reason.
 */
export function referenceOf(reason: string | undefined): string | undefined {
  if (reason === undefined || reason.trim() === "") return undefined;
  return HASH.test(reason) ? reason.toLowerCase() : keccakText(reason);
}

/** `data` wrapped so that the contract emits `ref` first. */
export function withReference(ref: string, data: string): string {
  return REFERENCES.encodeFunctionData("withReference", [ref, data]);
}

/** The call inside `data` and its reference when `data` is a `withReference`, else `data` itself. */
export function unwrapReference(data: string): { call: string; ref?: string } {
  if (!data.toLowerCase().startsWith(REFERENCES_INTERFACE_ID)) return { call: data };
  try {
    const [ref, call] = REFERENCES.decodeFunctionData("withReference", data);
    return { call: String(call), ref: String(ref) };
  } catch {
    return { call: data };
  }
}

/** Whether the contract at `address` accepts references (ERC-165); false for one that does not answer. */
export async function supportsReferences(
  provider: { call(tx: { to: string; data: string }): Promise<string> },
  address: string,
): Promise<boolean> {
  try {
    const answer = await provider.call({
      to: address,
      data: REFERENCES.encodeFunctionData("supportsInterface", [REFERENCES_INTERFACE_ID]),
    });
    return REFERENCES.decodeFunctionResult("supportsInterface", answer)[0] === true;
  } catch {
    return false;
  }
}

/**
 * `data` for `address` carrying the reference of `reason`, when there is a reason and the
 * contract supports references; else `data` unchanged (no reference).
 */
export async function referencedCall(
  provider: { call(tx: { to: string; data: string }): Promise<string> },
  address: string,
  data: string,
  reason: string | undefined,
): Promise<{ data: string; ref?: string }> {
  const ref = referenceOf(reason);
  if (ref === undefined || !(await supportsReferences(provider, address))) return { data };
  return { data: withReference(ref, data), ref };
}
