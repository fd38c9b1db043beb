/**
 * Treasury-bill operations: the auction (bids file, allotment with src/sdk/tbill, recording and
 * delivery-versus-payment settlement), settlement retries, and the rollover of a matured bill into
 * this one (its price). The redemption at maturity, the cancellation of an allotment and the
 * treasury wallet are common to the debt instruments: src/ops/debt.ts.
 *
 * The bids file, one bid a line:
 *
 *     bidder,type,amount,yield
 *     0x976EA74026E726554dB657fA54763abd0C3a0aa9,competitive,400000,11.95
 *     0xa0Ee7A142d267C1f36714E4a8F75612F20a79720,noncompetitive,50000,
 *
 * `amount` in bills (face value), `yield` the money-market yield in percent (competitive bids only).
 */
import { decodeBytes32String, encodeBytes32String, id as keccakText, type TransactionReceipt } from "ethers";
import type { TreasuryBill } from "../../typechain-types/index.js";
import {
  allotAuction,
  type AuctionMethod,
  type AuctionResult,
  type CompetitiveBid,
  type NonCompetitiveBid,
} from "../sdk/tbill/index.js";
import { blockTime } from "./chain.js";
import { confirmSending, signerWithRole, type OperationOptions, type OpsContext } from "./context.js";
import { checkRows, readCsvFile } from "./csv.js";
import { revertError } from "../sdk/errors.js";
import { debtOf, eventsNamed } from "./debt.js";
import { OpsError } from "./errors.js";
import type { Row } from "./output.js";
import { send } from "./send.js";
import { formatAmount, isChecksummedAddress, isoTime, parseAmount } from "./units.js";

export const BID_COLUMNS = ["bidder", "type", "amount", "yield"] as const;

/** Yields are written in percent; on chain they are 18-decimal fractions (1e16 is 1 %). */
const PERCENT_DECIMALS = 16;

export interface Bids {
  competitive: CompetitiveBid[];
  nonCompetitive: NonCompetitiveBid[];
}

/** The bids of file `file` (amounts in bills of `decimals` decimals), every row valid, or every problem at once. */
export async function readBidFile(file: string, decimals: number): Promise<Bids> {
  const rows = await readCsvFile(file, BID_COLUMNS);
  const checked = checkRows(file, rows, BID_COLUMNS.length, (row, problem) => {
    const { bidder, type, amount, yield: yieldText } = row.cells;
    if (!isChecksummedAddress(bidder)) problem("bidder", "a checksummed address (EIP-55)");
    if (type !== "competitive" && type !== "noncompetitive") problem("type", '"competitive" or "noncompetitive"');
    const units = parseAmount(amount, decimals);
    if (typeof units === "string") problem("amount", units);
    else if (units === 0n) problem("amount", "more than 0");
    let yieldRate: bigint | undefined;
    if (type === "competitive") {
      const parsed = parseAmount(yieldText, PERCENT_DECIMALS);
      if (typeof parsed === "string" || yieldText === "") problem("yield", "a yield in percent, as 11.95");
      else yieldRate = parsed;
    } else if (type === "noncompetitive" && yieldText !== "") {
      problem("yield", "nothing: a non-competitive bid takes the auction's price");
    }
    return { bidder, type, amount: typeof units === "bigint" ? units : 0n, yieldRate };
  });
  return {
    competitive: checked
      .filter((b) => b.type === "competitive")
      .map((b) => ({ bidder: b.bidder, amount: b.amount, yieldRate: b.yieldRate ?? 0n })),
    nonCompetitive: checked
      .filter((b) => b.type === "noncompetitive")
      .map((b) => ({ bidder: b.bidder, amount: b.amount })),
  };
}

/** Yield (18 decimals) in percent, to 4 decimals. */
export function formatYield(yieldRate: bigint): string {
  return `${formatAmount(yieldRate / 10n ** 12n, 4)}%`;
}

/** The treasury bill `id` of the deployment (or its only instrument), with its settlement token. */
export async function billOf(ctx: OpsContext, id: string | undefined) {
  const { debt, ...rest } = await debtOf(ctx, id, ["treasuryBill"]);
  return { ...rest, bill: debt as unknown as TreasuryBill };
}

