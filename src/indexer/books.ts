/**
 * The instruments' books, folded from their indexed events (a bond's coupons: coupons.ts): a debt
 * security's auctions, redemption and rollovers, a commodity token's attestations and redemption requests,
 * and for every contract its enforcement actions, pauses, policy changes, roles and admins. Each
 * is "as of" the end of `block` (the last indexed by default).
 */
import { auditTrail, indexedBlock, supplyAt, type AuditEntry } from "./queries.js";
import type { Store } from "./store.js";

const int = (value: unknown) => BigInt(value as string);

export async function eventsOf(store: Store, contract: string, events: readonly string[], block?: number) {
  return auditTrail(store, { contract, events, toBlock: block ?? (await indexedBlock(store)) });
}

export interface Allotment {
  id: number;
  auction: string;
  bidder: string;
  amount: bigint;
  price: bigint;
  cost: bigint;
  status: "pending" | "settled" | "cancelled";
  /** Why the last settlement attempt failed (the revert data), while it stays pending. */
  failure: string;
  recordedAt: number;
}

/** The allotments of debt security `instrument`'s auctions, with their settlement status. */
export async function allotments(store: Store, instrument: string, block?: number): Promise<Allotment[]> {
  const byId = new Map<number, Allotment>();
  const events = ["AllotmentRecorded", "AllotmentSettled", "AllotmentFailed", "AllotmentCancelled"];
  for (const e of await eventsOf(store, instrument, events, block)) {
    const id = Number(e.args.id);
    if (e.event === "AllotmentRecorded") {
      byId.set(id, {
        id,
        auction: String(e.args.auctionId),
        bidder: String(e.args.bidder),
        amount: int(e.args.amount),
        price: int(e.args.price),
        cost: 0n,
        status: "pending",
        failure: "",
        recordedAt: e.time,
      });
      continue;
    }
    const allotment = byId.get(id);
    if (allotment === undefined) continue;
    if (e.event === "AllotmentSettled")
      Object.assign(allotment, { status: "settled", cost: int(e.args.cost), failure: "" });
    if (e.event === "AllotmentFailed") allotment.failure = String(e.args.reason);
    if (e.event === "AllotmentCancelled") allotment.status = "cancelled";
  }
  return [...byId.values()];
}

/** Debt security `instrument`'s redemption: funded, paid per holder, skipped, swept; and its rollovers. */
export async function redemptionBook(store: Store, instrument: string, block?: number) {
  const book = {
    funded: 0n,
    paid: 0n,
    swept: 0n,
    redeemed: [] as { holder: string; amount: bigint; paid: bigint; time: number }[],
    skipped: [] as { holder: string; reason: string; time: number }[],
    rollovers: [] as {
      holder: string;
      maturedBill: string;
      maturedAmount: bigint;
      amount: bigint;
      cost: bigint;
      change: bigint;
      time: number;
    }[],
    rolloverPrices: [] as { maturedBill: string; price: bigint; yieldRate: bigint; time: number }[],
  };
  const events = [
    "RedemptionFunded",
    "Redeemed",
    "RedemptionSkipped",
    "RedemptionSurplusSwept",
    "RolledOver",
    "RolloverPriceSet",
  ];
  for (const e of await eventsOf(store, instrument, events, block)) {
    const a = e.args;
    if (e.event === "RedemptionFunded") book.funded += int(a.amount);
    if (e.event === "RedemptionSurplusSwept") book.swept += int(a.amount);
    if (e.event === "Redeemed") {
      book.paid += int(a.paid);
      book.redeemed.push({ holder: String(a.holder), amount: int(a.amount), paid: int(a.paid), time: e.time });
    }
    if (e.event === "RedemptionSkipped")
      book.skipped.push({ holder: String(a.holder), reason: String(a.reason), time: e.time });
    if (e.event === "RolledOver") {
      const [maturedAmount, amount, cost, change] = [a.maturedAmount, a.amount, a.cost, a.change].map(int);
      book.rollovers.push({
        holder: String(a.holder),
        maturedBill: String(a.maturedBill),
        maturedAmount,
        amount,
        cost,
        change,
        time: e.time,
      });
    }
    if (e.event === "RolloverPriceSet") {
      book.rolloverPrices.push({
        maturedBill: String(a.maturedBill),
        price: int(a.price),
        yieldRate: int(a.yieldRate),
        time: e.time,
      });
    }
  }
  return book;
}

