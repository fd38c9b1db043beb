/**
 * KYC agent operations on the investor registry: the CSV import, updates and revocations.
 *
 * The import is idempotent: it reads every wallet's record on chain first and sends only what
 * differs. A wallet that is unknown (or revoked) is registered, in chunks with
 * `registerInvestors`; a registered wallet whose record differs is updated with
 * `updateInvestor`, one transaction each (the registry has no batch update); a wallet registered
 * with the same data is skipped. A run that stopped half-way (crash, RPC outage) is completed by
 * running it again: what the chain already holds is skipped.
 */
import { investorCategoryName, toArgs, toBatch, type InvestorRecord } from "../sdk/investors.js";
import type { InvestorRegistry } from "../../typechain-types/index.js";
import { blockTime, waitUntilSettled } from "./chain.js";
import { confirmSending, registryOf, signerWithRole, type OpsContext } from "./context.js";
import { countryLabel } from "./countries.js";
import { OpsError } from "./errors.js";
import { readInvestorFile, type InvestorRow } from "./investors-csv.js";
import { saveLabels } from "./labels.js";
import { progressBar } from "./progress.js";
import { send } from "./send.js";
import { isChecksummedAddress, isoTime } from "./units.js";

const KYC_AGENT_ROLE = "KYC_AGENT_ROLE";

export interface ImportPlan {
  register: InvestorRow[];
  update: InvestorRow[];
  unchanged: InvestorRow[];
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Wallets per `registerInvestors` transaction. */
  chunk?: number;
  /** The KYC agent account to send from (default: the first configured account with the role). */
  from?: string;
  reason?: string;
  /** Draws the progress bar (default: standard error). */
  progress?: boolean;
}

export interface ImportResult extends ImportPlan {
  transactions: number;
}

/** Sorts `rows` by what the chain holds for each wallet. */
export async function planImport(registry: InvestorRegistry, rows: readonly InvestorRow[]): Promise<ImportPlan> {
  const plan: ImportPlan = { register: [], update: [], unchanged: [] };
  const concurrency = 16;
  for (let i = 0; i < rows.length; i += concurrency) {
    const slice = rows.slice(i, i + concurrency);
    const records = await Promise.all(slice.map((row) => registry.investorOf(row.wallet)));
    slice.forEach((row, j) => {
      const onChain = records[j];
      const registered = onChain.expiresAt !== 0n && !onChain.revoked;
      const same =
        onChain.investorId === row.investorId &&
        Number(onChain.country) === row.country &&
        Number(onChain.category) === row.category &&
        onChain.expiresAt === row.expiresAt;
      if (!registered) plan.register.push(row);
      else if (same) plan.unchanged.push(row);
      else plan.update.push(row);
    });
  }
  return plan;
}

/** Validates investor file `file` (every row, before anything is sent), then registers and updates what differs. */
export async function importInvestors(
  ctx: OpsContext,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const chunk = options.chunk ?? 100;
  if (!Number.isInteger(chunk) || chunk < 1)
    throw new OpsError(`--chunk: got ${chunk}, expected a whole number from 1`);
  const provider = ctx.connection.ethers.provider;
  const now = await blockTime(provider);
  const rows = await readInvestorFile(file, now);
  const registry = await registryOf(ctx);
  const signer = await signerWithRole(ctx, registry, KYC_AGENT_ROLE, options.from);
  await waitUntilSettled(provider, signer.address);
  const plan = await planImport(registry, rows);
  const chunks = Array.from({ length: Math.ceil(plan.register.length / chunk) }, (_, i) =>
    plan.register.slice(i * chunk, (i + 1) * chunk),
  );
  const transactions = chunks.length + plan.update.length;
  ctx.out(
    `${file}: ${rows.length} valid row(s): ${plan.register.length} to register (${chunks.length} transaction(s) of up to ` +
      `${chunk}), ${plan.update.length} to update (one transaction each), ${plan.unchanged.length} already registered with the same data`,
  );
  if (options.dryRun) {
    for (const row of plan.register) ctx.out(`  register ${describeRecord(row)}`);
    for (const row of plan.update) ctx.out(`  update   ${describeRecord(row)}`);
    return { ...plan, transactions: 0 };
  }
  // The names stay on this machine, for reports; the registry holds only salted hashes.
  await saveLabels(ctx, rows);
  if (transactions === 0) return { ...plan, transactions: 0 };
  confirmSending(ctx);
  const progress = options.progress === false ? undefined : progressBar("investors", transactions);
  const kyc = registry.connect(signer);
  try {
    for (const [index, rowsOfChunk] of chunks.entries()) {
      await send(ctx, {
        action: "registerInvestors",
        contract: "InvestorRegistry",
        signer,
        tx: await kyc.registerInvestors.populateTransaction(...toBatch(rowsOfChunk)),
        iface: registry.interface,
        args: {
          file,
          chunk: index + 1,
          lines: rowsOfChunk.map((r) => r.line),
          wallets: rowsOfChunk.map((r) => r.wallet),
        },
        reason: options.reason,
      });
      progress?.advance();
    }
    for (const row of plan.update) {
      await send(ctx, {
        action: "updateInvestor",
        contract: "InvestorRegistry",
        signer,
        tx: await kyc.updateInvestor.populateTransaction(...toArgs(row)),
        iface: registry.interface,
        args: { file, line: row.line, ...readable(row) },
        reason: options.reason,
      });
      progress?.advance();
    }
  } finally {
    progress?.finish();
  }
  return { ...plan, transactions };
}

