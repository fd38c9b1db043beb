/**
 * Deployment of an issuance: validates the manifest against the network, prints the plan, asks
 * for `--yes` on networks that are not local, runs the Ignition module built from the manifest
 * (a re-run resumes where the previous one stopped) and records the addresses.
 */
import {
  HardhatArtifactResolver,
  errorDeploymentResultToExceptionMessage,
} from "@nomicfoundation/hardhat-ignition/helpers";
import {
  DeploymentResultType,
  ExecutionEventResultType,
  FutureType,
  deploy,
  status,
  type DeployConfig,
  type IgnitionModule,
} from "@nomicfoundation/ignition-core";
import type { ArtifactManager } from "hardhat/types/artifacts";
import { OpsError } from "./errors.js";
import {
  ignitionDeploymentDir,
  readRecord,
  removeDeployment,
  writeRecord,
  type DeploymentRecord,
} from "./deployments.js";
import { checkManifestUnchanged, deployedFields } from "./deployed-fields.js";
import { checkDocumentManagers, registerDocuments } from "./documents-deploy.js";
import { contextFor } from "./context.js";
import { recoverUnrecordedTransactions } from "./ignition-recovery.js";
import { describePlan, describeResult, progressListener } from "./deploy-text.js";
import { instrumentResultKey, issuanceModule, settlementTokenOf } from "./issuance-module.js";
import { INSTRUMENT_ARTIFACTS } from "./kinds/index.js";
import type { Manifest } from "./manifest.js";
import { OpsLog } from "./ops-log.js";
import {
  LOCAL_CHAIN_IDS,
  isLocalChain,
  networkInfo,
  requireConfirmation,
  type Connection,
  type NetworkInfo,
} from "./network.js";
import { planIssuance, type IssuancePlan } from "./plan.js";
import { checkComplianceModule, checkInvestorRegistry } from "./policy.js";

export interface DeployOptions {
  /** The manifest's path as given, recorded with the deployment. */
  manifestFile: string;
  /** Where `deployments/`, `ignition/deployments/` and `ops-log/` are kept: the project root by default. */
  stateDir: string;
  /** Confirms sending to a network that is not local. */
  yes?: boolean;
  /** Forgets an earlier deployment of this manifest on a local network first (after the node was restarted). */
  reset?: boolean;
  /** Prints the plan and stops. */
  dryRun?: boolean;
  out?: (line: string) => void;
}

