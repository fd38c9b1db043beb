/**
 * ERC-3643 (T-REX 4.1.6) on the benchmark chain, set up the usual way: the six implementations
 * registered as a version in a TREXImplementationAuthority, a TREXFactory wired to an ONCHAINID
 * IdFactory, and one suite from `deployTREXSuite` (one claim topic, one trusted ClaimIssuer,
 * ModularCompliance without modules). An investor is onboarded as T-REX requires: an ONCHAINID
 * identity from the IdFactory, a KYC claim signed by the trusted issuer and added by the
 * investor, and the registration of wallet and identity in the IdentityRegistry.
 */
import { AbiCoder, ZeroAddress, getBytes, hexlify, id, keccak256, toUtf8Bytes, type Contract } from "ethers";
import { artifactAt, deployArtifact, deployArtifactWithGas } from "./artifacts.js";
import { gasOf, signerAt, type Connection, type Signer } from "./chain.js";
import type { CoreToken } from "./core.js";

const abi = AbiCoder.defaultAbiCoder();
/** The KYC claim topic required by the suite. */
export const KYC_TOPIC = BigInt(id("KYC"));
/** Claim payload: the same 23 bytes as T-REX's own test fixture. */
const CLAIM_DATA = hexlify(toUtf8Bytes("Some claim public data."));
const ECDSA_SCHEME = 1;
const CLAIM_KEY_PURPOSE = 3;
const ECDSA_KEY_TYPE = 1;

export interface TrexRoles {
  /** Deploys everything, owns the factories and the suite. */
  deployer: Signer;
  /** Agent of the IdentityRegistry (registers investors). */
  kycAgent: Signer;
  /** Agent of the token (mint, freeze, forced transfer, pause). */
  tokenAgent: Signer;
  /** Management key of the ClaimIssuer contract. */
  issuerOwner: Signer;
  /** Claim key of the ClaimIssuer contract: signs KYC claims. */
  claimSigner: Signer;
}

/** Gas of the onboarding steps of one investor. */
export interface TrexOnboarding {
  identity: string;
  createIdentity: bigint;
  addClaim: bigint;
}

export interface Trex {
  token: Contract;
  identityRegistry: Contract;
  idFactory: Contract;
  claimIssuer: Contract;
  /** Creates the ONCHAINID of `wallet` through the IdFactory and adds its KYC claim (not yet registered). */
  createVerifiedIdentity(wallet: string): Promise<TrexOnboarding>;
  /**
   * The same, with the identity proxy deployed directly instead of through the IdFactory (as
   * T-REX's own test fixture does): no factory bookkeeping, for the cross-check with known figures.
   */
  createVerifiedIdentityDirect(wallet: string): Promise<TrexOnboarding>;
  core: CoreToken;
}

