import { Interface, type ErrorFragment, type InterfaceAbi, type ParamType } from "ethers";
import {
  CommodityReserveToken__factory,
  DocumentRegistry__factory,
  InvestorRegistry__factory,
  RegulatedToken__factory,
  SovereignBond__factory,
  TreasuryBill__factory,
} from "./contracts.js";
import { MESSAGES } from "./error-messages.js";
import { readableArgument, type ReadableUnits } from "./readable.js";

/** A custom error of the toolkit's contracts, decoded, with a sentence an operator can act on. */
export interface DecodedError {
  name: string;
  /** The error's arguments by name (`arg0`, `arg1`... for unnamed ones), in the error's order, as decoded. */
  args: Record<string, unknown>;
  /**
   * The same arguments for people: tokens with units (when the units are given), ISO dates,
   * durations, roles by name (src/sdk/readable.ts).
   */
  readable: Record<string, string>;
  /** A sentence for people; `Name(argument value, ...)` for an error without one. */
  message: string;
}

/** Every contract an integrator calls; errors without a sentence above read as `Name(arguments)`. */
const knownAbis: InterfaceAbi[] = [
  RegulatedToken__factory.abi,
  InvestorRegistry__factory.abi,
  TreasuryBill__factory.abi,
  SovereignBond__factory.abi,
  CommodityReserveToken__factory.abi,
  DocumentRegistry__factory.abi,
];

/**
 * Adds the ABI of more contracts (for example an instrument) to those whose errors
 * {@link decodeError} recognises.
 */
export function registerErrorAbi(abi: InterfaceAbi): void {
  knownAbis.push(abi);
  errorsBySelector = undefined;
}

let errorsBySelector: Map<string, { fragment: ErrorFragment; iface: Interface }> | undefined;

function errorIndex() {
  if (errorsBySelector === undefined) {
    errorsBySelector = new Map();
    for (const abi of knownAbis) {
      const iface = new Interface(abi);
      iface.forEachError((fragment) => errorsBySelector!.set(fragment.selector, { fragment, iface }));
    }
  }
  return errorsBySelector;
}

/** Revert data found in an ethers error, a JSON-RPC error or a raw hex string. */
function revertData(error: unknown): string | undefined {
  if (typeof error === "string") return error.startsWith("0x") ? error : undefined;
  if (typeof error !== "object" || error === null) return undefined;
  const e = error as { data?: unknown; error?: unknown; info?: { error?: unknown } };
  if (typeof e.data === "string" && e.data.startsWith("0x")) return e.data;
  return revertData(e.error) ?? revertData(e.info?.error) ?? revertData(e.data);
}

/** The error fragment of `data`'s selector: in `contractInterface` first, then among the known contracts. */
function fragmentOf(data: string, contractInterface?: Interface) {
  const selector = data.slice(0, 10).toLowerCase();
  const own = contractInterface?.getError(selector);
  if (own != null) return { fragment: own, iface: contractInterface! };
  return errorIndex().get(selector);
}

function decoded(
  name: string,
  inputs: readonly Pick<ParamType, "name" | "type">[],
  values: readonly unknown[],
  units: ReadableUnits,
): DecodedError {
  const args: Record<string, unknown> = {};
  const readable: Record<string, string> = {};
  inputs.forEach((input, i) => {
    const key = input.name || `arg${i}`;
    args[key] = values[i];
    readable[key] = readableArgument(name, key, input.type, values[i], units);
  });
  const message =
    MESSAGES[name]?.(readable) ??
    `${name}(${Object.entries(readable)
      .map(([key, value]) => (/^arg\d+$/.test(key) ? value : `${key} ${value}`))
      .join(", ")})`;
  return { name, args, readable, message };
}

/**
 * The one decoder of the toolkit's reverts: `error` is what ethers throws, a JSON-RPC error or raw
 * revert data (as a batch records a failed step). The error is looked up in `contractInterface`
 * (the contract called) when given, then among the toolkit's contracts ({@link registerErrorAbi});
 * null when neither knows it. Amounts read as tokens of `units` (the instrument's and its settlement
 * token's symbol and decimals), or as base units where those are not given; times always as ISO dates.
 */
export function decodeError(
  error: unknown,
  contractInterface?: Interface,
  units: ReadableUnits = {},
): DecodedError | null {
  const data = revertData(error);
  const known = data !== undefined && data.length >= 10 ? fragmentOf(data, contractInterface) : undefined;
  if (known !== undefined) {
    try {
      const values = known.iface.decodeErrorResult(known.fragment, data!);
      return decoded(known.fragment.name, known.fragment.inputs, [...values], units);
    } catch {
      // Data too short for the error's arguments: not this error after all.
    }
  }
  // ethers decoded it with the ABI of the contract it called, which this side may not have.
  const revert = (error as { revert?: { name: string; args: readonly unknown[] } | null } | null)?.revert;
  if (typeof error === "object" && revert != null) {
    const inputs = revert.args.map((value) => ({ name: "", type: typeof value === "bigint" ? "uint256" : "" }));
    return decoded(revert.name, inputs, revert.args, units);
  }
  return null;
}

/**
 * An error of the toolkit, in the shape of viem's `BaseError`: a one-line `shortMessage`, the
 * `details` behind it and the `cause` it came from. `message` is the short message, so code that
 * prints errors prints one line.
 */
export class ToolkitError extends Error {
  override name = "ToolkitError";
  /** One line: for a revert, the custom error's name and its sentence, `Name: sentence`. */
  readonly shortMessage: string;
  /** More for people: for a revert, the sentence of the error when it has one. */
  readonly details: string;
  /** The custom error, decoded; null when there is none the toolkit knows. */
  readonly decoded: DecodedError | null;

  constructor(
    shortMessage: string,
    options: { details?: string; cause?: unknown; decoded?: DecodedError | null } = {},
  ) {
    super(shortMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details ?? shortMessage;
    this.decoded = options.decoded ?? null;
  }
}

/**
 * `error` (a failed call, or raw revert data) as a {@link ToolkitError}: its short message is the
 * custom error's name and sentence, `Name: sentence` (`Name(argument value, ...)` for an error
 * without one), with amounts in `units` as {@link decodeError} reads them; or else what the
 * provider said; raw data that no contract explains reads `revert data 0x...`, and empty data
 * `reverted without a reason`.
 */
export function revertError(error: unknown, contractInterface?: Interface, units: ReadableUnits = {}): ToolkitError {
  const found = decodeError(error, contractInterface, units);
  let shortMessage: string;
  if (found !== null)
    shortMessage = found.message.startsWith(`${found.name}(`)
      ? found.message
      : `${found.name}: ${found.message.replace(/\.$/, "")}`;
  else if (typeof error === "string")
    shortMessage = error === "0x" ? "reverted without a reason" : `revert data ${error}`;
  else {
    const e = error as { shortMessage?: string; message?: string } | null;
    shortMessage = e?.shortMessage ?? e?.message ?? String(error);
  }
  return new ToolkitError(shortMessage, { details: found?.message, decoded: found, cause: error });
}