/** Deploys (or finishes deploying) the issuance of `manifest`; undefined for a dry run. */
export async function deployIssuance(
  connection: Connection,
  artifacts: ArtifactManager,
  manifest: Manifest,
  options: DeployOptions,
): Promise<DeploymentRecord | undefined> {
  const out = options.out ?? console.log;
  const network = await networkInfo(connection);
  const { chainIds } = manifest.network;
  if (chainIds !== undefined && !chainIds.includes(network.chainId)) {
    throw new OpsError(
      `${options.manifestFile}: network.chainIds: got chain ${network.chainId} (network ${network.name}), expected one of ${chainIds.join(", ")}`,
    );
  }
  const accounts = (await connection.provider.request({ method: "eth_accounts" })) as string[];
  const signers = await connection.ethers.getSigners();
  const plan = planIssuance(
    manifest,
    signers.map((s) => s.address),
    network.name,
  );
  const deploymentId = `${manifest.name}-chain-${network.chainId}`;
  const deploymentDir = network.persistent ? ignitionDeploymentDir(options.stateDir, deploymentId) : undefined;
  for (const line of describePlan(plan, network, deploymentId)) out(line);
  const ignitionModule = issuanceModule(plan);
  await checkNoTestContracts(artifacts, ignitionModule, network, options.manifestFile);
  await checkContractSizes(connection, artifacts, plan);
  if (!plan.registry.deploy) {
    await checkInvestorRegistry(
      connection.ethers.provider,
      plan.registry.address,
      `${options.manifestFile}: registry.address`,
    );
  }
  for (const [index, instrument] of plan.instruments.entries()) {
    const field = `${options.manifestFile}: instruments[${index}].policy.complianceModule`;
    await checkComplianceModule(connection.ethers.provider, instrument.policyCalls, field, network.name);
  }
  checkDocumentManagers(plan.documents, signers, options.manifestFile, network.name);
  const previous =
    network.persistent && !options.reset ? await readRecord(options.stateDir, network.name, manifest.name) : undefined;
  await checkNotStale(connection, previous);
  if (previous !== undefined && (await checkManifestUnchanged(connection, previous, plan, options.manifestFile))) {
    out(`nothing to do: "${manifest.name}" is deployed as the manifest asks`);
    for (const line of describeResult(previous, plan)) out(line);
    return options.dryRun ? undefined : previous;
  }
  if (options.dryRun) return undefined;
  requireConfirmation(network, options.yes ?? false);

  if (options.reset) {
    if (!network.local) throw new OpsError(`--reset is refused on network ${network.name}, which is not local`);
    await removeDeployment(options.stateDir, network.name, manifest.name, deploymentId);
  }
  const confirmations = manifest.network.confirmations ?? (network.local ? 1 : 5);
  const artifactResolver = new HardhatArtifactResolver(artifacts);
  if (deploymentDir !== undefined) {
    const recovered = await recoverUnrecordedTransactions(
      deploymentDir,
      artifactResolver,
      connection.provider,
      connection.ethers.provider,
      confirmations,
    );
    recovered.forEach((line) => out(line));
  }
  // A complete record stays as it is until this run succeeds (it only adds instruments); an
  // incomplete one records each contract as soon as it is deployed, for the tasks that protect it.
  let record: DeploymentRecord = previous?.complete
    ? previous
    : {
        name: manifest.name,
        manifest: options.manifestFile,
        network: network.name,
        chainId: network.chainId,
        deploymentId,
        startBlock: previous?.startBlock ?? (await connection.ethers.provider.getBlockNumber()),
        deployer: plan.deployer,
        admin: plan.admin.kind,
        complete: false,
        ...(plan.registry.deploy ? {} : { registry: plan.registry.address }),
        instruments: {},
        // What a first run starts; a record of an earlier version's run does not say what it started.
        deployed: previous === undefined ? deployedFields(plan) : previous.deployed,
        updatedAt: "",
      };
  let saving = Promise.resolve();
  const save = (deployed: Record<string, string>) => {
    if (!network.persistent || record.complete) return;
    for (const [futureId, address] of Object.entries(deployed))
      placeContract(record, plan, ignitionModule, futureId, address);
    const snapshot = { ...record, instruments: { ...record.instruments } };
    saving = saving.then(() => writeRecord(options.stateDir, snapshot));
  };
  if (deploymentDir !== undefined && !record.complete) save(await contractsDeployedIn(deploymentDir));

  const config: Partial<DeployConfig> = {
    requiredConfirmations: confirmations,
    ...(network.local ? { blockPollingInterval: 50, retryInterval: 100 } : {}),
  };
  const listener = progressListener(out);
  const printStep = listener.deploymentExecutionStateComplete.bind(listener);
  listener.deploymentExecutionStateComplete = async (event) => {
    await printStep(event);
    if (event.result.type === ExecutionEventResultType.SUCCESS && event.result.result !== undefined) {
      save({ [event.futureId]: event.result.result });
    }
  };
  out(previous === undefined ? "deploying..." : "resuming the deployment (steps already done are skipped)...");
  const result = await deploy({
    config,
    artifactResolver,
    provider: connection.provider,
    deploymentDir,
    ignitionModule,
    deploymentParameters: {},
    accounts,
    defaultSender: plan.deployer,
    executionEventListener: listener,
  });
  await saving;
  if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
    throw new OpsError(
      `the deployment stopped: ${errorDeploymentResultToExceptionMessage(result)}\n` +
        "Fix the cause, then run the same command again: the steps already done are not repeated.",
    );
  }
  record = { ...record, complete: true, instruments: { ...record.instruments }, deployed: deployedFields(plan) };
  for (const { id } of Object.values(ignitionModule.results)) {
    placeContract(record, plan, ignitionModule, id, result.contracts[id].address);
  }
  for (const i of plan.instruments) Object.assign(record.instruments[i.id], settlementTokenOf(i, result.contracts));
  if (plan.documents !== undefined) {
    const context = { stateDir: options.stateDir, task: "deploy", yes: true, out };
    await registerDocuments(await contextFor(connection, manifest, record, context, network), plan.documents);
  }
  if (network.persistent) {
    await writeRecord(options.stateDir, record);
    await OpsLog.at(options.stateDir, network.name, network.chainId).append({
      task: "deploy",
      status: "deployed",
      action: `deploy ${manifest.name}`,
      from: plan.deployer,
      args: {
        registry: record.registry,
        timelock: record.timelock,
        documentRegistry: record.documentRegistry,
        instruments: record.instruments,
      },
    });
  }
  for (const line of describeResult(record, plan)) out(line);
  return record;
}

