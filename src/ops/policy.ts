/**
 * A token's eligibility policy as the chain holds it, what a manifest asks for, and the calls that
 * turn the one into the other: used by the deployment (from a fresh token) and by `token policy`
 * (from the token as it is).
 */
import { ZeroAddress } from "ethers";
import { investorCategoryName, investorCategoryNames } from "../sdk/investors.js";
import type { RegulatedToken } from "../../typechain-types/index.js";
import { IInvestorRegistry__factory } from "../../typechain-types/index.js";
import { countryLabel } from "./countries.js";
import { ISO_3166_1 } from "./data/iso-3166-1.js";
import { OpsError } from "./errors.js";
import { NO_MODULE, type Policy } from "./manifest.js";
import type { PolicyCall, PolicySettings } from "../../ignition/modules/plan-types.js";
import { isoTime, parseAmount, parseIsoDate } from "./units.js";

export type { PolicyCall, PolicySettings } from "../../ignition/modules/plan-types.js";

/** A new token's policy: every country and category, no maximum, no lock-up, no compliance module. */
export const OPEN_POLICY: PolicySettings = {
  countryRestricted: false,
  allowedCountries: [],
  allowedCategories: 0xffff,
  maxBalance: 0n,
  maxHolders: 0,
  lockUpEndsAt: 0n,
  complianceModule: ZeroAddress,
};

/** The settings a manifest's `policy` asks for, on a token with `decimals` decimals (already validated). */
export function policySettingsOf(policy: Policy, decimals: number): PolicySettings {
  const maxBalance = policy.maxBalance === undefined ? 0n : parseAmount(policy.maxBalance, decimals);
  if (typeof maxBalance === "string") throw new Error(`unvalidated maxBalance: ${maxBalance}`);
  return {
    countryRestricted: policy.countries !== undefined,
    allowedCountries: [...new Set(policy.countries ?? [])].sort((a, b) => a - b),
    allowedCategories:
      policy.categories === undefined
        ? OPEN_POLICY.allowedCategories
        : policy.categories.reduce((mask, name) => mask | (1 << (investorCategoryNames.get(name) ?? 0)), 0),
    maxBalance,
    maxHolders: policy.maxHolders ?? 0,
    lockUpEndsAt: policy.lockUpEnd === undefined ? 0n : (parseIsoDate(policy.lockUpEnd) ?? 0n),
    complianceModule:
      policy.complianceModule === undefined || policy.complianceModule === NO_MODULE
        ? ZeroAddress
        : policy.complianceModule,
  };
}

/**
 * The calls that take a token from `current` to `desired`, in a safe order: countries are
 * allowed before the allowlist is switched on, and removed after it is.
 */
export function policyCalls(current: PolicySettings, desired: PolicySettings): PolicyCall[] {
  const calls: PolicyCall[] = [];
  const added = desired.allowedCountries.filter((c) => !current.allowedCountries.includes(c));
  const removed = desired.countryRestricted
    ? current.allowedCountries.filter((c) => !desired.allowedCountries.includes(c))
    : [];
  if (added.length > 0) calls.push({ fn: "setCountriesAllowed", args: [added, true] });
  if (current.countryRestricted !== desired.countryRestricted) {
    calls.push({ fn: "setCountryRestriction", args: [desired.countryRestricted] });
  }
  if (removed.length > 0) calls.push({ fn: "setCountriesAllowed", args: [removed, false] });
  if (current.allowedCategories !== desired.allowedCategories) {
    calls.push({ fn: "setAllowedCategories", args: [desired.allowedCategories] });
  }
  if (current.maxBalance !== desired.maxBalance) calls.push({ fn: "setMaxBalance", args: [desired.maxBalance] });
  if (current.maxHolders !== desired.maxHolders) calls.push({ fn: "setMaxHolders", args: [desired.maxHolders] });
  if (current.lockUpEndsAt !== desired.lockUpEndsAt) calls.push({ fn: "setLockUpEnd", args: [desired.lockUpEndsAt] });
  if (current.complianceModule !== desired.complianceModule) {
    calls.push({ fn: "setComplianceModule", args: [desired.complianceModule] });
  }
  return calls;
}

/**
 * Refuses, before anything is sent, a compliance module in `calls` that is not a contract on the
 * network (the token would revert with `RegulatedTokenInvalidComplianceModule`). `field` names
 * the manifest's field, as `sample.json: instruments[0].policy.complianceModule`.
 */