/** Commodity token `instrument`'s reserve attestations, each with the supply at its block (coverage over time). */
export async function attestations(store: Store, instrument: string, block?: number) {
  const rows = [];
  for (const e of await eventsOf(store, instrument, ["ReservesAttested"], block)) {
    rows.push({
      index: Number(e.args.index),
      auditor: String(e.args.auditor),
      reserves: int(e.args.reserves),
      asOf: Number(e.args.asOf),
      reportHash: String(e.args.reportHash),
      uri: String(e.args.uri),
      block: e.block,
      time: e.time,
      supply: await supplyAt(store, instrument, e.block),
    });
  }
  return rows;
}

export interface RedemptionRequest {
  id: number;
  holder: string;
  amount: bigint;
  kind: number;
  settlementReference: string;
  state: "pending" | "fulfilled" | "rejected" | "cancelled";
  reason: string;
  requestedAt: number;
  closedAt: number | undefined;
}

/** Commodity token `instrument`'s redemption requests and what became of each. */
export async function redemptionRequests(store: Store, instrument: string, block?: number) {
  const byId = new Map<number, RedemptionRequest>();
  const events = ["RedemptionRequested", "RedemptionFulfilled", "RedemptionRejected", "RedemptionCancelled"];
  for (const e of await eventsOf(store, instrument, events, block)) {
    const id = Number(e.args.id);
    if (e.event === "RedemptionRequested") {
      byId.set(id, {
        id,
        holder: String(e.args.holder),
        amount: int(e.args.amount),
        kind: Number(e.args.kind),
        settlementReference: String(e.args.settlementReference),
        state: "pending",
        reason: "",
        requestedAt: e.time,
        closedAt: undefined,
      });
      continue;
    }
    const request = byId.get(id);
    if (request === undefined) continue;
    request.state = e.event.replace("Redemption", "").toLowerCase() as RedemptionRequest["state"];
    request.reason = e.event === "RedemptionRejected" ? String(e.args.reason) : "";
    request.closedAt = e.time;
  }
  return [...byId.values()];
}

export const ENFORCEMENT_EVENTS = [
  "ForcedTransfer",
  "Frozen",
  "AddressFrozen",
  "WalletRecovered",
  "EntitlementsMoved",
  "Paused",
  "Unpaused",
];
export const POLICY_EVENTS = [
  "AllowedCategoriesSet",
  "CountryAllowedSet",
  "CountryRestrictionSet",
  "LockUpEndSet",
  "MaxBalanceSet",
  "MaxHoldersSet",
  "ComplianceModuleSet",
  "RegistryChanged",
  "TreasuryChanged",
  "ReserveFeedSet",
  "MinDelayChange",
];
const ADMIN_EVENTS = [
  "RoleGranted",
  "RoleRevoked",
  "RoleAdminChanged",
  "DefaultAdminTransferScheduled",
  "DefaultAdminTransferCanceled",
  "DefaultAdminDelayChangeScheduled",
  "DefaultAdminDelayChangeCanceled",
];

/** Enforcement actions (forced transfers, freezes, recoveries, pauses), with the references they carried. */
export async function enforcementActions(store: Store, contract?: string, block?: number): Promise<AuditEntry[]> {
  return auditTrail(store, { contract, events: ENFORCEMENT_EVENTS, toBlock: block ?? (await indexedBlock(store)) });
}

/** Policy changes (categories, countries, lock-up, limits, modules, registry, treasury, feeds, timelock delay). */
export async function policyChanges(store: Store, contract?: string, block?: number): Promise<AuditEntry[]> {
  return auditTrail(store, { contract, events: POLICY_EVENTS, toBlock: block ?? (await indexedBlock(store)) });
}

/** Whether `contract` is paused at the end of `block`. */
export async function isPaused(store: Store, contract: string, block?: number): Promise<boolean> {
  const last = (await eventsOf(store, contract, ["Paused", "Unpaused"], block)).at(-1);
  return last?.event === "Paused";
}

/** Role members of `contract` at the end of `block` (role hash -> accounts) and the history of role and admin changes. */
export async function rolesOf(store: Store, contract: string, block?: number) {
  const history = await eventsOf(store, contract, ADMIN_EVENTS, block);
  const members = new Map<string, Set<string>>();
  for (const e of history) {
    const role = String(e.args.role);
    if (e.event === "RoleGranted") members.set(role, (members.get(role) ?? new Set()).add(String(e.args.account)));
    if (e.event === "RoleRevoked") members.get(role)?.delete(String(e.args.account));
  }
  return {
    members: new Map(
      [...members].filter(([, accounts]) => accounts.size > 0).map(([role, accounts]) => [role, [...accounts]]),
    ),
    history,
  };
}
