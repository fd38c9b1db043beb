/**
 * Deployment records: the addresses of an issuance on one network, kept in
 * `deployments/<network>/<manifest name>.json` next to Ignition's own journal
 * (`ignition/deployments/<manifest name>-chain-<chain id>/`).
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { OpsError } from "./errors.js";
import type { InstrumentKind } from "./manifest.js";
import type { AdminPlan } from "./plan.js";

export interface InstrumentRecord {
  kind: InstrumentKind;
  address: string;
  symbol: string;
  decimals: number;
  /** A debt instrument's settlement token (its terms' address, or the test dollar deployed with it). */
  settlementToken?: string;
}

/** Field (as `instruments.<id>.policy.countries`) -> value as people read it: see deployed-fields.ts. */
export type DeployedFields = Record<string, string>;

export interface DeploymentRecord {
  name: string;
  manifest: string;
  network: string;
  chainId: number;
  /** Ignition's deployment id. */
  deploymentId: string;
  /** The latest block when the deployment began: the contracts exist after it; reports read events from it. */
  startBlock: number;
  deployer: string;
  admin: AdminPlan["kind"];
  /**
   * True once every step of the deployment is done. A complete record is never made incomplete
   * again: a re-run that fails or is cut short leaves it as it was.
   */
  complete: boolean;
  registry?: string;
  timelock?: string;
  /** The document registry (ERC-1643) of the issuance and its instruments, when the manifest has documents. */
  documentRegistry?: string;
  /** The contracts deployed so far: every one once complete. */
  instruments: Record<string, InstrumentRecord>;
  /** What the deployment sets, field by field: a re-run compares the manifest with it. */
  deployed?: DeployedFields;
  updatedAt: string;
}

export function recordFile(stateDir: string, network: string, name: string): string {
  return path.join(stateDir, "deployments", network, `${name}.json`);
}

export function ignitionDeploymentDir(stateDir: string, deploymentId: string): string {
  return path.join(stateDir, "ignition", "deployments", deploymentId);
}

export async function readRecord(
  stateDir: string,
  network: string,
  name: string,
): Promise<DeploymentRecord | undefined> {
  try {
    return JSON.parse(await readFile(recordFile(stateDir, network, name), "utf8")) as DeploymentRecord;
  } catch {
    return undefined;
  }
}

export async function writeRecord(stateDir: string, record: DeploymentRecord): Promise<void> {
  const file = recordFile(stateDir, record.network, record.name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ ...record, updatedAt: new Date().toISOString() }, null, 2)}\n`);
}

/** Forgets a deployment on a local network whose chain was restarted: its record and Ignition journal. */
export async function removeDeployment(stateDir: string, network: string, name: string, deploymentId: string) {
  await rm(recordFile(stateDir, network, name), { force: true });
  await rm(ignitionDeploymentDir(stateDir, deploymentId), { recursive: true, force: true });
}

/**
 * The deployment of issuance `name` on `network`, or an error that says what to run. It may be
 * incomplete (a first deployment interrupted): it then lists the contracts deployed so far.
 */
export async function loadRecord(stateDir: string, network: string, name: string): Promise<DeploymentRecord> {
  const record = await readRecord(stateDir, network, name);
  if (record === undefined) {
    throw new OpsError(
      `no deployment of "${name}" on network ${network} (${path.relative(process.cwd(), recordFile(stateDir, network, name))}): ` +
        `run \`npx hardhat --network ${network} deploy --manifest <file>\` first` +
        (network === "default" ? " (the embedded chain lasts one command: use a node, --network localhost)" : ""),
    );
  }
  return record;
}