export async function deployTrex(connection: Connection, roles: TrexRoles): Promise<Trex> {
  const { deployer, kycAgent, tokenAgent, issuerOwner, claimSigner } = roles;

  // ONCHAINID: implementation, its authority, the identity factory.
  const identityImplementation = await deployArtifact("Identity", deployer, await deployer.getAddress(), true);
  const identityAuthority = await deployArtifact(
    "ImplementationAuthority",
    deployer,
    await identityImplementation.getAddress(),
  );
  const idFactory = await deployArtifact("IdFactory", deployer, await identityAuthority.getAddress());

  // T-REX implementations, registered and used as version 4.1.6.
  const implementation = async (name: Parameters<typeof deployArtifact>[0]) =>
    (await deployArtifact(name, deployer)).getAddress();
  const trexContracts = {
    tokenImplementation: await implementation("Token"),
    ctrImplementation: await implementation("ClaimTopicsRegistry"),
    irImplementation: await implementation("IdentityRegistry"),
    irsImplementation: await implementation("IdentityRegistryStorage"),
    tirImplementation: await implementation("TrustedIssuersRegistry"),
    mcImplementation: await implementation("ModularCompliance"),
  };
  const authority = await deployArtifact("TREXImplementationAuthority", deployer, true, ZeroAddress, ZeroAddress);
  await gasOf(authority.addAndUseTREXVersion({ major: 4, minor: 1, patch: 6 }, trexContracts));
  const factory = await deployArtifact(
    "TREXFactory",
    deployer,
    await authority.getAddress(),
    await idFactory.getAddress(),
  );
  await gasOf(idFactory.addTokenFactory(await factory.getAddress()));

  // The trusted KYC issuer.
  const claimIssuer = await deployArtifact("ClaimIssuer", issuerOwner, await issuerOwner.getAddress());
  const signerKey = keccak256(abi.encode(["address"], [await claimSigner.getAddress()]));
  await gasOf(claimIssuer.addKey(signerKey, CLAIM_KEY_PURPOSE, ECDSA_KEY_TYPE));

  // The suite.
  const salt = "sovereign-bench";
  await gasOf(
    factory.deployTREXSuite(
      salt,
      {
        owner: await deployer.getAddress(),
        name: "Bench T-REX",
        symbol: "BTRX",
        decimals: 18,
        irs: ZeroAddress,
        ONCHAINID: ZeroAddress,
        irAgents: [await kycAgent.getAddress()],
        tokenAgents: [await tokenAgent.getAddress()],
        complianceModules: [],
        complianceSettings: [],
      },
      { claimTopics: [KYC_TOPIC], issuers: [await claimIssuer.getAddress()], issuerClaims: [[KYC_TOPIC]] },
    ),
  );
  const token = artifactAt("Token", (await factory.getToken(salt)) as string, tokenAgent);
  const identityRegistry = artifactAt("IdentityRegistry", (await token.identityRegistry()) as string, kycAgent);
  if ((await token.paused()) as boolean) await gasOf(token.unpause());

  const claimIssuerAddress = await claimIssuer.getAddress();
  async function addKycClaim(wallet: string, identityAddress: string): Promise<bigint> {
    const digest = keccak256(abi.encode(["address", "uint256", "bytes"], [identityAddress, KYC_TOPIC, CLAIM_DATA]));
    const signature = await claimSigner.signMessage(getBytes(digest));
    const investor = await signerAt(connection, wallet);
    const identity = artifactAt("Identity", identityAddress, investor);
    return gasOf(identity.addClaim(KYC_TOPIC, ECDSA_SCHEME, claimIssuerAddress, signature, CLAIM_DATA, ""));
  }

  async function createVerifiedIdentity(wallet: string): Promise<TrexOnboarding> {
    const createIdentity = await gasOf(idFactory.createIdentity(wallet, `investor-${wallet}`));
    const identity = (await idFactory.getIdentity(wallet)) as string;
    return { identity, createIdentity, addClaim: await addKycClaim(wallet, identity) };
  }

  const identityAuthorityAddress = await identityAuthority.getAddress();
  async function createVerifiedIdentityDirect(wallet: string): Promise<TrexOnboarding> {
    const proxy = await deployArtifactWithGas("IdentityProxy", deployer, identityAuthorityAddress, wallet);
    const identity = await proxy.contract.getAddress();
    return { identity, createIdentity: proxy.gas, addClaim: await addKycClaim(wallet, identity) };
  }

  const core: CoreToken = {
    mint: (to, amount) => token.mint(to, amount),
    transfer: (from, to, amount) => (token.connect(from) as Contract).transfer(to, amount),
    enforcement: {
      freeze: (wallet) => token.setAddressFrozen(wallet, true),
      unfreeze: (wallet) => token.setAddressFrozen(wallet, false),
      forcedTransfer: (from, to, amount) => token.forcedTransfer(from, to, amount),
      pause: () => token.pause(),
      unpause: () => token.unpause(),
    },
  };

  return {
    token,
    identityRegistry,
    idFactory,
    claimIssuer,
    createVerifiedIdentity,
    createVerifiedIdentityDirect,
    core,
  };
}
