/**
 * Sovereign-bond operations: fixing a floating rate (RATE_SETTER_ROLE), funding a coupon from the
 * treasury wallet once its record date has passed, and paying it to the holders of record
 * (TREASURY_ROLE). Holders may also claim themselves (`claimCoupon`, from their own wallets).
 */
import type { SettlementTokenMock, SovereignBond } from "../../typechain-types/index.js";
import { confirmSending, instrumentOf, signerWithRole, type OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import { send } from "./send.js";
import { describeFailure } from "./tbill.js";
import { approveFromTreasury } from "./treasury.js";
import { formatAmount, isoTime } from "./units.js";

export interface BondOptions {
  instrument?: string;
  from?: string;
  reason?: string;
}

/** The sovereign bond `id` of the deployment (or its only instrument), with its settlement token. */
export async function bondOf(ctx: OpsContext, id: string | undefined) {
  const { id: chosen, instrument } = await instrumentOf(ctx, id);
  if (instrument.kind !== "sovereignBond") {
    throw new OpsError(`instrument "${chosen}" is a ${instrument.kind}, not a sovereignBond`);
  }
  const bond: SovereignBond = await ctx.connection.ethers.getContractAt("SovereignBond", instrument.address);
  // Only the ERC-20 functions of the settlement token are used.
  const cash: SettlementTokenMock = await ctx.connection.ethers.getContractAt(
    "SettlementTokenMock",
    await bond.settlementToken(),
  );
  return { id: chosen, instrument, bond, cash, cashDecimals: Number(await cash.decimals()) };
}

/** Fixes the rate of coupon `period` of a floating-rate bond at `percent` (as "12.25"), before its record date. */
export async function fixCouponRate(ctx: OpsContext, period: number, percent: string, options: BondOptions = {}) {
  const { id, bond } = await bondOf(ctx, options.instrument);
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent);
  if (match === null) throw new OpsError(`--rate: got "${percent}", expected a percent with at most 2 decimals`);
  const bps = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  ctx.out(`${id}: fix the rate of coupon ${period} (paid ${isoTime(await bond.couponDate(period))}) at ${percent}%`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bond, "RATE_SETTER_ROLE", options.from);
  return send(ctx, {
    action: "setCouponRate",
    contract: id,
    signer,
    tx: await bond.connect(signer).setCouponRate.populateTransaction(period, bps),
    iface: bond.interface,
    args: { period, rate: percent },
    reason: options.reason,
  });
}

/**
 * Funds coupon `period` once its record date has passed: the treasury wallet approves the bond
 * (when it is a configured account), then the holder of TREASURY_ROLE pulls exactly what the
 * holders of record are due.
 */
export async function fundCoupon(ctx: OpsContext, period: number, options: BondOptions = {}) {
  const { id, instrument, bond, cash, cashDecimals } = await bondOf(ctx, options.instrument);
  const supply = await bond.supplyAtRecord(period);
  const perToken = await bond.couponPerToken(period);
  const amount = (supply * perToken) / 10n ** BigInt(instrument.decimals);
  const money = (units: bigint) => formatAmount(units, cashDecimals);
  ctx.out(
    `${id}: fund coupon ${period}: ${money(perToken)} per bond on ${formatAmount(supply, instrument.decimals)} ` +
      `bonds held at the record date ${isoTime(await bond.recordDate(period))} = ${money(amount)}`,
  );
  confirmSending(ctx);
  await approveFromTreasury(ctx, {
    id,
    cash,
    treasury: await bond.treasury(),
    spender: await bond.getAddress(),
    amount,
    money,
    reason: options.reason,
  });
  const signer = await signerWithRole(ctx, bond, "TREASURY_ROLE", options.from);
  await send(ctx, {
    action: "fundCoupon",
    contract: id,
    signer,
    tx: await bond.connect(signer).fundCoupon.populateTransaction(period),
    iface: bond.interface,
    args: { period, amount: money(amount) },
    reason: options.reason,
  });
  return amount;
}

/** Pays coupon `period` to `holders` (TREASURY_ROLE); holders who cannot be paid are reported and keep their claim. */
export async function payCoupon(ctx: OpsContext, period: number, holders: string[], options: BondOptions = {}) {
  const { id, bond, cashDecimals } = await bondOf(ctx, options.instrument);
  ctx.out(`${id}: pay coupon ${period} to ${holders.length} holder(s)`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bond, "TREASURY_ROLE", options.from);
  const receipt = await send(ctx, {
    action: "payCoupon",
    contract: id,
    signer,
    tx: await bond.connect(signer).payCoupon.populateTransaction(period, holders),
    iface: bond.interface,
    args: { period, holders },
    reason: options.reason,
  });
  const paid: { holder: string; amount: string }[] = [];
  const skipped: { holder: string; reason: string }[] = [];
  for (const log of receipt.logs) {
    let event;
    try {
      event = bond.interface.parseLog(log);
    } catch {
      continue;
    }
    if (event?.name === "CouponPaid" || event?.name === "RentalPaid") {
      paid.push({ holder: String(event.args[1]), amount: formatAmount(event.args[2] as bigint, cashDecimals) });
    }
    if (event?.name === "CouponPaymentSkipped") {
      skipped.push({ holder: String(event.args[1]), reason: describeFailure(bond, String(event.args[2])) });
    }
  }
  for (const s of skipped) ctx.out(`  SKIPPED ${s.holder}: ${s.reason} (keeps its entitlement)`);
  return { paid, skipped };
}
