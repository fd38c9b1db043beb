/**
 * Operations shared by the debt instruments (treasury bills and sovereign bonds, both built on
 * `DebtSecurity`): the instrument with its settlement token, the cancellation of a pending
 * allotment, the treasury wallet, and the redemption at maturity (funding from the treasury
 * wallet, payment to the holders).
 */
import { ZeroAddress, type Interface, type Log } from "ethers";
import { decodeLog } from "../sdk/logs.js";
import type { DebtSecurity, IERC20Metadata, SovereignBond } from "../../typechain-types/index.js";
import { blockTime } from "./chain.js";
import {
  INSTRUMENT_ARTIFACTS,
  confirmSending,
  instrumentOf,
  signerWithRole,
  type OpsContext,
  type OperationOptions,
} from "./context.js";
import { OpsError } from "./errors.js";
import { adminCall, type AdminOutcome } from "./admin-call.js";
import { recipientsSinceDeployment } from "./reports.js";
import { send } from "./send.js";
import { approveFromTreasury } from "./treasury.js";
import { amountsOf, refusalOf } from "./readable.js";
import { formatAmount, isChecksummedAddress, isoTime } from "./units.js";

export type DebtKind = "treasuryBill" | "sovereignBond";

export interface DebtOptions extends OperationOptions {
  /** Only an instrument of this kind (default: either). */
  kind?: DebtKind;
}

/**
 * The debt instrument `id` of the deployment (or its only instrument), which must be of one of
 * `kinds`, with its settlement token. The contract carries its own kind's ABI (so that its errors
 * decode); cast it to the kind's type to use its own functions.
 */
export async function debtOf(
  ctx: OpsContext,
  id: string | undefined,
  kinds: readonly DebtKind[] = ["treasuryBill", "sovereignBond"],
) {
  const { id: chosen, instrument } = await instrumentOf(ctx, id, kinds);
  const debt = (await ctx.connection.ethers.getContractAt(
    INSTRUMENT_ARTIFACTS[instrument.kind],
    instrument.address,
  )) as unknown as DebtSecurity;
  // Any ERC-20 the terms name: only its standard functions are used (balanceOf, allowance, approve, decimals).
  const cash: IERC20Metadata = await ctx.connection.ethers.getContractAt(
    "IERC20Metadata",
    await debt.settlementToken(),
  );
  return { id: chosen, instrument, debt, cash, cashDecimals: Number(await cash.decimals()) };
}

/** The events named `name` (or one of `name`) among `logs`, decoded with `contract`'s ABI. */
export function eventsNamed(contract: { interface: Interface }, logs: readonly Log[], name: string | string[]) {
  const names = typeof name === "string" ? [name] : name;
  return logs
    .map((log) => decodeLog(contract.interface, log))
    .filter((event) => event !== null && names.includes(event.name))
    .map((event) => event!);
}

/**
 * Funds the redemption of a bill or a bond (for a bond: the principal and the final coupon):
 * the treasury wallet approves the instrument for what is still due (when it is a configured
 * account), then the holder of TREASURY_ROLE pulls it (`fundRedemption`). Nothing is sent when
 * the redemption is fully funded, so a re-run does not repeat it.
 */
export async function fundRedemption(ctx: OpsContext, options: DebtOptions = {}) {
  const { id, instrument, debt, cash, cashDecimals } = await debtOf(
    ctx,
    options.instrument,
    options.kind && [options.kind],
  );
  const money = (units: bigint) => formatAmount(units, cashDecimals);
  let due: bigint;
  try {
    due = await debt.redemptionDue();
  } catch (error) {
    throw new OpsError(
      `${id}: cannot compute what the redemption needs: ${(await refusalOf(ctx, id, error, debt.interface)).shortMessage}`,
    );
  }
  if (due === 0n) {
    ctx.out(`${id}: nothing due: the redemption is fully funded`);
    return 0n;
  }
  // The first funding fixes a floating bond's final coupon for good, at the fallback rate of the terms
  // when no rate is fixed for it: the tool asks for the fixing, as for a coupon.
  if (instrument.kind === "sovereignBond" && (await debt.redemptionFunded()) === 0n) {
    const bond = debt as unknown as SovereignBond;
    const final = (await bond.couponCount()) - 1n;
    const terms = await bond.bondTerms();
    if (terms.floatingRate && final >= 0n && !(await bond.coupon(final)).rateFixed) {
      throw new OpsError(
        `${id}: ${terms.isSukuk ? "rental" : "coupon"} ${final}, the final one, has no rate fixed: fix its rate first ` +
          `(bond fix-rate); the first funding of the redemption would fix it at the fallback rate for good`,
      );
    }
  }
  const show = await amountsOf(ctx, id);
  ctx.out(`${id}: fund the redemption with ${show.money(due)} from the treasury wallet`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, debt, "TREASURY_ROLE", options.from);
  await approveFromTreasury(ctx, {
    id,
    cash,
    treasury: await debt.treasury(),
    spender: await debt.getAddress(),
    amount: due,
    money: show.money,
    reason: options.reason,
  });
  await send(ctx, {
    action: "fundRedemption",
    contract: id,
    signer,
    tx: await debt.connect(signer).fundRedemption.populateTransaction(),
    iface: debt.interface,
    args: { amount: money(due) },
    reason: options.reason,
  });
  ctx.out(`${id}: redemption funded: ${show.money(await debt.redemptionFunded())} in total`);
  return due;
}

