/**
 * The ERC-3643 reference, deployed from the compiled artifacts shipped in the npm packages
 * `@tokenysolutions/t-rex` (4.1.6) and `@onchain-id/solidity` (2.2.1): their ABI and bytecode
 * only, never their source.
 */
import { createRequire } from "node:module";
import { Contract, ContractFactory, type BaseContract, type InterfaceAbi } from "ethers";
import type { Signer } from "./chain.js";

const require = createRequire(import.meta.url);

interface Artifact {
  contractName: string;
  abi: InterfaceAbi;
  bytecode: string;
}

function load(path: string): Artifact {
  const artifact = require(path) as Artifact;
  if (!artifact.bytecode || artifact.bytecode === "0x") throw new Error(`${path}: no bytecode`);
  return artifact;
}

const trex = (path: string) => load(`@tokenysolutions/t-rex/artifacts/contracts/${path}`);
const oid = (path: string) => load(`@onchain-id/solidity/artifacts/contracts/${path}`);

/** The artifacts the benchmark deploys. */
export const ARTIFACTS = {
  Token: trex("token/Token.sol/Token.json"),
  ClaimTopicsRegistry: trex("registry/implementation/ClaimTopicsRegistry.sol/ClaimTopicsRegistry.json"),
  IdentityRegistry: trex("registry/implementation/IdentityRegistry.sol/IdentityRegistry.json"),
  IdentityRegistryStorage: trex("registry/implementation/IdentityRegistryStorage.sol/IdentityRegistryStorage.json"),
  TrustedIssuersRegistry: trex("registry/implementation/TrustedIssuersRegistry.sol/TrustedIssuersRegistry.json"),
  ModularCompliance: trex("compliance/modular/ModularCompliance.sol/ModularCompliance.json"),
  TREXImplementationAuthority: trex("proxy/authority/TREXImplementationAuthority.sol/TREXImplementationAuthority.json"),
  TREXFactory: trex("factory/TREXFactory.sol/TREXFactory.json"),
  Identity: oid("Identity.sol/Identity.json"),
  ImplementationAuthority: oid("proxy/ImplementationAuthority.sol/ImplementationAuthority.json"),
  IdFactory: oid("factory/IdFactory.sol/IdFactory.json"),
  IdentityProxy: oid("proxy/IdentityProxy.sol/IdentityProxy.json"),
  ClaimIssuer: oid("ClaimIssuer.sol/ClaimIssuer.json"),
} as const;

export type ArtifactName = keyof typeof ARTIFACTS;

/** Deploys `name` from its artifact and waits for it; `gas` is what the deployment used. */
export async function deployArtifactWithGas(
  name: ArtifactName,
  signer: Signer,
  ...args: unknown[]
): Promise<{ contract: Contract; gas: bigint }> {
  const { abi, bytecode } = ARTIFACTS[name];
  const contract = await new ContractFactory(abi, bytecode, signer).deploy(...args);
  const receipt = await contract.deploymentTransaction()?.wait();
  if (receipt === null || receipt === undefined) throw new Error(`${name}: deployment was not mined`);
  return { contract: contract as BaseContract as Contract, gas: receipt.gasUsed };
}

/** Deploys `name` from its artifact and waits for it. */
export async function deployArtifact(name: ArtifactName, signer: Signer, ...args: unknown[]): Promise<Contract> {
  return (await deployArtifactWithGas(name, signer, ...args)).contract;
}

/** The contract at `address` seen through the ABI of `name`. */
export function artifactAt(name: ArtifactName, address: string, signer: Signer): Contract {
  return new Contract(address, ARTIFACTS[name].abi, signer);
}
