import { Interface, type ErrorFragment, type InterfaceAbi } from "ethers";
import {
  CommodityReserveToken__factory,
  InvestorRegistry__factory,
  RegulatedToken__factory,
  SovereignBond__factory,
  TreasuryBill__factory,
} from "./contracts.js";

/** A custom error of the toolkit's contracts, decoded, with a sentence an operator can act on. */
export interface DecodedError {
  name: string;
  /** The error's arguments by name (`arg0`, `arg1`... for unnamed ones), in the error's order. */
  args: Record<string, unknown>;
  /** A sentence for people; `Name(arguments)` for an error without one. */
  message: string;
}

type Describe = (a: Record<string, unknown>) => string;

/** One sentence per custom error; `a` holds the error's arguments by name. */
const MESSAGES: Record<string, Describe> = {
  EnforcedPause: () => "The token is paused.",
  ExpectedPause: () => "The token is not paused.",
  ERC7943CannotSend: (a) =>
    `${a.account} may not send: not verified, frozen, or its country or category is not allowed.`,
  ERC7943CannotReceive: (a) =>
    `${a.account} may not receive: not verified, frozen, or its country or category is not allowed.`,
  ERC7943CannotTransfer: (a) => `The compliance module refuses moving ${a.amount} from ${a.from} to ${a.to}.`,
  ERC7943InsufficientUnfrozenBalance: (a) =>
    `${a.account} tried to move ${a.amount} but only ${a.unfrozen} of its tokens are unfrozen.`,
  ERC20InsufficientBalance: (a) => `${a.sender} holds ${a.balance}, less than the ${a.needed} it tried to move.`,
  ERC20InsufficientAllowance: (a) =>
    `${a.spender} may spend ${a.allowance}, less than the ${a.needed} it tried to move.`,
  ERC20InvalidReceiver: (a) => `${a.receiver} cannot receive tokens (zero address).`,
  ERC20InvalidSender: (a) => `${a.sender} cannot send tokens (zero address).`,
  RegulatedTokenLockedUp: (a) =>
    `${a.from} may not transfer before the lock-up ends at ${new Date(Number(a.lockUpEndsAt) * 1000).toISOString()}.`,
  RegulatedTokenMaxBalanceExceeded: (a) =>
    `${a.to} would hold ${a.balanceAfter}, above the maximum balance per wallet of ${a.maxBalance}.`,
  RegulatedTokenMaxHoldersReached: (a) =>
    `${a.to} would be a new holder, but the token has its ${a.maxHolders} holders.`,
  RegulatedTokenInvalidRegistry: (a) => `${a.registry} is not an investor registry contract.`,
  RegulatedTokenInvalidComplianceModule: (a) => `${a.module} is not a contract.`,
  RegulatedTokenInvalidCountry: (a) => `${a.country} is not an ISO 3166-1 numeric country code (1 to 999).`,
  RegulatedTokenInvalidRecovery: (a) => `${a.replacement} is not another wallet of the investor who owns ${a.lost}.`,
  BatchLengthMismatch: (a) => `The batch's arrays differ in length: ${a.expected} items against ${a.actual}.`,
  InvestorRegistryInvalidWallet: (a) => `Wallet ${a.wallet} is not valid (zero address).`,
  InvestorRegistryInvalidInvestorId: (a) => `The investorId of ${a.wallet} is zero.`,
  InvestorRegistryInvalidCountry: (a) =>
    `The country ${a.country} of ${a.wallet} is not an ISO 3166-1 numeric code (1 to 999).`,
  InvestorRegistryInvalidCategory: (a) =>
    `The category ${a.category} of ${a.wallet} is not a valid category (1 to 15).`,
  InvestorRegistryExpiryNotInFuture: (a) =>
    `The KYC expiry ${a.expiresAt} of ${a.wallet} is not after the current block time ${a.currentTime}.`,
  InvestorRegistryAlreadyRegistered: (a) => `${a.wallet} is already registered: update it instead.`,
  InvestorRegistryNotRegistered: (a) => `${a.wallet} is not registered, or its registration is revoked.`,
  AccessControlUnauthorizedAccount: (a) => `${a.account} lacks the role ${a.neededRole}.`,
};

/** Every contract an integrator calls; errors without a sentence above read as `Name(arguments)`. */
const knownAbis: InterfaceAbi[] = [
  RegulatedToken__factory.abi,
  InvestorRegistry__factory.abi,
  TreasuryBill__factory.abi,
  SovereignBond__factory.abi,
  CommodityReserveToken__factory.abi,
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

function decoded(name: string, args: Record<string, unknown>): DecodedError {
  const message = MESSAGES[name]?.(args) ?? `${name}(${Object.values(args).map(String).join(", ")})`;
  return { name, args, message };
}

/**
 * The one decoder of the toolkit's reverts: `error` is what ethers throws, a JSON-RPC error or raw
 * revert data (as a batch records a failed step). The error is looked up in `contractInterface`
 * (the contract called) when given, then among the toolkit's contracts ({@link registerErrorAbi});
 * null when neither knows it.
 */
export function decodeError(error: unknown, contractInterface?: Interface): DecodedError | null {
  const data = revertData(error);
  const known = data !== undefined && data.length >= 10 ? fragmentOf(data, contractInterface) : undefined;
  if (known !== undefined) {
    try {
      const values = known.iface.decodeErrorResult(known.fragment, data!);
      const args: Record<string, unknown> = {};
      known.fragment.inputs.forEach((input, i) => (args[input.name || `arg${i}`] = values[i]));
      return decoded(known.fragment.name, args);
    } catch {
      // Data too short for the error's arguments: not this error after all.
    }
  }
  // ethers decoded it with the ABI of the contract it called, which this side may not have.
  const revert = (error as { revert?: { name: string; args: readonly unknown[] } | null } | null)?.revert;
  if (typeof error === "object" && revert != null) {
    return decoded(revert.name, Object.fromEntries(revert.args.map((value, i) => [`arg${i}`, value])));
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
  /** One line: for a revert, the custom error as a call, `Name(argument, ...)`. */
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
 * custom error as a call, `Name(argument, ...)`, or else what the provider said; raw data that no
 * contract explains reads `revert data 0x...`, and empty data `reverted without a reason`.
 */
export function revertError(error: unknown, contractInterface?: Interface): ToolkitError {
  const found = decodeError(error, contractInterface);
  let shortMessage: string;
  if (found !== null) shortMessage = `${found.name}(${Object.values(found.args).map(String).join(", ")})`;
  else if (typeof error === "string")
    shortMessage = error === "0x" ? "reverted without a reason" : `revert data ${error}`;
  else {
    const e = error as { shortMessage?: string; message?: string } | null;
    shortMessage = e?.shortMessage ?? e?.message ?? String(error);
  }
  return new ToolkitError(shortMessage, { details: found?.message, decoded: found, cause: error });
}
