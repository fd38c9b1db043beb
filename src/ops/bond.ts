/**
 * Sovereign-bond operations: fixing a floating rate (RATE_SETTER_ROLE), funding a coupon from the
 * treasury wallet once its record date has passed, paying it to the holders of record and sweeping
 * what was not claimed once the claim window is over (TREASURY_ROLE). Holders may also claim
 * themselves (`claimCoupon`, from their own wallets). The final coupon is paid with the principal
 * at maturity: src/ops/debt.ts (`fundRedemption`, `redeemFor`), common to the debt instruments.
 *
 * Every operation checks its whole input and the coupon's state before sending, and does nothing
 * when there is nothing left to do (a rate fixed already at the same value, a coupon funded or
 * swept already, holders paid already), so a re-run after a crash does not repeat a step.
 *
 * For a sukuk (`bondTerms().isSukuk`) the periodic payments are rentals; messages say so.
 */
import type { SovereignBond } from "../../typechain-types/index.js";
import { blockTime, waitUntilSettled } from "./chain.js";
import { confirmSending, signerWithRole, type OperationOptions, type OpsContext } from "./context.js";
import { checkRows, readCsvFile } from "./csv.js";
import { debtOf, eventsNamed } from "./debt.js";
import { OpsError } from "./errors.js";
import { recipientsSinceDeployment } from "./reports.js";
import { send } from "./send.js";
import { approveFromTreasury } from "./treasury.js";
import { amountsOf, refusalOf } from "./readable.js";
import { formatAmount, isChecksummedAddress, isoTime } from "./units.js";

/** `coupon(period).status` on chain. */
export const COUPON_STATUS = { unfunded: 0n, funded: 1n, swept: 2n } as const;

/**
 * The sovereign bond `id` of the deployment (or its only instrument), with its settlement token,
 * its coupon terms and what its periodic payments are called ("coupon", or "rental" for a sukuk).
 */
export async function bondOf(ctx: OpsContext, id: string | undefined) {
  const { debt, ...rest } = await debtOf(ctx, id, ["sovereignBond"]);
  const bond = debt as unknown as SovereignBond;
  const terms = await bond.bondTerms();
  return {
    ...rest,
    bond,
    terms,
    payment: terms.isSukuk ? "rental" : "coupon",
    money: (units: bigint) => formatAmount(units, rest.cashDecimals),
    /** For people: bonds and money with thousands separators and units. */
    show: await amountsOf(ctx, rest.id),
  };
}

/** A rate in basis points as a percent, "12.25%". */
export function formatRate(bps: bigint | number): string {
  return `${formatAmount(BigInt(bps), 2)}%`;
}

/** Basis points of `percent` (as "12.25": at most 2 decimals, at most 655.35, what the contract stores). */
export function parseRate(percent: string): number {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(percent.trim());
  const bps = match === null ? undefined : Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  if (bps === undefined || bps > 65_535) {
    throw new OpsError(
      `--rate: got "${percent}", expected a percent with at most 2 decimals, at most 655.35, as 12.25`,
    );
  }
  return bps;
}

/**
 * Coupon number `period` of `bond` (0 to couponCount - 1); with `periodic`, not the final coupon,
 * which is paid with the principal.
 */
export async function checkPeriod(
  id: string,
  bond: SovereignBond,
  period: number | string,
  periodic: boolean,
): Promise<number> {
  const count = Number(await bond.couponCount());
  const text = String(period).trim();
  const last = periodic ? count - 2 : count - 1;
  if (last < 0) {
    throw new OpsError(
      `--period: got "${text}", but ${id} has ${count === 0 ? "no coupon (zero-coupon bond)" : "only its final coupon, paid with the principal (bond fund-redemption, bond redeem-for)"}`,
    );
  }
  if (!/^\d+$/.test(text) || Number(text) > last) {
    const final = periodic ? `; coupon ${count - 1}, the last, is paid with the principal (bond redeem-for)` : "";
    throw new OpsError(
      `--period: got "${text}", expected a coupon number from 0 to ${last} (${id} has ${count} coupons${final})`,
    );
  }
  return Number(text);
}