export interface AuctionOptions extends OperationOptions {
  method?: AuctionMethod;
  /** Bids above this yield (percent, as "12.5") are rejected. */
  maxYield?: string;
  /** Names the auction on chain (at most 31 characters); default `<id>-<settlement date>`. */
  auctionId?: string;
  /** Prints the allotment and stops. */
  dryRun?: boolean;
}

export const ALLOTMENT_COLUMNS = ["bidder", "type", "amount", "yield", "price", "cost"] as const;

export interface SettlementOutcome {
  settled: { id: bigint; bidder: string; amount: string; cost: string }[];
  failed: { id: bigint; bidder: string; reason: string }[];
}

export interface AuctionOutcome extends SettlementOutcome {
  auctionId: string;
  result: AuctionResult;
  rows: Row[];
  /** Ids of the allotments recorded (none for a dry run). */
  ids: bigint[];
}

/**
 * Runs an auction of bill `options.instrument`: reads the bids, allots `offer` bills with
 * src/sdk/tbill's `allotAuction` (valued at the issue date, or now if later), prints the allotments,
 * then (unless a dry run, and once confirmed) records them and settles them delivery-versus-payment.
 * Allotments that cannot settle (bidder's funds, allowance, eligibility) are reported and stay
 * pending, for `tbill settle` to retry.
 */
export async function runAuction(
  ctx: OpsContext,
  bidsFile: string,
  offer: string,
  options: AuctionOptions = {},
): Promise<AuctionOutcome> {
  const { id, instrument, bill, cashDecimals } = await billOf(ctx, options.instrument);
  const offered = parseAmount(offer, instrument.decimals);
  if (typeof offered === "string") throw new OpsError(`--offer: got "${offer}", expected ${offered}`);
  const method = options.method ?? "uniform";
  if (method !== "uniform" && method !== "multiple") {
    throw new OpsError(`--method: got "${String(method)}", expected "uniform" or "multiple"`);
  }
  let maxYield: bigint | undefined;
  if (options.maxYield !== undefined && options.maxYield !== "") {
    const parsed = parseAmount(options.maxYield, PERCENT_DECIMALS);
    if (typeof parsed === "string") throw new OpsError(`--max-yield: got "${options.maxYield}", expected a percent`);
    maxYield = parsed;
  }
  const bids = await readBidFile(bidsFile, instrument.decimals);
  const now = await blockTime(ctx.connection.ethers.provider);
  const issueDate = await bill.issueDate();
  const valuedAt = now > issueDate ? now : issueDate;
  if (valuedAt >= (await bill.maturityDate())) throw new OpsError(`${id} has matured: no auction after maturity`);
  const days = await bill.daysToMaturity(valuedAt);
  const pricing = { faceValue: await bill.faceValue(), dayCount: Number(await bill.dayCount()) as 0 | 1 };
  let result: AuctionResult;
  try {
    result = allotAuction({
      method,
      offered,
      competitive: bids.competitive,
      nonCompetitive: bids.nonCompetitive,
      pricing,
      days,
      maxYield,
    });
  } catch (error) {
    throw new OpsError(`auction of ${id}: ${(error as Error).message}`);
  }
  const label = options.auctionId ?? `${id}-${isoTime(valuedAt).slice(0, 10)}`;
  if (label.length > 31) throw new OpsError(`--auction-id: got "${label}", expected at most 31 characters`);
  const auctionId = encodeBytes32String(label);
  const bills = (units: bigint) => formatAmount(units, instrument.decimals);
  const money = (units: bigint) => formatAmount(units, cashDecimals);
  const unit = 10n ** BigInt(instrument.decimals);
  const rows: Row[] = result.allotments.map((a) => ({
    bidder: a.bidder,
    type: a.competitive ? "competitive" : "noncompetitive",
    amount: bills(a.amount),
    yield: formatYield(a.yieldRate),
    price: money(a.price),
    cost: money((a.amount * a.price + unit - 1n) / unit),
  }));
  ctx.out(
    `${id}: auction "${label}" (${method} price), ${bills(offered)} offered, ${bills(result.allotted)} allotted, ` +
      `${days} days to maturity: cut-off yield ${formatYield(result.cutoffYield)}, price ${money(result.cutoffPrice)}`,
  );
  const outcome: AuctionOutcome = { auctionId: label, result, rows, ids: [], settled: [], failed: [] };
  if (options.dryRun) return outcome;
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bill, "ISSUER_ROLE", options.from);
  const receipt = await send(ctx, {
    action: "recordAllotments",
    contract: id,
    signer,
    tx: await bill.connect(signer).recordAllotments.populateTransaction(
      auctionId,
      result.allotments.map((a) => a.bidder),
      result.allotments.map((a) => a.amount),
      result.allotments.map((a) => a.price),
    ),
    iface: bill.interface,
    args: { auction: label, method, offer, allotments: result.allotments.length },
    reason: options.reason,
  });
  outcome.ids = eventsNamed(bill, receipt.logs, "AllotmentRecorded").map((e) => e.args[0] as bigint);
  ctx.out(`  recorded allotments ${outcome.ids.join(", ")}; settling delivery-versus-payment...`);
  const settlement = await settleAllotments(ctx, outcome.ids.map(String), options);
  return { ...outcome, ...settlement };
}

