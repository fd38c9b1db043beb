/**
 * The operations tasks (`npx hardhat <task> [subtask] --help`): deployment, investors, token
 * administration, roles and governance, reports. Every task takes `--manifest` (the issuance)
 * and runs on `--network`; signers are the accounts configured for that network (config
 * variables or the keystore), never keys on the command line. Actions load only when they run.
 */
import { emptyTask, task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import { explorerTasks } from "./explorer/index.js";
import { indexerTasks } from "./indexer/index.js";
import { instrumentTasks } from "./instrument-tasks.js";
import {
  contract,
  emptyAsUnset,
  governed,
  issuance,
  mandatory,
  onInstrument,
  optional,
  reportFiles,
  salt,
  sending,
} from "./options.js";

export const opsTasks = [
  sending(task("deploy", "Deploy (or resume deploying) the issuance of a manifest"))
    .addFlag({ name: "dryRun", description: "Print the plan and stop" })
    .addFlag({ name: "reset", description: "Local networks only: forget an earlier deployment (node restarted)" })
    .setAction(() => import("./deploy.js"))
    .build(),

  emptyTask("investors", "KYC agent operations on the investor registry").build(),
  sending(task(["investors", "import"], "Register and update investors from a CSV file (idempotent, resumable)"))
    .addOption(mandatory("file", "CSV with columns wallet,investorId,country,category,expiresAt"))
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
    .addOption(mandatory("wallet", "The registered wallet"))
    .addOption(optional("investorId", "New investorId (32-byte hex)"))
    .addOption(optional("country", "New country (ISO 3166-1 numeric or alpha-2)"))
    .addOption(optional("category", "New category (name or number)"))
    .addOption(optional("expiresAt", "New KYC expiry (ISO 8601 date)"))
    .setAction(() => import("./investors/update.js"))
    .build(),
  sending(task(["investors", "revoke"], "Revoke investors: they stop being verified at once"))
    .addOption(mandatory("wallet", "The wallet, or several separated by commas"))
    .setAction(() => import("./investors/revoke.js"))
    .build(),

  ...instrumentTasks,

  emptyTask(
    "roles",
    "Grant and revoke roles, as the admin (directly, through the timelock, or via a multisig)",
  ).build(),
  sending(task(["roles", "grant"], "Grant a role (through the timelock: run again to execute once ready)"))
    .addOption(mandatory("contract", '"registry", "documents" or an instrument id'))
    .addOption(mandatory("role", "The role, as ISSUER_ROLE"))
    .addOption(mandatory("account", "The account"))
    .addOption(salt())
    .setAction(() => import("./roles/grant.js"))
    .build(),
  sending(task(["roles", "revoke"], "Revoke a role (through the timelock: run again to execute once ready)"))
    .addOption(mandatory("contract", '"registry", "documents" or an instrument id'))
    .addOption(mandatory("role", "The role, as ISSUER_ROLE"))
    .addOption(mandatory("account", "The account"))
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
    .addOption(mandatory("to", "The new admin (checksummed address)"))
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
    .addOption(mandatory("delay", "The new delay: seconds, or a number with a unit s, m, h, d or w (as 2d)"))
    .setAction(() => import("./governance/change-admin-delay.js"))
    .build(),
  governed(task(["governance", "rollback-admin-delay"], "Cancel a pending admin delay change"))
    .setAction(() => import("./governance/rollback-admin-delay.js"))
    .build(),

  emptyTask("clock", "Local chains only: the chain's clock, to rehearse an issuance's calendar").build(),
  task(["clock", "advance"], "Local chains only: mine a block at --to (a chain's time only moves forward)")
    .addOption(mandatory("to", "The date to move to (ISO 8601: 2027-06-03, midnight UTC, or with a time and zone)"))
    .setAction(() => import("./clock/advance.js"))
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

  ...indexerTasks,
  ...explorerTasks,
].map(emptyAsUnset);