/**
 * Sends back to the treasury wallet the redemption funds of a bill or a bond that no holder can
 * claim (`sweepRedemptionSurplus`, TREASURY_ROLE): what is funded and not yet paid beyond what the
 * whole remaining supply can claim, as after an issuer burn or once every holder is paid (rounding
 * dust). What holders can still claim, and a bond's coupon funds, stay. Nothing is sent when there
 * is no surplus, so a re-run sends nothing. Returns the amount swept.
 */
export async function sweepRedemptionSurplus(ctx: OpsContext, options: DebtOptions = {}) {
  const { id, debt, cashDecimals } = await debtOf(ctx, options.instrument, options.kind && [options.kind]);
  const money = (units: bigint) => formatAmount(units, cashDecimals);
  const signer = await signerWithRole(ctx, debt, "TREASURY_ROLE", options.from);
  let surplus: bigint;
  try {
    surplus = await debt.connect(signer).sweepRedemptionSurplus.staticCall();
  } catch (error) {
    const refusal = await refusalOf(ctx, id, error, debt.interface);
    const reason = refusal.shortMessage;
    if (refusal.decoded?.name === "DebtSecurityNothingToSweep") {
      ctx.out(`${id}: no surplus: holders can claim all the redemption funds (${reason})`);
      return 0n;
    }
    throw new OpsError(`${id}: cannot sweep the redemption surplus: ${reason}`);
  }
  const show = await amountsOf(ctx, id);
  ctx.out(`${id}: return ${show.money(surplus)} of redemption funds no holder can claim to the treasury wallet`);
  confirmSending(ctx);
  await send(ctx, {
    action: "sweepRedemptionSurplus",
    contract: id,
    signer,
    tx: await debt.connect(signer).sweepRedemptionSurplus.populateTransaction(),
    iface: debt.interface,
    args: { amount: money(surplus) },
    reason: options.reason,
  });
  ctx.out(`${id}: redemption funded: ${show.money(await debt.redemptionFunded())} in total after the sweep`);
  return surplus;
}

/**
 * Redeems the whole balance of `holders` (default: every holder) at maturity, paying each its
 * face value (a bond: with the final coupon) (`redeemFor`); holders who cannot be paid are
 * reported and keep their claim. Holders with nothing left are not sent, so a re-run pays only
 * those still holding.
 */
export async function redeemFor(ctx: OpsContext, holders: readonly string[] | undefined, options: DebtOptions = {}) {
  const { id, instrument, debt, cashDecimals } = await debtOf(ctx, options.instrument, options.kind && [options.kind]);
  for (const wallet of holders ?? []) {
    if (!isChecksummedAddress(wallet)) throw new OpsError(`--wallet: got "${wallet}", expected a checksummed address`);
  }
  const maturity = await debt.maturityDate();
  if ((await blockTime(ctx.connection.ethers.provider)) < maturity) {
    throw new OpsError(`${id} matures on ${isoTime(maturity)}: redeem from then on`);
  }
  const named = holders !== undefined && holders.length > 0;
  const wallets: string[] = [];
  for (const wallet of named ? new Set(holders) : await recipientsSinceDeployment(ctx, debt)) {
    if ((await debt.balanceOf(wallet)) > 0n) wallets.push(wallet);
    else if (named) ctx.out(`  ${wallet}: nothing to redeem (no balance)`);
  }
  if (wallets.length === 0) {
    ctx.out(`${id}: no holder to redeem`);
    return { redeemed: [], skipped: [] };
  }
  ctx.out(`${id}: redeem the whole balance of ${wallets.length} holder(s)`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, debt, "TREASURY_ROLE", options.from);
  const receipt = await send(ctx, {
    action: "redeemFor",
    contract: id,
    signer,
    tx: await debt.connect(signer).redeemFor.populateTransaction(wallets),
    iface: debt.interface,
    args: { holders: wallets },
    reason: options.reason,
  });
  const redeemed = eventsNamed(debt, receipt.logs, "Redeemed").map((e) => {
    const [holder, amount, paid] = e.args as unknown as [string, bigint, bigint];
    return {
      holder,
      amount: formatAmount(amount, instrument.decimals),
      paid: formatAmount(paid, cashDecimals),
    };
  });
  const skipped = await Promise.all(
    eventsNamed(debt, receipt.logs, "RedemptionSkipped").map(async (e) => {
      const [holder, data] = e.args as unknown as [string, string];
      return { holder, reason: (await refusalOf(ctx, id, data, debt.interface)).shortMessage };
    }),
  );
  ctx.out(`${id}: ${redeemed.length} holder(s) paid, ${skipped.length} skipped`);
  for (const s of skipped) ctx.out(`  SKIPPED ${s.holder}: ${s.reason} (keeps its claim)`);
  return { redeemed, skipped };
}