/** The holders listed in CSV `file` (column `wallet`), every row valid (checksummed, once), or every problem at once. */
export async function readHolderFile(file: string): Promise<string[]> {
  const rows = await readCsvFile(file, ["wallet"]);
  const seen = new Set<string>();
  return checkRows(file, rows, 1, (row, problem) => {
    const { wallet } = row.cells;
    if (!isChecksummedAddress(wallet)) problem("wallet", "a checksummed address (EIP-55)");
    else if (seen.has(wallet)) problem("wallet", "each wallet once");
    seen.add(wallet);
    return { wallet };
  }).map((row) => row.wallet);
}

const now = (ctx: OpsContext) => blockTime(ctx.connection.ethers.provider);

/**
 * Fixes the rate of coupon `period` of a floating-rate bond at `percent` (as "12.25"), before its
 * record date (RATE_SETTER_ROLE). Nothing is sent when the rate is fixed at that value already.
 */
export async function fixCouponRate(
  ctx: OpsContext,
  period: number | string,
  percent: string,
  options: OperationOptions = {},
) {
  const { id, bond, terms, payment } = await bondOf(ctx, options.instrument);
  const p = await checkPeriod(id, bond, period, false);
  const bps = parseRate(percent);
  if (!terms.floatingRate) {
    throw new OpsError(
      `${id} is a fixed-rate bond (${formatRate(terms.couponRateBps)} in its terms): only a floating-rate bond's rates are fixed`,
    );
  }
  // A rate may be fixed late, until its coupon is funded (the final coupon: until the redemption is).
  const current = await bond.coupon(p);
  const isFinal = BigInt(p) === (await bond.couponCount()) - 1n;
  if (isFinal ? (await bond.redemptionFunded()) !== 0n : current.status !== COUPON_STATUS.unfunded) {
    throw new OpsError(
      `${id}: ${payment} ${p} is funded already${isFinal ? " (the redemption)" : ""}: its rate can no longer change`,
    );
  }
  if (current.rateFixed && current.rateBps === BigInt(bps)) {
    ctx.out(`${id}: the rate of ${payment} ${p} is fixed at ${formatRate(bps)} already: nothing to send`);
    return undefined;
  }
  ctx.out(
    `${id}: fix the rate of ${payment} ${p} (paid ${isoTime(await bond.couponDate(p))}) at ${formatRate(bps)}` +
      (current.rateFixed ? ` (was ${formatRate(current.rateBps)})` : ""),
  );
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bond, "RATE_SETTER_ROLE", options.from);
  return send(ctx, {
    action: "setCouponRate",
    contract: id,
    signer,
    tx: await bond.connect(signer).setCouponRate.populateTransaction(p, bps),
    iface: bond.interface,
    args: { period: p, rate: formatRate(bps) },
    reason: options.reason,
  });
}

/**
 * Funds coupon `period` once its record date has passed: the treasury wallet approves the bond
 * (when it is a configured account), then the holder of TREASURY_ROLE pulls exactly what the
 * holders of record are due. Returns the amount pulled; 0 (nothing sent) when the coupon is funded
 * (or swept) already.
 */