export interface InvestorChange {
  wallet: string;
  investorId?: string;
  country?: number;
  category?: number;
  expiresAt?: bigint;
}

/** Changes fields of a registered wallet's record (the others are kept), with `updateInvestor`. */
export async function updateInvestor(
  ctx: OpsContext,
  change: InvestorChange,
  options: { from?: string; reason?: string } = {},
) {
  const registry = await registryOf(ctx);
  const current = await registry.investorOf(checkedWallet(change.wallet));
  if (current.expiresAt === 0n || current.revoked) {
    throw new OpsError(`${change.wallet} is not registered${current.revoked ? " (revoked)" : ""}: import it instead`);
  }
  const record: InvestorRecord = {
    wallet: change.wallet,
    investorId: change.investorId ?? current.investorId,
    country: change.country ?? Number(current.country),
    category: change.category ?? Number(current.category),
    expiresAt: change.expiresAt ?? current.expiresAt,
  };
  ctx.out(`update ${describeRecord(record)}`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, registry, KYC_AGENT_ROLE, options.from);
  return send(ctx, {
    action: "updateInvestor",
    contract: "InvestorRegistry",
    signer,
    tx: await registry.connect(signer).updateInvestor.populateTransaction(...toArgs(record)),
    iface: registry.interface,
    args: readable(record),
    reason: options.reason,
  });
}

/** Revokes `wallets` (one transaction); they stop being verified in every token at once. */
export async function revokeInvestors(
  ctx: OpsContext,
  wallets: readonly string[],
  options: { from?: string; reason?: string } = {},
) {
  if (wallets.length === 0) throw new OpsError("--wallet is required");
  wallets.forEach(checkedWallet);
  const registry = await registryOf(ctx);
  ctx.out(`revoke ${wallets.join(", ")}`);
  confirmSending(ctx);
  const signer = await signerWithRole(ctx, registry, KYC_AGENT_ROLE, options.from);
  const kyc = registry.connect(signer);
  const single = wallets.length === 1;
  return send(ctx, {
    action: single ? "revokeInvestor" : "revokeInvestors",
    contract: "InvestorRegistry",
    signer,
    tx: single
      ? await kyc.revokeInvestor.populateTransaction(wallets[0])
      : await kyc.revokeInvestors.populateTransaction([...wallets]),
    iface: registry.interface,
    args: { wallets },
    reason: options.reason,
  });
}

function checkedWallet(wallet: string): string {
  if (!isChecksummedAddress(wallet)) throw new OpsError(`wallet: got "${wallet}", expected a checksummed address`);
  return wallet;
}

function readable(record: InvestorRecord) {
  return {
    wallet: record.wallet,
    investorId: record.investorId,
    country: record.country,
    category: investorCategoryName(record.category),
    expiresAt: isoTime(record.expiresAt),
  };
}

function describeRecord(record: InvestorRecord): string {
  return (
    `${record.wallet} id ${record.investorId.slice(0, 10)}... country ${countryLabel(record.country)} ` +
    `${investorCategoryName(record.category)} until ${isoTime(record.expiresAt)}`
  );
}
