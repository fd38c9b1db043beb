/**
 * The contracts the indexer follows: those of deployment records (deployments/<network>/<name>.json,
 * as the `deploy` task writes them), or addresses given with their kind; and the ABI each is read
 * with (the TypeChain bindings of the production contracts).
 */
import { readFile } from "node:fs/promises";
import { Interface, getAddress, isAddress, type InterfaceAbi } from "ethers";
import { Timelock__factory } from "../../typechain-types/factories/contracts/governance/Timelock__factory.js";
import {
  CommodityReserveToken__factory,
  InvestorRegistry__factory,
  SovereignBond__factory,
  SovereignToken__factory,
  TreasuryBill__factory,
} from "../sdk/contracts.js";
import type { DeploymentRecord } from "../ops/deployments.js";
import { OpsError, describeValue } from "../ops/errors.js";
import type { InstrumentKind } from "../ops/manifest.js";

export type ContractKind = "registry" | "timelock" | InstrumentKind;

export interface Followed {
  address: string;
  /** The instrument's id in its manifest, or "registry" / "timelock". */
  name: string;
  kind: ContractKind;
  /** The issuance's name; empty for a contract given by address. */
  deployment: string;
  symbol: string;
  decimals: number;
  /** Its logs start after this block (the record's start block). */
  startBlock: number;
}

const ABIS: Record<ContractKind, InterfaceAbi> = {
  registry: InvestorRegistry__factory.abi,
  timelock: Timelock__factory.abi,
  regulatedToken: SovereignToken__factory.abi,
  treasuryBill: TreasuryBill__factory.abi,
  sovereignBond: SovereignBond__factory.abi,
  commodityReserve: CommodityReserveToken__factory.abi,
};

export const CONTRACT_KINDS = Object.keys(ABIS) as ContractKind[];

const interfaces = new Map<ContractKind, Interface>();

/** The ABI that contracts of `kind` are decoded with. */
export function interfaceOf(kind: ContractKind): Interface {
  let iface = interfaces.get(kind);
  if (iface === undefined) interfaces.set(kind, (iface = new Interface(ABIS[kind])));
  return iface;
}

/** Whether contracts of `kind` are tokens (their Transfer events move balances). */
export function isInstrument(kind: ContractKind): boolean {
  return kind !== "registry" && kind !== "timelock";
}

/** The contracts of deployment `record`: its timelock and registry (when it deployed or names them) and instruments. */
export function contractsOfRecord(record: DeploymentRecord): Followed[] {
  const base = { deployment: record.name, startBlock: record.startBlock, symbol: "", decimals: 0 };
  const followed: Followed[] = [];
  if (record.timelock)
    followed.push({ ...base, address: getAddress(record.timelock), name: "timelock", kind: "timelock" });
  if (record.registry)
    followed.push({ ...base, address: getAddress(record.registry), name: "registry", kind: "registry" });
  for (const [name, instrument] of Object.entries(record.instruments)) {
    followed.push({
      ...base,
      address: getAddress(instrument.address),
      name,
      kind: instrument.kind,
      symbol: instrument.symbol,
      decimals: instrument.decimals,
    });
  }
  return followed;
}

/** The deployment record in `file`, checked for what the indexer reads of it. */
export async function readDeploymentFile(file: string): Promise<DeploymentRecord> {
  let record: DeploymentRecord;
  try {
    record = JSON.parse(await readFile(file, "utf8")) as DeploymentRecord;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new OpsError(`--deployment ${file}: cannot read it (${reason})`, { cause: error });
  }
  const bad = (field: string, value: unknown, expected: string) =>
    new OpsError(`--deployment ${file}: ${field}: got ${describeValue(value)}, expected ${expected}`);
  if (typeof record !== "object" || record === null) throw bad("(file)", record, "a deployment record (JSON object)");
  if (typeof record.name !== "string") throw bad("name", record.name, "the issuance's name");
  if (!Number.isSafeInteger(record.startBlock) || record.startBlock < 0)
    throw bad("startBlock", record.startBlock, "a block number");
  if (typeof record.instruments !== "object" || record.instruments === null)
    throw bad("instruments", record.instruments, "the deployed instruments");
  for (const [name, instrument] of Object.entries(record.instruments)) {
    if (!isAddress(instrument?.address)) throw bad(`instruments.${name}.address`, instrument?.address, "an address");
    if (!CONTRACT_KINDS.includes(instrument.kind)) throw bad(`instruments.${name}.kind`, instrument.kind, "a kind");
  }
  for (const field of ["registry", "timelock"] as const) {
    if (record[field] !== undefined && !isAddress(record[field])) throw bad(field, record[field], "an address");
  }
  return record;
}

/**
 * Contracts given as `kind:address` (several separated by commas; an instrument may add
 * `:name`), followed from `startBlock`.
 */
export function parseContracts(spec: string, startBlock: number): Followed[] {
  return spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map((part) => {
      const [kind, address, name] = part.split(":");
      if (!CONTRACT_KINDS.includes(kind as ContractKind) || !isAddress(address)) {
        throw new OpsError(
          `--contracts: got "${part}", expected kind:address with a kind among ${CONTRACT_KINDS.join(", ")}`,
        );
      }
      const checksummed = getAddress(address);
      return {
        address: checksummed,
        name: name ?? (isInstrument(kind as ContractKind) ? checksummed : kind),
        kind: kind as ContractKind,
        deployment: "",
        symbol: "",
        decimals: 0,
        startBlock,
      };
    });
}

/** `followed` without a contract named twice; the same address under two names is refused. */
export function mergeFollowed(followed: readonly Followed[]): Followed[] {
  const byAddress = new Map<string, Followed>();
  for (const contract of followed) {
    const known = byAddress.get(contract.address);
    if (known !== undefined && known.kind !== contract.kind) {
      throw new OpsError(`${contract.address} is given as a ${known.kind} and as a ${contract.kind}`);
    }
    if (known === undefined || contract.startBlock < known.startBlock) byAddress.set(contract.address, contract);
  }
  return [...byAddress.values()];
}
