/**
 * Treasury-bill operations: the auction (bids file, allotment with src/sdk/tbill, recording and
 * delivery-versus-payment settlement) and settlement retries; the rollover of a matured bill into
 * this one is tbill-rollover.ts. The redemption at maturity, the cancellation of an allotment and the
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
import { ZeroAddress, decodeBytes32String, encodeBytes32String, type TransactionReceipt } from "ethers";
import type { TreasuryBill } from "../../typechain-types/index.js";
import {
  allotAuction,
  type AuctionMethod,
  type AuctionResult,
  type CompetitiveBid,
  type NonCompetitiveBid,
} from "../sdk/tbill/index.js";
import { blockTime, waitUntilSettled } from "./chain.js";
import { confirmSending, signerWithRole, type OperationOptions, type OpsContext } from "./context.js";
import { checkRows, readCsvFile } from "./csv.js";
import { debtOf, eventsNamed } from "./debt.js";
import { OpsError } from "./errors.js";
import type { AmountColumns, Row } from "./output.js";
import { send } from "./send.js";
import { amountsOf, refusalOf } from "./readable.js";
import { allotmentStatuses, recordedAuction } from "./tbill-resume.js";
import { formatAmount, formatTokens, isChecksummedAddress, isoTime, parseAmount } from "./units.js";

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

export const ALLOTMENT_COLUMNS = ["bidder", "type", "amount", "yield", "price", "cost", "status"] as const;

export interface SettlementOutcome {
  settled: { id: bigint; bidder: string; amount: string; cost: string }[];
  failed: { id: bigint; bidder: string; reason: string }[];
}

export interface AuctionOutcome extends SettlementOutcome {
  auctionId: string;
  result: AuctionResult;
  rows: Row[];
  /** The columns of `rows` in bills and in the settlement token, for the table. */
  amounts: AmountColumns;
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
  const { id, instrument, bill, cash, cashDecimals } = await billOf(ctx, options.instrument);
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
  const show = await amountsOf(ctx, id);
  ctx.out(
    `${id}: auction "${label}" (${method} price), ${show.tokens(offered)} offered, ${show.tokens(result.allotted)} ` +
      `allotted, ${days} days to maturity: cut-off yield ${formatYield(result.cutoffYield)}, ` +
      `price ${show.money(result.cutoffPrice)}`,
  );
  const amounts = { amount: instrument.symbol, price: show.currency, cost: show.currency };
  const outcome: AuctionOutcome = { auctionId: label, result, rows, amounts, ids: [], settled: [], failed: [] };
  if (options.dryRun) {
    for (const [i, a] of result.allotments.entries()) {
      const cost = (a.amount * a.price + unit - 1n) / unit;
      const problem = await settlementProblem(bill, cash, cashDecimals, a.bidder, a.amount, cost);
      if (problem !== undefined) ctx.out(`  warning: ${a.bidder} would not settle now: ${problem}`);
      rows[i].status = problem === undefined ? "would settle" : `would fail: ${problem}`;
    }
    return outcome;
  }
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, bill, "ISSUER_ROLE", options.from);
  // An earlier run of this auction, killed or cut off, may have recorded it: it is settled, not recorded again.
  await waitUntilSettled(ctx.connection.ethers.provider, signer.address);
  const recorded = await recordedAuction(ctx, bill, auctionId, label, result.allotments);
  if (recorded === undefined) {
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
  } else {
    outcome.ids = recorded;
    ctx.out(
      `  auction "${label}" was recorded by an earlier run (allotments ${recorded.join(", ")}): settling those pending...`,
    );
  }
  const statuses = await allotmentStatuses(bill, outcome.ids);
  for (const [i, status] of statuses.entries()) if (status !== "pending") rows[i].status = status;
  const pending = outcome.ids.filter((_, i) => statuses[i] === "pending");
  if (pending.length === 0) {
    ctx.out(`${id}: every allotment of auction "${label}" is settled or cancelled already: nothing to send`);
    return outcome;
  }
  const settlement = await settleAllotments(ctx, pending.map(String), options);
  for (const s of settlement.settled) rows[outcome.ids.indexOf(s.id)].status = "settled";
  for (const f of settlement.failed) rows[outcome.ids.indexOf(f.id)].status = `FAILED: ${f.reason}`;
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
  const { cash } = await billOf(ctx, options.instrument);
  const unit = 10n ** BigInt(instrument.decimals);
  const problems: string[] = [];
  const problemOf = new Map<bigint, string>();
  for (const allotmentId of chosen) {
    const { bidder, amount, price } = await bill.allotment(allotmentId);
    const cost = (amount * price + unit - 1n) / unit;
    const problem = await settlementProblem(bill, cash, cashDecimals, bidder, amount, cost);
    if (problem === undefined) continue;
    problemOf.set(allotmentId, problem);
    problems.push(`allotment ${allotmentId} of ${bidder}: ${problem}`);
  }
  if (problems.length === chosen.length) {
    throw new OpsError(
      `${id}: none of the ${chosen.length} allotment(s) can settle now, nothing sent:\n  ${problems.join("\n  ")}`,
    );
  }
  for (const problem of problems) ctx.out(`  will fail: ${problem}`);
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
    // The rule that refused it, as checked before sending; else the decoded revert.
    const reason = problemOf.get(allotmentId) ?? (await refusalOf(ctx, id, data, bill.interface)).shortMessage;
    outcome.failed.push({ id: allotmentId, bidder, reason });
  }
  ctx.out(`${id}: ${outcome.settled.length} allotment(s) settled, ${outcome.failed.length} failed`);
  for (const f of outcome.failed) {
    ctx.out(`  FAILED allotment ${f.id} of ${f.bidder}: ${f.reason} (stays pending: settle again, or cancel)`);
  }
  if (outcome.settled.length === 0) throw new OpsError(`${id}: no allotment settled (the failures are above)`);
  return outcome;
}

/**
 * Why `amount` bills costing `cost` would not settle to `bidder` now, or undefined: the bill's
 * rules for a mint to `bidder` (ERC-1404 code and message), then the bidder's settlement-token
 * balance and its allowance to the bill. The same checks as the settlement, read before sending.
 */
export async function settlementProblem(
  bill: TreasuryBill,
  cash: Awaited<ReturnType<typeof billOf>>["cash"],
  cashDecimals: number,
  bidder: string,
  amount: bigint,
  cost: bigint,
): Promise<string | undefined> {
  const code = await bill.detectTransferRestriction(ZeroAddress, bidder, amount);
  if (code !== 0n) return `${await bill.messageForTransferRestriction(code)} (restriction ${code})`;
  const currency = { symbol: await cash.symbol(), decimals: cashDecimals };
  const money = (units: bigint) => formatTokens(units, currency);
  const balance = await cash.balanceOf(bidder);
  if (balance < cost) return `holds ${money(balance)} of the ${money(cost)} to pay`;
  const allowance = await cash.allowance(bidder, await bill.getAddress());
  if (allowance < cost) return `allows the bill ${money(allowance)} of the ${money(cost)} to pay: approve it first`;
  return undefined;
}

/** The auction label stored on chain (bytes32), readable. */
export function auctionLabel(auctionId: string): string {
  try {
    return decodeBytes32String(auctionId);
  } catch {
    return auctionId;
  }
}
