/**
 * Allotment of a treasury-bill auction, in integers: which bids win, the cut-off yield, and what
 * each winner pays, ready for `recordAllotments` of the `TreasuryBill` contract.
 *
 * Rules:
 * 1. Non-competitive bids (an amount, no yield) are filled first, in full; together they may not
 *    exceed the amount on offer.
 * 2. Competitive bids (a yield and an amount) above `maxYield`, when given, are rejected. The
 *    others are filled from the lowest yield up (the highest price first) until the rest of the
 *    offer is allotted. The yield of the last bid filled is the cut-off yield.
 * 3. Bids at the cut-off yield share what is left pro rata to their amounts: each receives its
 *    share rounded down, and the base units left over go one each to the bids with the largest
 *    remainders (ties: the earlier bid). Bids below the cut-off are filled in full, bids above
 *    receive nothing. An under-subscribed auction fills every accepted bid.
 * 4. Prices (`pricing.ts`, rounded down like the contract):
 *    - uniform price: every winner pays the price of the cut-off yield;
 *    - multiple price: each competitive winner pays the price of its own yield, non-competitive
 *      winners the average price of the competitive allotments weighted by amount, rounded up.
 *
 * Amounts are base units of the bill; yields are 18-decimal fractions (see `pricing.ts`).
 */
import { type BillPricing, priceForYield, yieldForPrice } from "./pricing.js";

export interface CompetitiveBid {
  bidder: string;
  /** Money-market yield bid, 18 decimals. */
  yieldRate: bigint;
  /** Base units of the bill asked for. */
  amount: bigint;
}

export interface NonCompetitiveBid {
  bidder: string;
  /** Base units of the bill asked for. */
  amount: bigint;
}

export type AuctionMethod = "uniform" | "multiple";

export interface AuctionInput {
  method: AuctionMethod;
  /** Base units of the bill on offer. */
  offered: bigint;
  competitive: readonly CompetitiveBid[];
  nonCompetitive?: readonly NonCompetitiveBid[];
  pricing: BillPricing;
  /** Whole days from settlement to maturity (positive). */
  days: bigint;
  /** The highest yield the issuer accepts, if any. */
  maxYield?: bigint;
}

export interface AuctionAllotment {
  bidder: string;
  amount: bigint;
  /** Settlement-token base units per whole bill. */
  price: bigint;
  /** The yield of `price` (for a competitive bid in a multiple-price auction: the bid yield). */
  yieldRate: bigint;
  competitive: boolean;
}

export interface AuctionResult {
  cutoffYield: bigint;
  /** The price of the cut-off yield. */
  cutoffPrice: bigint;
  /** Non-competitive allotments in bid order, then competitive ones from the lowest yield up. */
  allotments: AuctionAllotment[];
  /** Sum of the allotted amounts (the offer, unless under-subscribed). */
  allotted: bigint;
}

/** Allots an auction (see the module's documentation). Throws on invalid input or when no competitive bid wins. */
export function allotAuction(input: AuctionInput): AuctionResult {
  const { offered, pricing, days, method } = input;
  const nonCompetitive = input.nonCompetitive ?? [];
  if (offered <= 0n) throw new RangeError(`the offer must be positive, got ${offered}`);
  if (days <= 0n) throw new RangeError(`days to maturity must be positive, got ${days}`);
  for (const bid of [...input.competitive, ...nonCompetitive]) {
    if (bid.amount <= 0n) throw new RangeError(`bid of ${bid.bidder}: amount must be positive, got ${bid.amount}`);
  }
  for (const bid of input.competitive) {
    if (bid.yieldRate < 0n) throw new RangeError(`bid of ${bid.bidder}: negative yield ${bid.yieldRate}`);
  }
  const nonCompetitiveTotal = sum(nonCompetitive.map((bid) => bid.amount));
  if (nonCompetitiveTotal > offered) {
    throw new RangeError(`non-competitive bids (${nonCompetitiveTotal}) exceed the offer (${offered})`);
  }

  const accepted = input.competitive
    .filter((bid) => input.maxYield === undefined || bid.yieldRate <= input.maxYield)
    .sort((a, b) => (a.yieldRate < b.yieldRate ? -1 : a.yieldRate > b.yieldRate ? 1 : 0)); // stable: bid order kept
  const filled: { bid: CompetitiveBid; amount: bigint }[] = [];
  let left = offered - nonCompetitiveTotal;
  for (let start = 0; start < accepted.length && left > 0n;) {
    let end = start;
    while (end < accepted.length && accepted[end].yieldRate === accepted[start].yieldRate) ++end;
    const level = accepted.slice(start, end);
    const demand = sum(level.map((bid) => bid.amount));
    const amounts = demand <= left ? level.map((bid) => bid.amount) : proRata(level, left);
    level.forEach((bid, i) => filled.push({ bid, amount: amounts[i] }));
    left -= demand <= left ? demand : left;
    start = end;
  }
  if (filled.length === 0) throw new RangeError("no competitive bid is filled: the cut-off yield is undefined");

  const cutoffYield = filled[filled.length - 1].bid.yieldRate;
  const cutoffPrice = priceForYield(pricing, cutoffYield, days);
  const competitive = filled
    .filter(({ amount }) => amount > 0n)
    .map(({ bid, amount }) => {
      const own = method === "uniform" ? cutoffYield : bid.yieldRate;
      const price = method === "uniform" ? cutoffPrice : priceForYield(pricing, own, days);
      return { bidder: bid.bidder, amount, price, yieldRate: own, competitive: true };
    });
  const averagePrice =
    method === "uniform"
      ? cutoffPrice
      : ceilDiv(sum(competitive.map((a) => a.amount * a.price)), sum(competitive.map((a) => a.amount)));
  const averageYield = method === "uniform" ? cutoffYield : yieldForPrice(pricing, averagePrice, days);
  const allotments: AuctionAllotment[] = [
    ...nonCompetitive.map((bid) => ({
      bidder: bid.bidder,
      amount: bid.amount,
      price: averagePrice,
      yieldRate: averageYield,
      competitive: false,
    })),
    ...competitive,
  ];
  return { cutoffYield, cutoffPrice, allotments, allotted: sum(allotments.map((a) => a.amount)) };
}

/** The three arrays of `recordAllotments(auctionId, bidders, amounts, prices)`. */
export function toAllotmentArrays(allotments: readonly AuctionAllotment[]): [string[], bigint[], bigint[]] {
  return [allotments.map((a) => a.bidder), allotments.map((a) => a.amount), allotments.map((a) => a.price)];
}

/** Shares `available` (less than their total) among `bids` pro rata, largest remainders first. */
function proRata(bids: readonly { amount: bigint }[], available: bigint): bigint[] {
  const total = sum(bids.map((bid) => bid.amount));
  const shares = bids.map((bid) => (bid.amount * available) / total);
  let leftOver = available - sum(shares);
  const byRemainder = bids
    .map((bid, index) => ({ index, remainder: (bid.amount * available) % total }))
    .sort((a, b) => (a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : a.index - b.index));
  for (const { index } of byRemainder) {
    if (leftOver === 0n) break;
    shares[index] += 1n;
    leftOver -= 1n;
  }
  return shares;
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}
