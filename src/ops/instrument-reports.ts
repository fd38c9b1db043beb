/**
 * Reports of the instruments: the allotments of a treasury bill's auctions, and the reserve
 * coverage of commodity reserve tokens. Each gives rows for a table and CSV, and an object for JSON.
 */
import { describeRevert } from "../../scripts/lib/errors.js";
import { blockTime } from "./chain.js";
import { commodityOf } from "./commodity.js";
import type { OpsContext } from "./context.js";
import { OpsError } from "./errors.js";
import type { Row } from "./output.js";
import { auctionLabel, billOf, formatYield } from "./tbill.js";
import { formatAmount, isoTime } from "./units.js";

export const AUCTION_RESULT_COLUMNS = [
  "allotment",
  "auction",
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
  faceValue: string;
  auctions: { auction: string; allotted: string; settled: string; pending: string; proceeds: string }[];
  rows: Row[];
}

/**
 * Every allotment of bill `instrument`, with its auction, price, yield at the issue date (or the
 * recording time if later), cost and status; and per auction the amounts allotted, settled and
 * pending and the proceeds received by the treasury.
 */
export async function auctionResults(ctx: OpsContext, options: { instrument?: string } = {}): Promise<AuctionResults> {
  const { id, instrument, bill, cashDecimals } = await billOf(ctx, options.instrument);
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
  return {
    instrument: id,
    isin: await bill.isin(),
    faceValue: money(await bill.faceValue()),
    auctions: [...totals].map(([auction, t]) => ({
      auction,
      allotted: bills(t.allotted),
      settled: bills(t.settled),
      pending: bills(t.pending),
      proceeds: money(t.proceeds),
    })),
    rows,
  };
}

export const RESERVE_COVERAGE_COLUMNS = [
  "instrument",
  "commodity",
  "reserves",
  "asOf",
  "attestations",
  "capacity",
  "supply",
  "coverage",
  "mintGate",
  "pendingRedemptions",
] as const;

/**
 * For each commodity reserve token of the issuance (or `instrument`): the latest attested
 * reserves, the supply they allow, the supply, the coverage ratio, whether the mint gate is open
 * (and why not), and the tokens escrowed in pending redemption requests.
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
    const tokens = (units: bigint) => `${formatAmount(units, instrument.decimals)} ${instrument.symbol}`;
    const metadata = await token.metadata();
    const count = await token.attestationCount();
    const latest = count > 0n ? await token.latestAttestation() : undefined;
    const supply = await token.totalSupply();
    const capacity =
      latest === undefined
        ? 0n
        : (latest.reserves * 10n ** BigInt(instrument.decimals)) / metadata.reserveUnitsPerToken;
    let gate = "open";
    try {
      await token.currentReserves();
      if (await token.isUnderCollateralised()) gate = "closed: under-collateralised";
    } catch (error) {
      gate = `closed: ${describeRevert(error, token.interface)}`;
    }
    let pending = 0n;
    const requests = await token.redemptionCount();
    for (let r = 1n; r <= requests; r++) {
      const request = await token.redemption(r);
      if (request.state === 1n) pending += request.amount;
    }
    rows.push({
      instrument: id,
      commodity: `${metadata.commodity} (${metadata.reserveUnitsPerToken} ${metadata.unit} per token)`,
      reserves: latest === undefined ? "none attested" : `${latest.reserves} ${metadata.unit}`,
      asOf:
        latest === undefined
          ? ""
          : `${isoTime(latest.asOf)} (${(now - latest.asOf) / 86_400n} days old, max ${metadata.maxAttestationAge / 86_400n})`,
      attestations: Number(count),
      capacity: tokens(capacity),
      supply: tokens(supply),
      coverage: supply === 0n ? "n/a (no supply)" : `${formatAmount((capacity * 10n ** 6n) / supply, 4)}%`,
      mintGate: gate,
      pendingRedemptions: tokens(pending),
    });
  }
  return { time: isoTime(now), rows };
}