export async function fundCoupon(ctx: OpsContext, period: number | string, options: OperationOptions = {}) {
  const { id, instrument, bond, cash, money, show, payment } = await bondOf(ctx, options.instrument);
  const p = await checkPeriod(id, bond, period, true);
  const state = await bond.coupon(p);
  if (state.status !== COUPON_STATUS.unfunded) {
    const swept = state.status === COUPON_STATUS.swept ? " and swept" : "";
    ctx.out(`${id}: ${payment} ${p} is funded${swept} already (${show.money(state.funded)}): nothing to send`);
    return 0n;
  }
  const recordDate = await bond.recordDate(p);
  if ((await now(ctx)) <= recordDate) {
    throw new OpsError(`${id}: ${payment} ${p} can be funded after its record date ${isoTime(recordDate)}, not before`);
  }
  // The contract funds a floating coupon without a rate at the fallback rate of the terms; the tool asks for the fixing.
  if ((await bond.bondTerms()).floatingRate && !state.rateFixed) {
    throw new OpsError(
      `${id}: ${payment} ${p} has no rate fixed: fix its rate first (bond fix-rate); funded without one, it would pay the fallback rate`,
    );
  }
  const perToken = await bond.couponPerToken(p);
  const supply = await bond.supplyAtRecord(p);
  const amount = (supply * perToken) / 10n ** BigInt(instrument.decimals);
  ctx.out(
    `${id}: fund ${payment} ${p}: ${show.money(perToken)} per bond on ${show.tokens(supply)} ` +
      `held at the record date ${isoTime(recordDate)} = ${show.money(amount)}`,
  );
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bond, "TREASURY_ROLE", options.from);
  await approveFromTreasury(ctx, {
    id,
    cash,
    treasury: await bond.treasury(),
    spender: await bond.getAddress(),
    amount,
    money: show.money,
    reason: options.reason,
  });
  await send(ctx, {
    action: "fundCoupon",
    contract: id,
    signer,
    tx: await bond.connect(signer).fundCoupon.populateTransaction(p),
    iface: bond.interface,
    args: { period: p, amount: money(amount) },
    reason: options.reason,
  });
  return amount;
}

export interface PayOptions extends OperationOptions {
  /** Holders per payCoupon transaction (default 100). */
  page?: number;
}

/**
 * Pays coupon `period` (TREASURY_ROLE) to `holders`, or by default to every holder of record:
 * the wallets that ever received the bond (Transfer events, which also finds the replacement
 * wallets that entitlements were moved to). Only those still due something (`couponDue` > 0) are
 * sent, in transactions of `page` holders, so a re-run after a crash pays only those left.
 * Holders who cannot be paid (frozen, unverified...) are reported and keep their entitlement.
 */