export async function checkComplianceModule(
  provider: { getCode(address: string): Promise<string> },
  calls: readonly PolicyCall[],
  field: string,
  network: string,
): Promise<void> {
  for (const call of calls) {
    if (call.fn !== "setComplianceModule" || call.args[0] === ZeroAddress) continue;
    if ((await provider.getCode(call.args[0])) !== "0x") continue;
    throw new OpsError(
      `${field}: got "${call.args[0]}", expected a deployed compliance module (no contract at this address on network ${network})`,
    );
  }
}

/**
 * Refuses `address` unless it answers `eligibilityOfPair`, which a token asks on every balance change: a registry
 * deployed before that view would refuse every transfer, so the token's constructor and `setRegistry` refuse it.
 */
export async function checkInvestorRegistry(
  provider: { call(tx: { to: string; data: string }): Promise<string> },
  address: string,
  field: string,
): Promise<void> {
  const data = IInvestorRegistry__factory.createInterface().encodeFunctionData("eligibilityOfPair", [
    ZeroAddress,
    ZeroAddress,
  ]);
  const answer = await provider.call({ to: address, data }).catch(() => "0x");
  if (answer.length >= 2 + 6 * 64) return;
  throw new OpsError(
    `${field}: ${address} is not an investor registry that answers eligibilityOfPair (one deployed before that view cannot serve this token)`,
  );
}

/** Reads the policy of `token`; the country allowlist is read for every ISO 3166-1 country. */
export async function readPolicy(token: RegulatedToken): Promise<PolicySettings> {
  const [countryRestricted, allowedCategories, maxBalance, maxHolders, lockUpEndsAt, complianceModule] =
    await Promise.all([
      token.countryRestricted(),
      token.allowedCategories(),
      token.maxBalance(),
      token.maxHolders(),
      token.lockUpEndsAt(),
      token.complianceModule(),
    ]);
  const codes = ISO_3166_1.map(([numeric]) => numeric);
  const allowed = await Promise.all(codes.map((code) => token.isCountryAllowed(code)));
  return {
    countryRestricted,
    allowedCountries: codes.filter((_, i) => allowed[i]).sort((a, b) => a - b),
    allowedCategories: Number(allowedCategories),
    maxBalance,
    maxHolders: Number(maxHolders),
    lockUpEndsAt,
    complianceModule,
  };
}

/** The transaction of `call` on `token`. */
export function populatePolicyCall(token: RegulatedToken, call: PolicyCall) {
  switch (call.fn) {
    case "setCountriesAllowed":
      return token.setCountriesAllowed.populateTransaction(...call.args);
    case "setCountryRestriction":
      return token.setCountryRestriction.populateTransaction(...call.args);
    case "setAllowedCategories":
      return token.setAllowedCategories.populateTransaction(...call.args);
    case "setMaxBalance":
      return token.setMaxBalance.populateTransaction(...call.args);
    case "setMaxHolders":
      return token.setMaxHolders.populateTransaction(...call.args);
    case "setLockUpEnd":
      return token.setLockUpEnd.populateTransaction(...call.args);
    case "setComplianceModule":
      return token.setComplianceModule.populateTransaction(...call.args);
  }
}

/** A line for the plan, as `setMaxBalance(50000000.0 tokens)`. */
export function describePolicyCall(call: PolicyCall, formatAmount: (units: bigint) => string): string {
  switch (call.fn) {
    case "setCountriesAllowed":
      return `${call.fn}([${call.args[0].map(countryLabel).join(", ")}], ${call.args[1]})`;
    case "setAllowedCategories":
      return `${call.fn}(${call.args[0]}: ${describeCategories(call.args[0])})`;
    case "setMaxBalance":
      return `${call.fn}(${formatAmount(call.args[0])} tokens)`;
    case "setLockUpEnd":
      return `${call.fn}(${call.args[0] === 0n ? "none" : isoTime(call.args[0])})`;
    case "setComplianceModule":
      return `${call.fn}(${call.args[0] === ZeroAddress ? NO_MODULE : call.args[0]})`;
    default:
      return `${call.fn}(${call.args[0]})`;
  }
}

export function describeCategories(mask: number): string {
  if (mask === OPEN_POLICY.allowedCategories) return "every category";
  const names: string[] = [];
  for (let c = 0; c < 16; c++) if ((mask & (1 << c)) !== 0) names.push(investorCategoryName(c));
  return names.join(", ") || "none";
}
