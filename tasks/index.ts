/**
 * The operations tasks (`npx hardhat <task> [subtask] --help`): deployment, investors, token
 * administration, roles and governance, reports. Every task takes `--manifest` (the issuance)
 * and runs on `--network`; signers are the accounts configured for that network (config
 * variables or the keystore), never keys on the command line. Actions load only when they run.
 */
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { NewTaskDefinitionBuilder, TaskArguments } from "hardhat/types/tasks";

/** An option that may be left out (`undefined` then). */
const optional = <N extends string>(name: N, description: string) => ({
  name,
  description,
  type: ArgumentType.STRING_WITHOUT_DEFAULT as const,
  defaultValue: undefined,
});

/** `--manifest` and `--state-dir`, which every operations task takes. */
function issuance<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder.addOption(optional("manifest", "The issuance manifest (JSON under issuances/)")).addOption({
    name: "stateDir",
    description: "Where deployments/, ignition/deployments/ and ops-log/ are kept (empty: the project root)",
    defaultValue: "",
  });
}

/** `--yes`, `--from` and `--reason`, for tasks that send transactions. */
function sending<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return issuance(builder)
    .addFlag({ name: "yes", description: "Confirm sending to a network that is not local" })
    .addOption(optional("from", "Send from this configured account (default: the first one with the role)"))
    .addOption(
      optional(
        "reason",
        "Why (court order, notice, ticket): its hash goes on chain with the call (withReference), " +
          "the text to the ops log; the audit trail shows both",
      ),
    );
}

/** `--instrument`, for tasks on one instrument. */
function onInstrument<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder.addOption(optional("instrument", "Instrument id in the manifest (may be left out if there is one)"));
}

/** `--csv` and `--json` output files, for reports. */
function reportFiles<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder
    .addOption(optional("csv", "Also write the report to this CSV file"))
    .addOption(optional("json", "Also write the report to this JSON file"));
}

const wallet = (description: string) => optional("wallet", description);
const amount = (description: string) => optional("amount", description);
const period = () => optional("period", "The coupon number, from 0 (coupons are numbered in date order)");
const salt = () => optional("salt", "Timelock only: distinguishes a repeated identical operation");
const contract = () => optional("contract", '"registry" or an instrument id (default: every contract of the issuance)');

/** `--contract` and `--salt` with the sending options, for the governance tasks. */
function governed<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return sending(builder).addOption(contract()).addOption(salt());
}

