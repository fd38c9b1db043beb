/**
 * A manifest resolved against the accounts of a network: every signer name replaced by its
 * address, every policy turned into contract values. What the deployment sends and what the
 * plan prints come from here.
 */
import { planDocuments, type DocumentsPlan } from "./documents-manifest.js";
import { OpsError } from "./errors.js";
import { planTermsOf } from "./kinds/index.js";
import { DEPLOYER, type Instrument, type Manifest } from "./manifest.js";
import { OPEN_POLICY, policyCalls, policySettingsOf } from "./policy.js";
import type { InstrumentPlan } from "./kinds/index.js";
import { isChecksummedAddress } from "./units.js";

export type { DebtTermsPlan } from "../../ignition/modules/plan-types.js";
export type { InstrumentPlan, TermsPlan } from "./kinds/index.js";
export type { TreasuryBillTermsPlan } from "./kinds/treasury-bill.js";
export type { BondTermsPlan } from "./kinds/sovereign-bond.js";
export type { CommodityTermsPlan } from "./kinds/commodity-reserve.js";

/** Who administers every contract once the hand-over is complete. */
export type AdminPlan =
  | { kind: "deployer"; address: string }
  | { kind: "account"; address: string }
  | { kind: "multisig"; address: string }
  | { kind: "timelock"; address: string }
  | { kind: "newTimelock"; minDelay: bigint; proposers: string[]; executors: string[] };

export interface IssuancePlan {
  name: string;
  deployer: string;
  admin: AdminPlan;
  adminDelay: bigint;
  registry: { deploy: true; kycAgents: string[] } | { deploy: false; address: string };
  instruments: InstrumentPlan[];
  /** The document registry to deploy and the documents to register, when the manifest has them. */
  documents?: DocumentsPlan;
}

/** Resolves `party` (an address or a signer name of `manifest`) among the network's `accounts`. */
export function resolveParty(manifest: Manifest, party: string, accounts: readonly string[], network: string): string {
  if (isChecksummedAddress(party)) return party;
  const entry = party === DEPLOYER ? (manifest.signers[DEPLOYER] ?? 0) : manifest.signers[party];
  if (entry === undefined) throw new OpsError(`signer "${party}" is not declared under "signers"`);
  if (typeof entry === "string") return entry;
  const account = accounts[entry];
  if (account === undefined) {
    throw new OpsError(
      `signer "${party}" is account #${entry}, but network "${network}" has ${accounts.length} account(s) configured`,
    );
  }
  return account;
}

export function planIssuance(manifest: Manifest, accounts: readonly string[], network: string): IssuancePlan {
  const resolve = (party: string) => resolveParty(manifest, party, accounts, network);
  const resolveAll = (parties: readonly string[] | undefined) => [...new Set((parties ?? []).map(resolve))];
  const deployer = resolve(DEPLOYER);
  return {
    name: manifest.name,
    deployer,
    admin: planAdmin(manifest, deployer, resolve, resolveAll),
    adminDelay: BigInt(manifest.governance.adminDelay),
    registry: manifest.registry.deploy
      ? { deploy: true, kycAgents: resolveAll(manifest.registry.roles.KYC_AGENT_ROLE) }
      : { deploy: false, address: manifest.registry.address },
    instruments: manifest.instruments.map((instrument) => planInstrument(instrument, resolve, resolveAll)),
    ...(manifest.documents === undefined ? {} : { documents: planDocuments(manifest.documents, resolveAll) }),
  };
}

function planAdmin(
  manifest: Manifest,
  deployer: string,
  resolve: (party: string) => string,
  resolveAll: (parties: readonly string[]) => string[],
): AdminPlan {
  const { admin } = manifest.governance;
  if (typeof admin === "string") {
    const address = resolve(admin);
    return address === deployer ? { kind: "deployer", address } : { kind: "account", address };
  }
  if ("multisig" in admin) return { kind: "multisig", address: admin.multisig };
  if (typeof admin.timelock === "string") return { kind: "timelock", address: admin.timelock };
  return {
    kind: "newTimelock",
    minDelay: BigInt(admin.timelock.minDelay),
    proposers: resolveAll(admin.timelock.proposers),
    executors: resolveAll(admin.timelock.executors),
  };
}

function planInstrument(
  instrument: Instrument,
  resolve: (party: string) => string,
  resolveAll: (parties: readonly string[]) => string[],
): InstrumentPlan {
  const policy = policySettingsOf(instrument.policy, instrument.decimals);
  const roles = Object.fromEntries(
    Object.entries(instrument.roles).map(([role, holders]) => [role, resolveAll(holders ?? [])]),
  );
  return {
    id: instrument.id,
    kind: instrument.kind,
    name: instrument.name,
    symbol: instrument.symbol,
    decimals: instrument.decimals,
    roles,
    policy,
    policyCalls: policyCalls(OPEN_POLICY, policy),
    terms: planTermsOf(instrument, resolve),
  };
}
