/**
 * The arguments of the contracts' errors and events for people: amounts as tokens with thousands
 * separators and the token's symbol, Unix times as ISO dates, durations in days, roles by name,
 * rates as percentages. Every amount is computed from base units with bigint (no float rounds it).
 *
 * What an argument is comes from its name, the way the contracts name them (`amount`, `balance`,
 * `capacity` are amounts; `asOf`, `maturityDate`, `expiresAt` are times), and for amounts paid in
 * the settlement token from the name or the error or event that carries it.
 */
import { ZeroHash, id } from "ethers";
import { investorCategoryName } from "./investors.js";

/** A token's symbol and decimals. */
export interface Units {
  symbol: string;
  decimals: number;
}

/** The tokens amounts are counted in: amounts read as base units where one is missing. */
export interface ReadableUnits {
  /** The instrument's own tokens (the contract that reverted or emitted). */
  token?: Units;
  /** The settlement token a bill or bond is paid for and pays in. */
  settlement?: Units;
}

/** `units` base units of a token with `decimals` decimals, as a plain decimal without a trailing `.0` ("80182254.4"). */
export function formatAmount(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** A plain decimal with its whole part in groups of three: "80182254.4" is "80,182,254.4". */
export function groupThousands(decimal: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(decimal);
  if (match === null) return decimal;
  const [, sign, whole, fraction = ""] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+$)/g, ",")}${fraction}`;
}

/** `units` base units as tokens for people: "6,000 SGOLD"; without `token`, "6000000000 base units". */
export function formatTokens(units: bigint, token: Units | undefined): string {
  if (token === undefined) return `${units} base units`;
  return `${groupThousands(formatAmount(units, token.decimals))} ${token.symbol}`.trimEnd();
}

/** The ISO form of Unix time `seconds`, to the second, UTC. */
export function isoTime(seconds: bigint | number): string {
  return new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");
}

/** A duration in seconds for people: "30 days", "2 days 1 h", "90 s". */
export function formatDuration(seconds: bigint): string {
  const days = seconds / 86_400n;
  const hours = (seconds % 86_400n) / 3_600n;
  const minutes = (seconds % 3_600n) / 60n;
  const rest = seconds % 60n;
  const parts = [
    days > 0n ? `${days} day${days === 1n ? "" : "s"}` : "",
    hours > 0n ? `${hours} h` : "",
    minutes > 0n ? `${minutes} min` : "",
    rest > 0n || seconds === 0n ? `${rest} s` : "",
  ];
  return parts.filter((part) => part !== "").join(" ");
}

/** Role names by their hash, as the contracts define them (`keccak256("ISSUER_ROLE")`; zero is the admin). */
const ROLE_NAMES = new Map<string, string>([
  [ZeroHash, "DEFAULT_ADMIN_ROLE"],
  ...[
    "ISSUER_ROLE",
    "ENFORCEMENT_ROLE",
    "COMPLIANCE_ROLE",
    "PAUSER_ROLE",
    "KYC_AGENT_ROLE",
    "TREASURY_ROLE",
    "RATE_SETTER_ROLE",
    "ROLLOVER_ROLE",
    "AUDITOR_ROLE",
    "CUSTODIAN_ROLE",
    "PROPOSER_ROLE",
    "EXECUTOR_ROLE",
    "CANCELLER_ROLE",
  ].map((name) => [id(name), name] as [string, string]),
]);

/** The name of role `hash` (`ISSUER_ROLE`), or the hash when it is none of the toolkit's roles. */
export function roleName(hash: string): string {
  return ROLE_NAMES.get(hash.toLowerCase()) ?? hash;
}

/** What an argument is, and so how it reads. */
export type ArgumentKind =
  | "tokens"
  | "settlement"
  | "time"
  | "day"
  | "duration"
  | "role"
  | "rateBps"
  | "yield"
  | "category"
  | "allotmentStatus"
  | "redemptionState"
  | "redemptionKind"
  | "number"
  | "plain";

/** Names of the amounts of the instrument's own tokens. */
const TOKENS =
  /^(amount|value|balance|balanceAfter|maxBalance|allowance|needed|unfrozen|supply|supplyAfter|supplyAtRecord|increasedSupply|cap|capacity|frozenAmount|maturedAmount)$/;
/** Names of amounts that are always in the settlement token (prices and face value per whole token). */
const SETTLEMENT = /^(price|faceValue|perToken|cost|change|paid|funded|payout|available|required|liability)$/;
/** Errors and events whose `amount` (or `expected`/`received`) is money in the settlement token. */
const SETTLEMENT_ITEMS =
  /^((Coupon|Rental)(Funded|Paid|UnclaimedSwept)|Redemption(Funded|SurplusSwept)|DebtSecurityTransferAmountMismatch)$/;
/** Names of Unix times. */
const TIME = /(At|Date|Time|Schedule)$|^(asOf|previousAsOf|schedule|timestamp|deadline)$/;
/** Names of durations in seconds. */
const DURATION = /^(maxAge|delay|minDelay|newDelay|claimWindow|recordDateOffset|oldDuration|newDuration)$/;
/** Names of plain numbers: counts, indexes, ids, calendar fields, codes, reserves in the commodity's unit. */
const NUMBER =
  /^(id|index|count|period|periods|expected|actual|targets|payloads|values|frequency|couponFrequency|year|month|day|monthIndex|months|bits|decimals|recorded|reported|answer|reserves|chainId|country|mask|maxHolders|left|received)$/;

/** Arguments whose name means something else in one error or event (an ether value, gas). */
const EXCEPTIONS: Record<string, Record<string, ArgumentKind>> = {
  CallScheduled: { value: "number" },
  CallExecuted: { value: "number" },
  DebtSecurityBatchGasShort: { needed: "number" },
  SafeCastOverflowedUintDowncast: { value: "number" },
  SafeCastOverflowedUintToInt: { value: "number" },
};

/** How argument `param` (of Solidity type `type`) of error or event `item` reads. */
export function argumentKind(item: string, param: string, type: string): ArgumentKind {
  const exception = EXCEPTIONS[item]?.[param];
  if (exception !== undefined) return exception;
  if (type === "bytes32" && /role/i.test(param)) return "role";
  if (!/^u?int\d*$/.test(type)) return "plain";
  if (SETTLEMENT_ITEMS.test(item) && /^(amount|expected|received)$/.test(param)) return "settlement";
  if (SETTLEMENT.test(param)) return "settlement";
  if (TOKENS.test(param)) return "tokens";
  if (TIME.test(param)) return "time";
  if (/Day$/.test(param)) return "day";
  if (DURATION.test(param)) return "duration";
  if (/[rR]ateBps$/.test(param)) return "rateBps";
  if (param === "yieldRate") return "yield";
  if (param === "category") return "category";
  if (param === "status" && /Allotment/.test(item)) return "allotmentStatus";
  if (param === "state" && /Redemption/.test(item)) return "redemptionState";
  if (param === "kind" && /Redemption/.test(item)) return "redemptionKind";
  if (NUMBER.test(param)) return "number";
  return "plain";
}

const ALLOTMENT_STATUS = ["none", "pending", "settled", "cancelled"];
const REDEMPTION_STATE = ["none", "pending", "fulfilled", "rejected", "cancelled"];
const REDEMPTION_KIND = ["physical delivery", "cash settlement"];

/** `hundredths` of a percent as "12.25%". */
function percent(hundredths: bigint): string {
  return `${groupThousands(formatAmount(hundredths, 2))}%`;
}

/** Argument `value` of kind `kind` for people; amounts in the tokens of `units`. */
export function readableValue(kind: ArgumentKind, value: unknown, units: ReadableUnits = {}): string {
  if (typeof value !== "bigint") return String(value);
  switch (kind) {
    case "tokens":
      return formatTokens(value, units.token);
    case "settlement":
      return formatTokens(value, units.settlement);
    case "time":
      return value === 0n ? "none (0)" : isoTime(value);
    case "day":
      return isoTime(value * 86_400n).slice(0, 10);
    case "duration":
      return formatDuration(value);
    case "rateBps":
      return percent(value);
    case "yield":
      return percent(value / 10n ** 14n);
    case "category": {
      const name = investorCategoryName(Number(value));
      return name === String(value) ? name : `${name} (${value})`;
    }
    case "allotmentStatus":
      return ALLOTMENT_STATUS[Number(value)] ?? String(value);
    case "redemptionState":
      return REDEMPTION_STATE[Number(value)] ?? String(value);
    case "redemptionKind":
      return REDEMPTION_KIND[Number(value)] ?? String(value);
    default:
      return String(value);
  }
}

/** Argument `param` (type `type`) of error or event `item` for people (see {@link argumentKind}). */
export function readableArgument(
  item: string,
  param: string,
  type: string,
  value: unknown,
  units: ReadableUnits = {},
): string {
  const kind = argumentKind(item, param, type);
  if (kind === "role") return roleName(String(value));
  return readableValue(kind, value, units);
}