/**
 * Settles allotments `ids` (default: every pending one) delivery-versus-payment; each settles or
 * fails on its own. Failures are reported with the decoded reason and stay pending.
 */
export async function settleAllotments(
  ctx: OpsContext,
  ids: readonly string[] | undefined,
  options: OperationOptions = {},
): Promise<SettlementOutcome> {
  const { id, instrument, bill, cashDecimals } = await billOf(ctx, options.instrument);
  let chosen: bigint[];
  if (ids === undefined || ids.length === 0) {
    const count = await bill.allotmentCount();
    chosen = [];
    for (let i = 0n; i < count; i++) if ((await bill.allotment(i)).status === 1n) chosen.push(i);
  } else {
    chosen = ids.map((text) => {
      if (!/^\d+$/.test(text)) throw new OpsError(`--ids: got "${text}", expected allotment numbers`);
      return BigInt(text);
    });
  }
  if (chosen.length === 0) {
    ctx.out(`${id}: no pending allotment to settle`);
    return { settled: [], failed: [] };
  }
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bill, "ISSUER_ROLE", options.from);
  const receipt: TransactionReceipt = await send(ctx, {
    action: "settleAllotments",
    contract: id,
    signer,
    tx: await bill.connect(signer).settleAllotments.populateTransaction(chosen),
    iface: bill.interface,
    args: { ids: chosen.map(String) },
    reason: options.reason,
  });
  const outcome: SettlementOutcome = { settled: [], failed: [] };
  for (const event of eventsNamed(bill, receipt.logs, "AllotmentSettled")) {
    const [allotmentId, bidder, amount, cost] = event.args as unknown as [bigint, string, bigint, bigint];
    outcome.settled.push({
      id: allotmentId,
      bidder,
      amount: formatAmount(amount, instrument.decimals),
      cost: formatAmount(cost, cashDecimals),
    });
  }
  for (const event of eventsNamed(bill, receipt.logs, "AllotmentFailed")) {
    const [allotmentId, data] = event.args as unknown as [bigint, string];
    const { bidder } = await bill.allotment(allotmentId);
    outcome.failed.push({ id: allotmentId, bidder, reason: revertError(data, bill.interface).shortMessage });
  }
  ctx.out(`${id}: ${outcome.settled.length} allotment(s) settled, ${outcome.failed.length} failed`);
  for (const f of outcome.failed) {
    ctx.out(`  FAILED allotment ${f.id} of ${f.bidder}: ${f.reason} (stays pending: settle again, or cancel)`);
  }
  return outcome;
}

/** The auction label stored on chain (bytes32), readable. */
export function auctionLabel(auctionId: string): string {
  try {
    return decodeBytes32String(auctionId);
  } catch {
    return auctionId;
  }
}

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
  const money = (units: bigint) => formatAmount(units, cashDecimals);
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
  const maturedBill: TreasuryBill = await ctx.connection.ethers.getContractAt("TreasuryBill", source.address);
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
