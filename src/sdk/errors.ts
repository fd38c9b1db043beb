import { Interface, type ErrorFragment, type InterfaceAbi, type Result } from "ethers";
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
  args: Record<string, unknown>;
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

/** Decodes a revert of the toolkit's contracts into its error, arguments and a sentence; null if unknown. */
export function decodeError(error: unknown): DecodedError | null {
  const data = revertData(error);
  if (data === undefined || data.length < 10) return null;
  const known = errorIndex().get(data.slice(0, 10).toLowerCase());
  if (known === undefined) return null;
  const values: Result = known.iface.decodeErrorResult(known.fragment, data);
  const args: Record<string, unknown> = {};
  known.fragment.inputs.forEach((input, i) => (args[input.name || `arg${i}`] = values[i]));
  const describe = MESSAGES[known.fragment.name];
  const message = describe?.(args) ?? `${known.fragment.name}(${Object.values(args).map(String).join(", ")})`;
  return { name: known.fragment.name, args, message };
}