export async function payCoupon(
  ctx: OpsContext,
  period: number | string,
  holders: readonly string[] | undefined,
  options: PayOptions = {},
) {
  const { id, bond, terms, money, show, payment } = await bondOf(ctx, options.instrument);
  const p = await checkPeriod(id, bond, period, true);
  const page = options.page ?? 100;
  if (!Number.isInteger(page) || page < 1) {
    throw new OpsError(`--page: got ${page}, expected a whole number of holders of at least 1`);
  }
  const named = holders !== undefined && holders.length > 0;
  const bad = (holders ?? []).filter((h) => !isChecksummedAddress(h));
  if (bad.length > 0) {
    throw new OpsError(`--holders: got ${bad.map((h) => `"${h}"`).join(", ")}, expected checksummed addresses`);
  }
  const state = await bond.coupon(p);
  if (state.status === COUPON_STATUS.unfunded) {
    throw new OpsError(`${id}: ${payment} ${p} is not funded: fund it first (bond fund-coupon)`);
  }
  if (state.status === COUPON_STATUS.swept) {
    throw new OpsError(`${id}: ${payment} ${p} was swept to the treasury: it can no longer be paid`);
  }
  const couponDate = await bond.couponDate(p);
  const closesAt = couponDate + terms.claimWindow;
  const time = await now(ctx);
  if (time < couponDate) throw new OpsError(`${id}: ${payment} ${p} is paid from ${isoTime(couponDate)}, not before`);
  if (time >= closesAt) {
    throw new OpsError(`${id}: the claim window of ${payment} ${p} closed at ${isoTime(closesAt)} (sweep it instead)`);
  }
  const signer = await signerWithRole(ctx, bond, "TREASURY_ROLE", options.from);
  await waitUntilSettled(ctx.connection.ethers.provider, signer.address);
  const due: { holder: string; amount: bigint }[] = [];
  for (const holder of named ? new Set(holders) : await recipientsSinceDeployment(ctx, bond)) {
    const amount = await bond.couponDue(holder, p);
    if (amount > 0n) due.push({ holder, amount });
    else if (named) ctx.out(`  ${holder}: nothing due (paid already, or no bonds at the record date)`);
  }
  if (due.length === 0) {
    ctx.out(`${id}: nobody is still due ${payment} ${p}: nothing to send`);
    return { paid: [], skipped: [] };
  }
  const pages = Math.ceil(due.length / page);
  const total = due.reduce((sum, d) => sum + d.amount, 0n);
  ctx.out(
    `${id}: pay ${payment} ${p} to ${due.length} holder(s) still due, ${show.money(total)} in all, ` +
      `in ${pages} transaction(s) of up to ${page}`,
  );
  confirmSending(ctx);
  const paid: { holder: string; amount: string }[] = [];
  const skipped: { holder: string; reason: string }[] = [];
  for (let index = 0; index < pages; index++) {
    const part = due.slice(index * page, (index + 1) * page).map((d) => d.holder);
    const receipt = await send(ctx, {
      action: "payCoupon",
      contract: id,
      signer,
      tx: await bond.connect(signer).payCoupon.populateTransaction(p, part),
      iface: bond.interface,
      args: { period: p, page: index + 1, holders: part },
      reason: options.reason,
    });
    const before = [paid.length, skipped.length];
    for (const event of eventsNamed(bond, receipt.logs, ["CouponPaid", "RentalPaid"])) {
      paid.push({ holder: String(event.args[1]), amount: money(event.args[2] as bigint) });
    }
    for (const event of eventsNamed(bond, receipt.logs, ["CouponPaymentSkipped", "RentalPaymentSkipped"])) {
      skipped.push({
        holder: String(event.args[1]),
        reason: (await refusalOf(ctx, id, String(event.args[2]), bond.interface)).shortMessage,
      });
    }
    ctx.out(
      `  transaction ${index + 1}/${pages}: ${paid.length - before[0]} paid, ${skipped.length - before[1]} skipped`,
    );
  }
  for (const s of skipped) ctx.out(`  SKIPPED ${s.holder}: ${s.reason} (keeps its entitlement)`);
  return { paid, skipped };
}

/**
 * Once the claim window of coupon `period` is over, sends what was not paid (unclaimed amounts
 * and rounding dust) back to the treasury wallet (TREASURY_ROLE). Returns the amount swept; 0
 * (nothing sent) when it was swept already.
 */
export async function sweepUnclaimed(ctx: OpsContext, period: number | string, options: OperationOptions = {}) {
  const { id, bond, terms, money, show, payment } = await bondOf(ctx, options.instrument);
  const p = await checkPeriod(id, bond, period, true);
  const state = await bond.coupon(p);
  if (state.status === COUPON_STATUS.swept) {
    ctx.out(`${id}: ${payment} ${p} was swept already: nothing to send`);
    return 0n;
  }
  if (state.status === COUPON_STATUS.unfunded) {
    throw new OpsError(`${id}: ${payment} ${p} is not funded: there is nothing to sweep`);
  }
  const closesAt = (await bond.couponDate(p)) + terms.claimWindow;
  if ((await now(ctx)) < closesAt) {
    throw new OpsError(`${id}: the claim window of ${payment} ${p} is open until ${isoTime(closesAt)}: sweep after`);
  }
  const rest = state.funded - state.paid;
  ctx.out(
    `${id}: sweep ${payment} ${p}: ${show.money(rest)} unpaid of ${show.money(state.funded)} goes back to the treasury wallet`,
  );
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bond, "TREASURY_ROLE", options.from);
  await send(ctx, {
    action: "sweepUnclaimed",
    contract: id,
    signer,
    tx: await bond.connect(signer).sweepUnclaimed.populateTransaction(p),
    iface: bond.interface,
    args: { period: p, amount: money(rest) },
    reason: options.reason,
  });
  return rest;
}