/** Puts the contract `futureId` deployed at `address` in `record`, if it is one of the module's results. */
function placeContract(
  record: DeploymentRecord,
  plan: IssuancePlan,
  module: ReturnType<typeof issuanceModule>,
  futureId: string,
  address: string,
): void {
  const key = Object.entries(module.results).find(([, future]) => future.id === futureId)?.[0];
  if (key === "registry") record.registry = address;
  else if (key === "timelock") record.timelock = address;
  else if (key === "documents") record.documentRegistry = address;
  const instrument = plan.instruments.find((i) => instrumentResultKey(i.id) === key);
  if (instrument === undefined) return;
  const { id, kind, symbol, decimals } = instrument;
  record.instruments[id] = { kind, address, symbol, decimals };
}

/** The contracts Ignition's journal in `deploymentDir` records as deployed: future id -> address. */
async function contractsDeployedIn(deploymentDir: string): Promise<Record<string, string>> {
  try {
    const { contracts } = await status(deploymentDir);
    return Object.fromEntries(Object.entries(contracts).map(([futureId, c]) => [futureId, c.address]));
  } catch {
    return {}; // no journal yet
  }
}

/** The EIP-170 limit on the runtime code of a contract, in bytes. */
export const MAX_CONTRACT_SIZE = 24_576;

/** Where the test contracts are (open mints, exposed internals): deployed on local chains only. */
export const TEST_CONTRACTS_DIR = "contracts/mocks/";

/** The name of every contract and library that deploying `module` creates (its submodules included). */
export function contractsDeployedBy(module: IgnitionModule): string[] {
  const names = new Set<string>();
  const visit = (m: IgnitionModule) => {
    for (const future of m.futures) {
      switch (future.type) {
        case FutureType.NAMED_ARTIFACT_CONTRACT_DEPLOYMENT:
        case FutureType.CONTRACT_DEPLOYMENT:
        case FutureType.NAMED_ARTIFACT_LIBRARY_DEPLOYMENT:
        case FutureType.LIBRARY_DEPLOYMENT:
          names.add(future.contractName);
      }
    }
    m.submodules.forEach(visit);
  };
  visit(module);
  return [...names].sort();
}

/**
 * Refuses, before anything is sent, a deployment that would put a test contract (one of
 * contracts/mocks/, such as the test dollar of `deploySettlementToken`) on a chain that is not
 * local. The manifest's validation refuses such a manifest already; this is the last gate, on
 * what the Ignition module really deploys, whatever the manifest said.
 */
async function checkNoTestContracts(
  artifacts: ArtifactManager,
  module: IgnitionModule,
  network: NetworkInfo,
  manifestFile: string,
): Promise<void> {
  if (isLocalChain(network.chainId)) return;
  for (const name of contractsDeployedBy(module)) {
    const { sourceName } = await artifacts.readArtifact(name);
    if (sourceName.startsWith(TEST_CONTRACTS_DIR)) {
      throw new OpsError(
        `${manifestFile}: the deployment would deploy ${name} (${sourceName}), a test contract, on chain ` +
          `${network.chainId} (network ${network.name}): test contracts go only to local chains ` +
          `(chain ids ${LOCAL_CHAIN_IDS.join(", ")})`,
      );
    }
  }
}

/**
 * Refuses, before anything is sent, a plan whose contracts exceed the EIP-170 size limit (unless
 * the network lifts it, as a local chain may with `allowUnlimitedContractSize`): the deployment
 * would otherwise fail with "reverted without reason".
 */
async function checkContractSizes(connection: Connection, artifacts: ArtifactManager, plan: IssuancePlan) {
  const config = connection.networkConfig as { allowUnlimitedContractSize?: boolean };
  if (config.allowUnlimitedContractSize === true) return;
  for (const kind of new Set(plan.instruments.map((i) => i.kind))) {
    const name = INSTRUMENT_ARTIFACTS[kind];
    const size = ((await artifacts.readArtifact(name)).deployedBytecode.length - 2) / 2;
    if (size > MAX_CONTRACT_SIZE) {
      throw new OpsError(
        `${name} (kind ${kind}) is ${size} bytes, above the ${MAX_CONTRACT_SIZE}-byte limit of EIP-170: ` +
          "the network would refuse it. Compile it under the limit (hardhat.config.ts); " +
          "a local chain may lift the limit with allowUnlimitedContractSize",
      );
    }
  }
}

/** A recorded deployment whose contracts are gone: the local node was restarted. */
async function checkNotStale(connection: Connection, record: DeploymentRecord | undefined): Promise<void> {
  const address = record?.registry ?? Object.values(record?.instruments ?? {})[0]?.address;
  if (record === undefined || address === undefined) return;
  if ((await connection.ethers.provider.getCode(address)) !== "0x") return;
  throw new OpsError(
    `the deployment recorded for "${record.name}" on network ${record.network} has no contract at ${address} ` +
      "(was the node restarted?): run the same command with --reset to deploy afresh",
  );
}
