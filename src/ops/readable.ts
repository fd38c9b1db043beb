/**
 * Amounts and refusals of an instrument for people: tokens with thousands separators and the
 * instrument's symbol, money in its settlement token (a bill's or a bond's), and a contract's custom
 * error decoded with the same units, times as ISO dates (src/sdk/readable.ts).
 */
import type { Interface } from "ethers";
import { revertError, type ToolkitError } from "../sdk/errors.js";
import { formatTokens, type ReadableUnits } from "../sdk/readable.js";
import { instrumentOf, type OpsContext } from "./context.js";

const SETTLED_KINDS = new Set(["treasuryBill", "sovereignBond"]);
const known = new WeakMap<OpsContext, Map<string, Promise<ReadableUnits>>>();

async function readUnits(ctx: OpsContext, label: string): Promise<ReadableUnits> {
  const instrument = ctx.record.instruments[label];
  if (instrument === undefined) return {};
  const token = { symbol: instrument.symbol, decimals: instrument.decimals };
  if (!SETTLED_KINDS.has(instrument.kind)) return { token };
  try {
    const { ethers } = ctx.connection;
    const debt = await ethers.getContractAt("DebtSecurity", instrument.address);
    const cash = await ethers.getContractAt("IERC20Metadata", await debt.settlementToken());
    const [symbol, decimals] = await Promise.all([cash.symbol(), cash.decimals()]);
    return { token, settlement: { symbol, decimals: Number(decimals) } };
  } catch {
    // A settlement token without metadata: its amounts read as base units.
    return { token };
  }
}

/**
 * The units the errors and events of the contract `label` (an instrument id, or another contract
 * of the issuance) read in, read once per context.
 */
export function unitsOf(ctx: OpsContext, label: string): Promise<ReadableUnits> {
  let byLabel = known.get(ctx);
  if (byLabel === undefined) known.set(ctx, (byLabel = new Map()));
  let units = byLabel.get(label);
  if (units === undefined) byLabel.set(label, (units = readUnits(ctx, label)));
  return units;
}

/** `error` (a failed call of the contract `label`, or revert data it recorded) decoded for people. */
export async function refusalOf(
  ctx: OpsContext,
  label: string,
  error: unknown,
  contractInterface: Interface,
): Promise<ToolkitError> {
  return revertError(error, contractInterface, await unitsOf(ctx, label));
}

/** Formatters for people of the amounts of instrument `label`: its tokens, and money in its settlement token. */
export async function amountsOf(
  ctx: OpsContext,
  label: string,
): Promise<{ tokens: (units: bigint) => string; money: (units: bigint) => string; currency: string }> {
  const units = await unitsOf(ctx, label);
  return {
    tokens: (value) => formatTokens(value, units.token),
    money: (value) => formatTokens(value, units.settlement),
    currency: units.settlement?.symbol ?? "base units",
  };
}

/** `units` of instrument `id` (or the only one) for people: "3,000 SGOLD". */
export async function showTokens(ctx: OpsContext, id: string | undefined, units: bigint): Promise<string> {
  return formatTokens(units, (await instrumentOf(ctx, id)).instrument);
}