export const opsTasks = [
  sending(task("deploy", "Deploy (or resume deploying) the issuance of a manifest"))
    .addFlag({ name: "dryRun", description: "Print the plan and stop" })
    .addFlag({ name: "reset", description: "Local networks only: forget an earlier deployment (node restarted)" })
    .setAction(() => import("./deploy.js"))
    .build(),

  emptyTask("investors", "KYC agent operations on the investor registry").build(),
  sending(task(["investors", "import"], "Register and update investors from a CSV file (idempotent, resumable)"))
    .addOption(optional("file", "CSV with columns wallet,investorId,country,category,expiresAt"))
    .addFlag({ name: "dryRun", description: "Validate and print the plan, send nothing" })
    .addOption({
      name: "chunk",
      description: "Wallets per registration transaction",
      type: ArgumentType.INT,
      defaultValue: 100,
    })
    .setAction(() => import("./investors/import.js"))
    .build(),
  sending(task(["investors", "update"], "Change fields of a registered investor's record"))
    .addOption(wallet("The registered wallet"))
    .addOption(optional("investorId", "New investorId (32-byte hex)"))
    .addOption(optional("country", "New country (ISO 3166-1 numeric or alpha-2)"))
    .addOption(optional("category", "New category (name or number)"))
    .addOption(optional("expiresAt", "New KYC expiry (ISO 8601 date)"))
    .setAction(() => import("./investors/update.js"))
    .build(),
  sending(task(["investors", "revoke"], "Revoke investors: they stop being verified at once"))
    .addOption(wallet("The wallet, or several separated by commas"))
    .setAction(() => import("./investors/revoke.js"))
    .build(),

  emptyTask("token", "Agent operations on an instrument").build(),
  onInstrument(sending(task(["token", "mint"], "Mint to one wallet, or the allocations of a CSV file")))
    .addOption(optional("to", "The receiving wallet"))
    .addOption(amount("Amount in tokens (as 1000.25)"))
    .addOption(optional("file", "CSV with columns wallet,amount (exactly-once chunks)"))
    .addOption({
      name: "chunk",
      description: "Wallets per batchMint transaction",
      type: ArgumentType.INT,
      defaultValue: 100,
    })
    .addFlag({ name: "dryRun", description: "With --file: validate and print, send nothing" })
    .setAction(() => import("./token/mint.js"))
    .build(),
  onInstrument(sending(task(["token", "burn"], "Burn tokens of a wallet (issuer)")))
    .addOption(wallet("The holder"))
    .addOption(amount("Amount in tokens"))
    .setAction(() => import("./token/burn.js"))
    .build(),
  onInstrument(sending(task(["token", "freeze"], "Freeze a wallet, or --amount more of its tokens")))
    .addOption(wallet("The wallet"))
    .addOption(amount("Tokens to freeze in addition to those already frozen (default: the whole wallet)"))
    .setAction(() => import("./token/freeze.js"))
    .build(),
  onInstrument(sending(task(["token", "unfreeze"], "Unfreeze a wallet, or release --amount of its frozen tokens")))
    .addOption(wallet("The wallet"))
    .addOption(amount("Frozen tokens to release (default: unfreeze the whole wallet)"))
    .setAction(() => import("./token/unfreeze.js"))
    .build(),
  onInstrument(
    sending(task(["token", "forced-transfer"], "Move tokens without the holder's consent (--reason required)")),
  )
    .addOption(wallet("The wallet tokens are taken from"))
    .addOption(optional("to", "The receiving wallet"))
    .addOption(amount("Amount in tokens"))
    .setAction(() => import("./token/forced-transfer.js"))
    .build(),
  onInstrument(
    sending(task(["token", "recover"], "Move a lost wallet's balance to another wallet of the same investor")),
  )
    .addOption(optional("lost", "The lost wallet"))
    .addOption(optional("replacement", "The investor's new wallet, registered with the same investorId"))
    .setAction(() => import("./token/recover.js"))
    .build(),
  onInstrument(sending(task(["token", "pause"], "Pause every transfer and mint")))
    .setAction(() => import("./token/pause.js"))
    .build(),
  onInstrument(sending(task(["token", "unpause"], "End a pause")))
    .setAction(() => import("./token/unpause.js"))
    .build(),
  onInstrument(sending(task(["token", "policy"], "Bring the policy on chain to the manifest's (one call per change)")))
    .addFlag({ name: "dryRun", description: "Print the changes, send nothing" })
    .setAction(() => import("./token/policy.js"))
    .build(),
  onInstrument(sending(task(["token", "set-registry"], "Point the token to another investor registry (admin)")))
    .addOption(optional("registry", "The investor registry's address"))
    .addOption(salt())
    .setAction(() => import("./token/set-registry.js"))
    .build(),

  emptyTask("tbill", "Treasury-bill operations: auctions, settlement, rollover, redemption").build(),
  onInstrument(sending(task(["tbill", "auction"], "Allot an auction from a bids file, record and settle it DvP")))
    .addOption(
      optional("bids", "CSV with columns bidder,type,amount,yield (yield in percent; empty if noncompetitive)"),
    )
    .addOption(optional("offer", "Bills on offer (face value), as 1000000"))
    .addOption({ name: "method", description: "Pricing: uniform or multiple", defaultValue: "uniform" })
    .addOption(optional("maxYield", "Reject competitive bids above this yield (percent)"))
    .addOption(optional("auctionId", "Names the auction on chain (at most 31 characters)"))
    .addFlag({ name: "dryRun", description: "Print the allotments, send nothing" })
    .setAction(() => import("./tbill/auction.js"))
    .build(),
  onInstrument(sending(task(["tbill", "settle"], "Settle pending allotments delivery-versus-payment (retry)")))
    .addOption(optional("ids", "Allotment numbers separated by commas (default: every pending one)"))
    .setAction(() => import("./tbill/settle.js"))
    .build(),
  onInstrument(sending(task(["tbill", "cancel"], "Cancel a pending allotment: the bidder gets nothing, pays nothing")))
    .addOption(optional("allotment", "The allotment number (report auction-results lists them)"))
    .setAction(() => import("./tbill/cancel.js"))
    .build(),
  onInstrument(
    sending(task(["tbill", "rollover-price"], "Open (--price) or close (--close) the rollover of a matured bill")),
  )
    .addOption(optional("matured", "The matured bill: its instrument id in the manifest, or its address"))
    .addOption(
      optional("price", "Price per bill today, in settlement-token units, as 98.5 (later days follow its yield)"),
    )
    .addFlag({ name: "close", description: "Close the rollover instead (price zero)" })
    .setAction(() => import("./tbill/rollover-price.js"))
    .build(),
  onInstrument(sending(task(["tbill", "set-treasury"], "Change the treasury wallet of a bill (admin)")))
    .addOption(optional("treasury", "The new treasury wallet"))
    .addOption(salt())
    .setAction(() => import("./tbill/set-treasury.js"))
    .build(),
  onInstrument(
    sending(task(["tbill", "fund-redemption"], "Pull what the redemption still needs from the treasury wallet")),
  )
    .setAction(() => import("./tbill/fund-redemption.js"))
    .build(),
  onInstrument(sending(task(["tbill", "redeem-for"], "At maturity, redeem holders' balances at face value")))
    .addOption(wallet("Holders separated by commas (default: every holder)"))
    .setAction(() => import("./tbill/redeem-for.js"))
    .build(),
  onInstrument(
    sending(task(["tbill", "sweep-redemption"], "Return redemption funds no holder can claim to the treasury wallet")),
  )
    .setAction(() => import("./tbill/sweep-redemption.js"))
    .build(),

  emptyTask("bond", "Sovereign-bond operations: rate fixings, coupons, redemption").build(),
  onInstrument(sending(task(["bond", "fix-rate"], "Fix the rate of a floating-rate coupon, before its record date")))
    .addOption(period())
    .addOption(optional("rate", "The annual rate in percent, at most 2 decimals, as 12.25"))
    .setAction(() => import("./bond/fix-rate.js"))
    .build(),
  onInstrument(
    sending(task(["bond", "fund-coupon"], "After the record date, pull a coupon's amount from the treasury wallet")),
  )
    .addOption(period())
    .setAction(() => import("./bond/fund-coupon.js"))
    .build(),
  onInstrument(sending(task(["bond", "pay-coupon"], "Pay a funded coupon to the holders still due (resumable)")))
    .addOption(period())
    .addOption(optional("holders", "Holders separated by commas (default: every holder still due)"))
    .addOption(optional("file", "CSV with a column wallet: the holders to pay"))
    .addOption({
      name: "page",
      description: "Holders per payCoupon transaction",
      type: ArgumentType.INT,
      defaultValue: 100,
    })
    .setAction(() => import("./bond/pay-coupon.js"))
    .build(),
  onInstrument(sending(task(["bond", "sweep"], "After the claim window, send a coupon's unpaid rest to the treasury")))
    .addOption(period())
    .setAction(() => import("./bond/sweep.js"))
    .build(),
  onInstrument(
    sending(task(["bond", "fund-redemption"], "Pull the principal and final coupon still needed from the treasury")),
  )
    .setAction(() => import("./bond/fund-redemption.js"))
    .build(),
  onInstrument(sending(task(["bond", "redeem-for"], "At maturity, redeem holders: face value and final coupon")))
    .addOption(wallet("Holders separated by commas (default: every holder)"))
    .setAction(() => import("./bond/redeem-for.js"))
    .build(),
  onInstrument(
    sending(task(["bond", "sweep-redemption"], "Return redemption funds no holder can claim to the treasury wallet")),
  )
    .setAction(() => import("./bond/sweep-redemption.js"))
    .build(),
  onInstrument(sending(task(["bond", "set-treasury"], "Change the treasury wallet of a bond (admin)")))
    .addOption(optional("treasury", "The new treasury wallet"))
    .addOption(salt())
    .setAction(() => import("./bond/set-treasury.js"))
    .build(),

  emptyTask("commodity", "Commodity reserve operations: attestations and redemptions").build(),
  onInstrument(sending(task(["commodity", "attest"], "Record a reserve attestation (auditor)")))
    .addOption(optional("reserves", "Reserves held, in reserve units (the token's unit, as milligrams)"))
    .addOption(optional("asOf", "The time the count refers to (ISO 8601 date)"))
    .addOption(optional("reportHash", "Hash of the audit report (32 bytes hex)"))
    .addOption(optional("uri", "Where the audit report can be read"))
    .setAction(() => import("./commodity/attest.js"))
    .build(),
  onInstrument(sending(task(["commodity", "fulfil"], "Fulfil a redemption request: burn its escrowed tokens")))
    .addOption(optional("id", "The redemption request number"))
    .setAction(() => import("./commodity/fulfil.js"))
    .build(),
  onInstrument(sending(task(["commodity", "reject"], "Reject a redemption request (--reason): tokens go back")))
    .addOption(optional("id", "The redemption request number"))
    .setAction(() => import("./commodity/reject.js"))
    .build(),
  onInstrument(sending(task(["commodity", "set-feed"], "Read reserves from a proof-of-reserve feed, or none (admin)")))
    .addOption(optional("feed", 'The feed\'s address, or "none" to read the attestations again'))
    .addOption(salt())
    .setAction(() => import("./commodity/set-feed.js"))
    .build(),

  emptyTask(
    "roles",
    "Grant and revoke roles, as the admin (directly, through the timelock, or via a multisig)",
  ).build(),
  sending(task(["roles", "grant"], "Grant a role (through the timelock: run again to execute once ready)"))
    .addOption(optional("contract", '"registry" or an instrument id'))
    .addOption(optional("role", "The role, as ISSUER_ROLE"))
    .addOption(optional("account", "The account"))
    .addOption(salt())
    .setAction(() => import("./roles/grant.js"))
    .build(),
  sending(task(["roles", "revoke"], "Revoke a role (through the timelock: run again to execute once ready)"))
    .addOption(optional("contract", '"registry" or an instrument id'))
    .addOption(optional("role", "The role, as ISSUER_ROLE"))
    .addOption(optional("account", "The account"))
    .addOption(salt())
    .setAction(() => import("./roles/revoke.js"))
    .build(),

  emptyTask("governance", "The admin's own operations: hand-over of DEFAULT_ADMIN_ROLE and the admin delay").build(),
  governed(
    task(
      ["governance", "begin-admin-transfer"],
      "Begin handing DEFAULT_ADMIN_ROLE to --to (it accepts after the delay)",
    ),
  )
    .addOption(optional("to", "The new admin (checksummed address)"))
    .setAction(() => import("./governance/begin-admin-transfer.js"))
    .build(),
  governed(task(["governance", "accept-admin"], "As the pending admin, accept the hand-overs whose delay has passed"))
    .setAction(() => import("./governance/accept-admin.js"))
    .build(),
  governed(task(["governance", "cancel-admin-transfer"], "Cancel the pending admin hand-over"))
    .setAction(() => import("./governance/cancel-admin-transfer.js"))
    .build(),
  governed(
    task(["governance", "change-admin-delay"], "Schedule a new admin delay (effective after the contract's wait)"),
  )
    .addOption(optional("delay", "The new delay: seconds, or a number with a unit s, m, h, d or w (as 2d)"))
    .setAction(() => import("./governance/change-admin-delay.js"))
    .build(),
  governed(task(["governance", "rollback-admin-delay"], "Cancel a pending admin delay change"))
    .setAction(() => import("./governance/rollback-admin-delay.js"))
    .build(),

  emptyTask("report", "Reports: cap table, audit trail, auction results, reserve coverage, coupons, admins").build(),
  reportFiles(
    issuance(task(["report", "admins"], "Per contract: admin, pending hand-over, admin delay and its change")),
  )
    .addOption(contract())
    .setAction(() => import("./report/admins.js"))
    .build(),
  reportFiles(onInstrument(issuance(task(["report", "cap-table"], "Holders and balances of an instrument at a block"))))
    .addOption({
      name: "block",
      description: "Block number (default: latest)",
      type: ArgumentType.INT,
      defaultValue: -1,
    })
    .setAction(() => import("./report/cap-table.js"))
    .build(),
  reportFiles(onInstrument(issuance(task(["report", "auction-results"], "Allotments of a treasury bill's auctions"))))
    .setAction(() => import("./report/auction-results.js"))
    .build(),
  reportFiles(
    onInstrument(issuance(task(["report", "reserve-coverage"], "Attested reserves against supply, commodity tokens"))),
  )
    .setAction(() => import("./report/reserve-coverage.js"))
    .build(),
  reportFiles(
    onInstrument(issuance(task(["report", "coupons"], "A bond's coupon schedule and each holder's cash flows"))),
  )
    .addOption(optional("holder", "Only this holder's cash flows (default: every holder)"))
    .setAction(() => import("./report/coupons.js"))
    .build(),
  reportFiles(issuance(task(["report", "audit-trail"], "Every event of the issuance's contracts, decoded")))
    .addOption({
      name: "fromBlock",
      description: "First block (default: the deployment)",
      type: ArgumentType.INT,
      defaultValue: -1,
    })
    .addOption({
      name: "toBlock",
      description: "Last block (default: latest)",
      type: ArgumentType.INT,
      defaultValue: -1,
    })
    .setAction(() => import("./report/audit-trail.js"))
    .build(),
];
