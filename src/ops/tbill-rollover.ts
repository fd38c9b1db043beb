/**
 * The rollover of a matured bill into this one: the issuer sets the price (a money-market yield
 * for the days left) at which holders of the matured bill roll over, or closes the rollover.
 */
import { id as keccakText } from "ethers";
import type { TreasuryBill } from "../../typechain-types/index.js";
import { blockTime } from "./chain.js";
import { confirmSending, signerWithRole, type OperationOptions, type OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import { INSTRUMENT_KINDS } from "./kinds/index.js";
import { send } from "./send.js";
import { amountsOf } from "./readable.js";
import { isChecksummedAddress, isoTime, parseAmount } from "./units.js";
import { billOf, formatYield } from "./tbill.js";

export interface RolloverOptions extends OperationOptions {
  /** Close the rollover (price zero) instead of setting a price. */
  close?: boolean;
}

/** The bill `matured` names: an instrument id of the deployment, or a checksummed address. */
async function maturedBillOf(ctx: OpsContext, matured: string) {
  const known = ctx.record.instruments[matured] as (typeof ctx.record.instruments)[string] | undefined;
  if (known !== undefined && known.kind !== "treasuryBill") {
    throw new OpsError(`--matured: instrument "${matured}" is a ${known.kind}, not a treasuryBill`);
  }
  if (known === undefined && !isChecksummedAddress(matured)) {
    throw new OpsError(
      `--matured: got "${matured}", expected a treasury bill's instrument id (${Object.keys(ctx.record.instruments).join(", ")}) or its checksummed address`,
    );
  }
  const address = known?.address ?? matured;
  const label = known === undefined ? address : `${matured} (${address})`;
  return { address, label, id: known === undefined ? undefined : matured };
}

/**
 * Opens the rollover of bill `matured` (an instrument id of the deployment or an address) into
 * bill `options.instrument` at `price` per whole bill today, in settlement-token units (as
 * `98.5`), or closes it (`options.close`): `setRolloverPrice`, ISSUER_ROLE of the newer bill.
 * The newer bill keeps the money-market yield that price gives for the days left to its maturity
 * and prices each later day from it (`rolloverPrice`: the price rises towards the face value, so
 * a holder who waits gains only the money-market accrual). Holders of the matured bill then call
 * `rollover` on the newer bill themselves. The matured bill must be another bill paid in the same
 * settlement token; the price above 0 and at most the face value; a day must be left before the
 * newer bill matures. Nothing is sent when the price on chain today is that price already (on a
 * later day it has moved: a re-run prices the rollover afresh from that day). Then says what
 * else the rollover needs: the newer bill holding ROLLOVER_ROLE on the matured bill (granted by
 * its admin, `roles grant`), and the matured bill's redemption funded (`tbill fund-redemption`).
 */
export async function setRolloverPrice(
  ctx: OpsContext,
  matured: string,
  price: string | undefined,
  options: RolloverOptions = {},
) {
  const { id, bill, cashDecimals } = await billOf(ctx, options.instrument);
  const { money } = await amountsOf(ctx, id);
  const faceValue = await bill.faceValue();
  let units = 0n;
  if (options.close) {
    if (price !== undefined && price !== "") throw new OpsError("--price and --close: give one of them, not both");
  } else {
    if (price === undefined || price === "") throw new OpsError("--price (or --close) is required");
    const parsed = parseAmount(price, cashDecimals);
    if (typeof parsed === "string" || parsed === 0n || parsed > faceValue) {
      throw new OpsError(
        `--price: got "${price}", expected a price per bill above 0 and at most the face value ${money(faceValue)}, ` +
          `with at most ${cashDecimals} decimals (--close closes the rollover)`,
      );
    }
    units = parsed;
  }
  const source = await maturedBillOf(ctx, matured);
  const billAddress = await bill.getAddress();
  if (source.address === billAddress) throw new OpsError(`--matured: ${source.label} is ${id} itself`);
  const maturedBill: TreasuryBill = await ctx.connection.ethers.getContractAt(
    INSTRUMENT_KINDS.treasuryBill.contract,
    source.address,
  );
  let maturedCash: string;
  try {
    maturedCash = await maturedBill.settlementToken();
  } catch {
    throw new OpsError(`--matured: ${source.label} is not a treasury bill (no settlementToken)`);
  }
  if (maturedCash !== (await bill.settlementToken())) {
    throw new OpsError(
      `--matured: ${source.label} is paid in ${maturedCash}, ${id} in ${await bill.settlementToken()}: ` +
        "a rollover needs the same settlement token",
    );
  }
  const current = await bill.rolloverPrice(source.address);
  const describe = (value: bigint) => (value === 0n ? "closed" : `open at ${money(value)} per bill today`);
  if (current === units) {
    ctx.out(`${id}: the rollover of ${source.label} is ${describe(units)} already: nothing to send`);
  } else {
    ctx.out(`${id}: rollover of ${source.label}: ${describe(current)} -> ${describe(units)}`);
    confirmSending(ctx);
    const signer = await signerWithRole(ctx, bill, "ISSUER_ROLE", options.from);
    await send(ctx, {
      action: "setRolloverPrice",
      contract: id,
      signer,
      tx: await bill.connect(signer).setRolloverPrice.populateTransaction(source.address, units),
      iface: bill.interface,
      args: { matured: source.address, price: options.close ? "closed" : price },
      reason: options.reason,
    });
  }
  if (units === 0n) return { sent: current !== units, ready: false };
  ctx.out(
    `  priced at a money-market yield of ${formatYield(await bill.rolloverYield(source.address))} for the days ` +
      `left to ${isoTime(await bill.maturityDate())}: the price rises with each day, to the face value at maturity`,
  );
  const notes: string[] = [];
  if (!(await maturedBill.hasRole(keccakText("ROLLOVER_ROLE"), billAddress))) {
    const manifest = source.id === undefined ? "<the matured bill's manifest>" : ctx.record.manifest;
    notes.push(
      `${id} needs ROLLOVER_ROLE on ${source.label}; its admin runs: npx hardhat roles grant --manifest ${manifest} ` +
        `--contract ${source.id ?? "<its instrument id>"} --role ROLLOVER_ROLE --account ${billAddress}`,
    );
  }
  const unfunded = await maturedBill.redemptionDue();
  if (unfunded > 0n) {
    notes.push(`${source.label} still needs ${money(unfunded)} for its redemption (tbill fund-redemption)`);
  }
  if ((await blockTime(ctx.connection.ethers.provider)) < (await maturedBill.maturityDate())) {
    notes.push(
      `${source.label} matures on ${isoTime(await maturedBill.maturityDate())}: holders roll over from then on`,
    );
  }
  for (const note of notes) ctx.out(`  before holders can roll over: ${note}`);
  if (notes.length === 0) ctx.out(`  holders of ${source.label} can roll over now (rollover on ${id})`);
  return { sent: current !== units, ready: notes.length === 0 };
}
