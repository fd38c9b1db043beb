/**
 * An auction that an earlier run recorded and did not finish settling (killed, RPC failing): the
 * same command finds it on chain by its auction id and settles only what is still pending, so
 * that no allotment is recorded or settled twice.
 */
import type { TreasuryBill } from "../../typechain-types/index.js";
import type { AuctionResult } from "../sdk/tbill/index.js";
import type { OpsContext } from "./context.js";
import { OpsError } from "./errors.js";

/** The allotment statuses of IDebtSecurity.AllotmentStatus, by their number. */
const STATUS_NAMES = ["none", "pending", "settled", "cancelled"] as const;

/**
 * The ids of the allotments recorded under `auctionId` by an earlier run, or undefined when none
 * were. Refuses an auction id recorded with other allotments (another auction, the same day).
 */
export async function recordedAuction(
  ctx: OpsContext,
  bill: TreasuryBill,
  auctionId: string,
  label: string,
  allotments: AuctionResult["allotments"],
): Promise<bigint[] | undefined> {
  const events = await bill.queryFilter(bill.filters.AllotmentRecorded(undefined, auctionId), ctx.record.startBlock);
  if (events.length === 0) return undefined;
  const recorded = events.map((e) => [e.args.bidder, e.args.amount, e.args.price].join(" "));
  const planned = allotments.map((a) => [a.bidder, a.amount, a.price].join(" "));
  if (recorded.join("\n") !== planned.join("\n")) {
    throw new OpsError(
      `--auction-id: auction "${label}" is recorded already, with other allotments ` +
        `(ids ${events.map((e) => e.args.id).join(", ")}): name this auction with another --auction-id`,
    );
  }
  return events.map((e) => e.args.id);
}

/** The status of each of allotments `ids`, as "pending", "settled" or "cancelled". */
export async function allotmentStatuses(bill: TreasuryBill, ids: readonly bigint[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => STATUS_NAMES[Number((await bill.allotment(id)).status)]));
}
