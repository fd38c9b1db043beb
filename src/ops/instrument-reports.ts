/**
 * Reports of the instruments: the allotments of a treasury bill's auctions, the reserve coverage
 * of commodity reserve tokens, and a bond's coupon schedule with the holders' cash flows. Each
 * gives rows for a table and CSV, and an object for JSON.
 */
import { attestationUris, storedAttestation } from "../sdk/attestations.js";
import { COUPON_STATUS, bondOf, formatRate } from "./bond.js";
import { accruedPer100 } from "./bond-quotes.js";
import { blockTime } from "./chain.js";
import { commodityOf } from "./commodity.js";
import type { OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import type { AmountColumns, Row } from "./output.js";
import { percentDown } from "./percent.js";
import { recipientsSinceDeployment, sinceDeployment } from "./reports.js";
import { auctionLabel, billOf, formatYield } from "./tbill.js";
import { holderLabels, holderName } from "./labels.js";
import { amountsOf, refusalOf, unitsOf } from "./readable.js";
import { formatAmount, groupThousands, isChecksummedAddress, isoTime } from "./units.js";

export const AUCTION_RESULT_COLUMNS = [
  "allotment",
  "auction",
  "holder",
  "bidder",
  "amount",
  "price",
  "yield",
  "cost",
  "status",
] as const;

const ALLOTMENT_STATUS = ["unknown", "pending", "settled", "cancelled"] as const;

export interface AuctionResults {
  instrument: string;
  isin: string;
  /** The bill's symbol and the settlement token's: the units of the amounts and of the money. */
  symbol: string;
  currency: string;
  faceValue: string;
  auctions: { auction: string; allotted: string; settled: string; pending: string; proceeds: string }[];
  rows: Row[];
  amounts: AmountColumns;
}

/**
 * Every allotment of bill `instrument`, with its auction, price, yield at the issue date (or the
 * recording time if later), cost and status; and per auction the amounts allotted, settled and
 * pending and the proceeds received by the treasury.
 */
export async function auctionResults(ctx: OpsContext, options: { instrument?: string } = {}): Promise<AuctionResults> {
  const { id, instrument, bill, cashDecimals } = await billOf(ctx, options.instrument);
  const labels = await holderLabels(ctx);
  const bills = (units: bigint) => formatAmount(units, instrument.decimals);
  const money = (units: bigint) => formatAmount(units, cashDecimals);
  const unit = 10n ** BigInt(instrument.decimals);
  const issueDate = await bill.issueDate();
  const recordedAt = new Map<bigint, bigint>();
  for (const event of await bill.queryFilter(bill.filters.AllotmentRecorded(), ctx.record.startBlock)) {
    recordedAt.set(event.args.id, await blockTime(ctx.connection.ethers.provider, event.blockNumber));
  }
  const count = await bill.allotmentCount();
  const rows: Row[] = [];
  const totals = new Map<string, { allotted: bigint; settled: bigint; pending: bigint; proceeds: bigint }>();
  for (let i = 0n; i < count; i++) {
    const a = await bill.allotment(i);
    const auction = auctionLabel(a.auctionId);
    const cost = (a.amount * a.price + unit - 1n) / unit;
    const time = recordedAt.get(i) ?? issueDate;
    const valuedAt = time > issueDate ? time : issueDate;
    const status = ALLOTMENT_STATUS[Number(a.status)];
    let yieldText = "";
    try {
      yieldText = formatYield(await bill.yieldForPrice(a.price, valuedAt));
    } catch {
      // valued on the maturity day: no yield
    }
    rows.push({
      allotment: Number(i),
      auction,
      holder: holderName(labels, a.bidder),
      bidder: a.bidder,
      amount: bills(a.amount),
      price: money(a.price),
      yield: yieldText,
      cost: money(cost),
      status,
    });
    const total = totals.get(auction) ?? { allotted: 0n, settled: 0n, pending: 0n, proceeds: 0n };
    total.allotted += a.amount;
    if (status === "settled") {
      total.settled += a.amount;
      total.proceeds += cost;
    }
    if (status === "pending") total.pending += a.amount;
    totals.set(auction, total);
  }
  const currency = (await unitsOf(ctx, id)).settlement?.symbol ?? "base units";
  return {
    instrument: id,
    isin: await bill.isin(),
    symbol: instrument.symbol,
    currency,
    faceValue: money(await bill.faceValue()),
    auctions: [...totals].map(([auction, t]) => ({
      auction,
      allotted: bills(t.allotted),
      settled: bills(t.settled),
      pending: bills(t.pending),
      proceeds: money(t.proceeds),
    })),
    rows,
    amounts: { amount: instrument.symbol, price: currency, cost: currency },
  };
}

export const RESERVE_COVERAGE_COLUMNS = [
  "instrument",
  "symbol",
  "commodity",
  "unit",
  "reserves",
  "attested",
  "deliveredSince",
  "asOf",
  "attestations",
  "report",
  "capacity",
  "supply",
  "coverage",
  "mintGate",
  "pendingRedemptions",
] as const;

/** The report column when the node does not return the attestation's event (it pruned old logs). */
export const URI_UNAVAILABLE = "URI unavailable from this node (no ReservesAttested event in its logs)";

/**
 * For each commodity reserve token of the issuance (or `instrument`): the latest attested
 * reserves less the physical deliveries fulfilled since its count (as the token counts them), its
 * audit report's URI (from its event: the token does not store it; {@link URI_UNAVAILABLE} when the
 * node does not return the event), the supply they allow, the supply, the coverage ratio, whether the mint gate is open (and why not),
 * and the tokens escrowed in pending redemption requests.
 */
export async function reserveCoverage(ctx: OpsContext, options: { instrument?: string } = {}) {
  const ids =
    options.instrument !== undefined
      ? [options.instrument]
      : Object.entries(ctx.record.instruments)
          .filter(([, i]) => i.kind === "commodityReserve")
          .map(([key]) => key);
  if (ids.length === 0) throw new OpsError(`the issuance "${ctx.record.name}" has no commodityReserve instrument`);
  const now = await blockTime(ctx.connection.ethers.provider);
  const rows: Row[] = [];
  for (const key of ids) {
    const { id, instrument, token } = await commodityOf(ctx, key);
    const tokens = (units: bigint) => formatAmount(units, instrument.decimals);
    const metadata = await token.metadata();
    const count = await token.attestationCount();
    const latest = count > 0n ? await storedAttestation(token, count - 1n) : undefined;
    const uri =
      latest === undefined ? "" : ((await attestationUris(token, [latest])).get(latest.index) ?? URI_UNAVAILABLE);
    const supply = await token.totalSupply();
    const delivered = latest === undefined ? 0n : await token.reservesDeliveredSince(latest.asOf);
    const left = latest === undefined || delivered > latest.reserves ? 0n : latest.reserves - delivered;
    const capacity = (left * 10n ** BigInt(instrument.decimals)) / metadata.reserveUnitsPerToken;
    let gate = "open";
    try {
      await token.currentReserves();
      if (await token.isUnderCollateralised()) gate = "closed: under-collateralised";
    } catch (error) {
      gate = `closed: ${(await refusalOf(ctx, id, error, token.interface)).shortMessage}`;
    }
    let pending = 0n;
    const requests = await token.redemptionCount();
    for (let r = 1n; r <= requests; r++) {
      const request = await token.redemption(r);
      if (request.state === 1n) pending += request.amount;
    }
    rows.push({
      instrument: id,
      symbol: instrument.symbol,
      commodity: `${metadata.commodity} (${groupThousands(String(metadata.reserveUnitsPerToken))} ${metadata.unit} per token)`,
      unit: metadata.unit,
      reserves: latest === undefined ? "none attested" : left.toString(),
      attested: latest === undefined ? "" : latest.reserves.toString(),
      deliveredSince: delivered.toString(),
      asOf:
        latest === undefined
          ? ""
          : `${isoTime(latest.asOf)} (${(now - latest.asOf) / 86_400n} days old, max ${metadata.maxAttestationAge / 86_400n})`,
      attestations: Number(count),
      report: uri,
      capacity: tokens(capacity),
      supply: tokens(supply),
      coverage: supply === 0n ? "n/a (no supply)" : percentDown(capacity, supply),
      mintGate: gate,
      pendingRedemptions: tokens(pending),
    });
  }
  const amounts: AmountColumns = {
    ...Object.fromEntries(["reserves", "attested", "deliveredSince"].map((c) => [c, { unitFrom: "unit" }])),
    ...Object.fromEntries(["capacity", "supply", "pendingRedemptions"].map((c) => [c, { unitFrom: "symbol" }])),
  };
  return { time: isoTime(now), rows, amounts };
}

export const COUPON_SCHEDULE_COLUMNS = [
  "period",
  "couponDate",
  "recordDate",
  "rate",
  "perToken",
  "status",
  "funded",
  "paid",
] as const;

export const COUPON_FLOW_COLUMNS = [
  "holder",
  "wallet",
  "period",
  "couponDate",
  "balanceAtRecord",
  "entitlement",
  "paid",
  "due",
] as const;

export interface CouponReport {
  instrument: string;
  isin: string;
  /** "coupon", or "rental" for a sukuk. */
  payment: string;
  time: string;
  /** The accrued interest of one bond per 100 of face value at `time` ("" when nothing accrues). */
  accruedPer100: string;
  schedule: Row[];
  flows: Row[];
  /** The columns of `schedule` and `flows` in the settlement token and in bonds, for the tables. */
  amounts: AmountColumns;
}

/**
 * The coupon schedule of bond `instrument` (each coupon's dates, rate, amount per bond, status
 * and the amounts funded and paid), and the cash flows of each holder (or of `holder` alone) for
 * the coupons whose record date has passed: the balance at the record date, the entitlement it
 * gives (balance times the amount per bond), what was paid (the payment events) and what is
 * still due. Holders are the wallets that ever received the bond, named where this machine knows
 * them (the investor file's labels).
 *
 * Status: `scheduled` (record date ahead), `unfunded` (record date passed), `funded` (being paid),
 * `paid` (funded, nobody left due), `swept` (the rest went back to the treasury), `at maturity`
 * (the final coupon, paid with the principal by the redemption).
 */
export async function couponReport(
  ctx: OpsContext,
  options: { instrument?: string; holder?: string } = {},
): Promise<CouponReport> {
  const { id, instrument, bond, terms, payment, money } = await bondOf(ctx, options.instrument);
  if (options.holder !== undefined && options.holder !== "" && !isChecksummedAddress(options.holder)) {
    throw new OpsError(`--holder: got "${options.holder}", expected a checksummed address`);
  }
  const tokens = (units: bigint) => formatAmount(units, instrument.decimals);
  const unit = 10n ** BigInt(instrument.decimals);
  const now = await blockTime(ctx.connection.ethers.provider);
  const count = Number(await bond.couponCount());
  const holders = await recipientsSinceDeployment(ctx, bond);
  const labels = await holderLabels(ctx);
  const chosen = options.holder ? [options.holder] : holders;
  const paidEvents = await sinceDeployment(ctx, async (from, to) => [
    ...(await bond.queryFilter(bond.filters.CouponPaid(), from, to)),
    ...(await bond.queryFilter(bond.filters.RentalPaid(), from, to)),
  ]);
  const paidTo = new Map<string, bigint>();
  for (const event of paidEvents) {
    const key = `${event.args.period}:${event.args.holder}`;
    paidTo.set(key, (paidTo.get(key) ?? 0n) + event.args.amount);
  }
  const schedule: Row[] = [];
  const flows: Row[] = [];
  for (let period = 0; period < count; period++) {
    const [couponDate, recordDate, state] = await Promise.all([
      bond.couponDate(period),
      bond.recordDate(period),
      bond.coupon(period),
    ]);
    const final = period === count - 1;
    const rateBps = terms.floatingRate ? (state.rateFixed ? state.rateBps : undefined) : terms.couponRateBps;
    let perToken: bigint | undefined = state.status === COUPON_STATUS.unfunded ? undefined : state.perToken;
    if (perToken === undefined && rateBps !== undefined) perToken = await bond.couponPerToken(period);
    const recordPassed = now > recordDate;
    const dues = new Map<string, bigint>();
    if (state.status === COUPON_STATUS.funded) {
      for (const holder of holders) dues.set(holder, await bond.couponDue(holder, period));
    }
    let status: string;
    if (final) status = "at maturity";
    else if (state.status === COUPON_STATUS.swept) status = "swept";
    else if (state.status === COUPON_STATUS.funded) status = [...dues.values()].some((d) => d > 0n) ? "funded" : "paid";
    else status = recordPassed ? "unfunded" : "scheduled";
    schedule.push({
      period,
      couponDate: isoTime(couponDate),
      recordDate: isoTime(recordDate),
      rate: rateBps === undefined ? "not fixed" : formatRate(rateBps),
      perToken: perToken === undefined ? "" : money(perToken),
      status,
      funded: money(state.funded),
      paid: money(state.paid),
    });
    if (final || !recordPassed) continue;
    for (const holder of chosen) {
      const balance = await bond.balanceAtRecord(holder, period);
      const entitlement = perToken === undefined ? 0n : (balance * perToken) / unit;
      const paid = paidTo.get(`${period}:${holder}`) ?? 0n;
      let due = 0n;
      if (state.status === COUPON_STATUS.funded) due = dues.get(holder) ?? (await bond.couponDue(holder, period));
      else if (state.status === COUPON_STATUS.unfunded) due = entitlement;
      if (balance === 0n && paid === 0n && due === 0n && options.holder === undefined) continue;
      flows.push({
        holder: holderName(labels, holder),
        wallet: holder,
        period,
        couponDate: isoTime(couponDate),
        balanceAtRecord: tokens(balance),
        entitlement: perToken === undefined ? "" : money(entitlement),
        paid: money(paid),
        due: money(due),
      });
    }
  }
  const { currency } = await amountsOf(ctx, id);
  const amounts = {
    ...Object.fromEntries(["perToken", "funded", "paid", "entitlement", "due"].map((c) => [c, currency])),
    balanceAtRecord: instrument.symbol,
  };
  const accrued = await accruedPer100(bond, now);
  return {
    instrument: id,
    isin: await bond.isin(),
    payment,
    time: isoTime(now),
    accruedPer100: accrued,
    schedule,
    flows,
    amounts,
  };
}