/** The states of an allotment, as the contract's `AllotmentStatus` numbers them. */
export const ALLOTMENT_STATES = ["unknown", "pending", "settled", "cancelled"] as const;

/**
 * Cancels pending allotment `allotment` of a bill or bond (`cancelAllotment`, ISSUER_ROLE): the
 * bidder is no longer due the securities and pays nothing. The number must be one recorded; an
 * allotment cancelled already sends nothing (a re-run), a settled one is refused.
 */
export async function cancelAllotment(ctx: OpsContext, allotment: string, options: DebtOptions = {}) {
  const { id, debt } = await debtOf(ctx, options.instrument, options.kind && [options.kind]);
  const count = await debt.allotmentCount();
  if (!/^\d+$/.test(allotment) || BigInt(allotment) >= count) {
    const why =
      count === 0n
        ? `but ${id} has no allotment yet`
        : `expected an allotment number from 0 to ${count - 1n} (${id} has ${count})`;
    throw new OpsError(`--allotment: got "${allotment}", ${why}`);
  }
  const number = BigInt(allotment);
  const row = await debt.allotment(number);
  const state = ALLOTMENT_STATES[Number(row.status)];
  const show = await amountsOf(ctx, id);
  const what = `allotment ${number} of ${row.bidder}: ${show.tokens(row.amount)} at ${show.money(row.price)}`;
  if (state === "cancelled") {
    ctx.out(`${id}: ${what} is cancelled already: nothing to send`);
    return false;
  }
  if (state !== "pending") throw new OpsError(`${id}: ${what} is ${state}: only a pending allotment can be cancelled`);
  ctx.out(`${id}: cancel ${what}${options.reason ? ` (reason: ${options.reason})` : ""}`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, debt, "ISSUER_ROLE", options.from);
  await send(ctx, {
    action: "cancelAllotment",
    contract: id,
    signer,
    tx: await debt.connect(signer).cancelAllotment.populateTransaction(number),
    iface: debt.interface,
    args: { allotment: allotment, bidder: row.bidder },
    reason: options.reason,
  });
  return true;
}

/**
 * Points a bill or bond to another treasury wallet (`setTreasury`, DEFAULT_ADMIN_ROLE): it
 * receives auction proceeds and funds coupons and the redemption from then on. Sent as the admin
 * (directly, through the timelock, or printed for a multisig); nothing is sent when the treasury
 * is that wallet already.
 */
export async function setTreasury(
  ctx: OpsContext,
  treasury: string,
  options: DebtOptions & { salt?: string } = {},
): Promise<AdminOutcome> {
  if (!isChecksummedAddress(treasury) || treasury === ZeroAddress) {
    throw new OpsError(`--treasury: got "${treasury}", expected a checksummed address other than zero`);
  }
  const { id, debt } = await debtOf(ctx, options.instrument, options.kind && [options.kind]);
  const current = await debt.treasury();
  if (current === treasury) {
    ctx.out(`${id}: the treasury wallet is ${treasury} already: nothing to send`);
    return "done";
  }
  ctx.out(`${id}: change the treasury wallet from ${current} to ${treasury}`);
  return adminCall(
    ctx,
    { label: id, contract: debt },
    "setTreasury",
    debt.interface.encodeFunctionData("setTreasury", [treasury]),
    { from: options.from, salt: options.salt, reason: options.reason, args: { previous: current, treasury } },
  );
}
