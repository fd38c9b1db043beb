/**
 * The tasks on one instrument: the regulated core's agent operations (`token`), then those of each
 * instrument's own contract (`tbill`, `bond`, `commodity`). Actions load only when they run.
 */
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import { amount, issuance, mandatory, onInstrument, optional, period, salt, sending, wallet } from "./options.js";

/** The local rehearsal tasks of a debt instrument settling in a test dollar: `<group> fund-treasury`. */
const fundTreasury = (group: "tbill" | "bond") =>
  onInstrument(
    issuance(
      task(
        [group, "fund-treasury"],
        "Local chains only: mint test dollars to the treasury wallet until it holds --amount",
      ),
    ),
  )
    .addOption(mandatory("amount", "Test dollars the treasury wallet must hold, as 100000000"))
    .setAction(() => import(`./${group}/fund-treasury.js`))
    .build();

export const instrumentTasks = [
  emptyTask("token", "Agent operations on an instrument").build(),
  onInstrument(sending(task(["token", "mint"], "Mint to one wallet, or the allocations of a CSV file")))
    .addOption(optional("to", "The receiving wallet; required without --file"))
    .addOption(amount("Amount in tokens (as 1000.25); required without --file"))
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
    .addOption(mandatory("wallet", "The holder"))
    .addOption(mandatory("amount", "Amount in tokens"))
    .setAction(() => import("./token/burn.js"))
    .build(),
  onInstrument(sending(task(["token", "freeze"], "Freeze a wallet, or --amount more of its tokens")))
    .addOption(mandatory("wallet", "The wallet"))
    .addOption(amount("Tokens to freeze in addition to those already frozen (default: the whole wallet)"))
    .setAction(() => import("./token/freeze.js"))
    .build(),
  onInstrument(sending(task(["token", "unfreeze"], "Unfreeze a wallet, or release --amount of its frozen tokens")))
    .addOption(mandatory("wallet", "The wallet"))
    .addOption(amount("Frozen tokens to release (default: unfreeze the whole wallet)"))
    .setAction(() => import("./token/unfreeze.js"))
    .build(),
  onInstrument(
    sending(task(["token", "forced-transfer"], "Move tokens without the holder's consent (--reason required)")),
  )
    .addOption(mandatory("wallet", "The wallet tokens are taken from"))
    .addOption(mandatory("to", "The receiving wallet"))
    .addOption(mandatory("amount", "Amount in tokens"))
    .setAction(() => import("./token/forced-transfer.js"))
    .build(),
  onInstrument(
    sending(task(["token", "recover"], "Move a lost wallet's balance to another wallet of the same investor")),
  )
    .addOption(mandatory("lost", "The lost wallet"))
    .addOption(mandatory("replacement", "The investor's new wallet, registered with the same investorId"))
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
    .addOption(mandatory("registry", "The investor registry's address"))
    .addOption(salt())
    .setAction(() => import("./token/set-registry.js"))
    .build(),

  emptyTask("tbill", "Treasury-bill operations: auctions, settlement, rollover, redemption").build(),
  onInstrument(sending(task(["tbill", "auction"], "Allot an auction from a bids file, record and settle it DvP")))
    .addOption(
      mandatory("bids", "CSV with columns bidder,type,amount,yield (yield in percent; empty if noncompetitive)"),
    )
    .addOption(mandatory("offer", "Bills on offer (face value), as 1000000"))
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
    .addOption(mandatory("allotment", "The allotment number (report auction-results lists them)"))
    .setAction(() => import("./tbill/cancel.js"))
    .build(),
  onInstrument(
    sending(task(["tbill", "rollover-price"], "Open (--price) or close (--close) the rollover of a matured bill")),
  )
    .addOption(mandatory("matured", "The matured bill: its instrument id in the manifest, or its address"))
    .addOption(
      optional("price", "Price per bill today, in settlement-token units, as 98.5 (later days follow its yield)"),
    )
    .addFlag({ name: "close", description: "Close the rollover instead (price zero)" })
    .setAction(() => import("./tbill/rollover-price.js"))
    .build(),
  onInstrument(sending(task(["tbill", "set-treasury"], "Change the treasury wallet of a bill (admin)")))
    .addOption(mandatory("treasury", "The new treasury wallet"))
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
  onInstrument(
    issuance(
      task(
        ["tbill", "fund-bidders"],
        "Local chains only: mint each bidder the test dollars its bids can cost and approve the bill",
      ),
    ),
  )
    .addOption(mandatory("bids", "The auction's bids file (CSV with columns bidder,type,amount,yield)"))
    .setAction(() => import("./tbill/fund-bidders.js"))
    .build(),
  fundTreasury("tbill"),

  emptyTask("bond", "Sovereign-bond operations: rate fixings, coupons, redemption").build(),
  onInstrument(sending(task(["bond", "fix-rate"], "Fix the rate of a floating-rate coupon, before its record date")))
    .addOption(period())
    .addOption(mandatory("rate", "The annual rate in percent, at most 2 decimals, as 12.25"))
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
    .addOption(mandatory("treasury", "The new treasury wallet"))
    .addOption(salt())
    .setAction(() => import("./bond/set-treasury.js"))
    .build(),
  fundTreasury("bond"),

  emptyTask("commodity", "Commodity reserve operations: attestations and redemptions").build(),
  onInstrument(sending(task(["commodity", "attest"], "Record a reserve attestation (auditor)")))
    .addOption(mandatory("reserves", "Reserves held, in reserve units (the token's unit, as milligrams)"))
    .addOption(mandatory("asOf", "The time the count refers to (ISO 8601 date)"))
    .addOption(mandatory("reportHash", "Hash of the audit report (32 bytes hex)"))
    .addOption(mandatory("uri", "Where the audit report can be read"))
    .setAction(() => import("./commodity/attest.js"))
    .build(),
  onInstrument(sending(task(["commodity", "fulfil"], "Fulfil a redemption request: burn its escrowed tokens")))
    .addOption(mandatory("id", "The redemption request number"))
    .setAction(() => import("./commodity/fulfil.js"))
    .build(),
  onInstrument(sending(task(["commodity", "reject"], "Reject a redemption request (--reason): tokens go back")))
    .addOption(mandatory("id", "The redemption request number"))
    .setAction(() => import("./commodity/reject.js"))
    .build(),
  onInstrument(sending(task(["commodity", "set-feed"], "Read reserves from a proof-of-reserve feed, or none (admin)")))
    .addOption(mandatory("feed", 'The feed\'s address, or "none" to read the attestations again', ""))
    .addOption(salt())
    .setAction(() => import("./commodity/set-feed.js"))
    .build(),
];
