import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { InvestorRegistry, RegulatedTokenMock } from "../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf } from "../../src/sdk/investors.js";

export const { ethers, networkHelpers } = await network.create();

export const ONE_YEAR = 365n * 24n * 60n * 60n;

/**
 * Deploys DebtSecurityLogic, the library every debt instrument links, on the chain of `on` (this
 * file's connection by default) and returns the `libraries` option of a deployment.
 */
export async function debtSecurityLibraries(on: typeof ethers = ethers) {
  const logic = await on.deployContract("DebtSecurityLogic");
  return { DebtSecurityLogic: await logic.getAddress() };
}
export const UNIT = 10n ** 18n;

/** Everything a registry test needs: the registry, its admin and a KYC agent. */
export interface RegistryFixture {
  registry: InvestorRegistry;
  admin: HardhatEthersSigner;
  kycAgent: HardhatEthersSigner;
  stranger: HardhatEthersSigner;
  others: HardhatEthersSigner[];
  now: bigint;
}

/** Everything a token test needs: a registry, a token, one signer per role and verified investors. */
export interface TokenFixture extends RegistryFixture {
  token: RegulatedTokenMock;
  issuer: HardhatEthersSigner;
  enforcer: HardhatEthersSigner;
  compliance: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  /** Verified in Pakistan (586) as institutional investors, each holding 1,000 tokens. */
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  /** Verified (Pakistan, retail) but holding nothing. */
  carol: HardhatEthersSigner;
  /** Another wallet of Alice's investorId, verified, holding nothing. */
  aliceSpare: HardhatEthersSigner;
  /** Not registered. */
  outsider: HardhatEthersSigner;
}

export async function now(): Promise<bigint> {
  return BigInt(await networkHelpers.time.latest());
}

export async function deployRegistry(): Promise<RegistryFixture> {
  const [admin, kycAgent, stranger, ...others] = await ethers.getSigners();
  const registry = await ethers.deployContract("InvestorRegistry", [admin.address, 3 * 24 * 60 * 60]);
  await registry.connect(admin).grantRole(await registry.KYC_AGENT_ROLE(), kycAgent.address);
  return { registry, admin, kycAgent, stranger, others, now: await now() };
}

export async function deployToken(): Promise<TokenFixture> {
  const base = await deployRegistry();
  const { registry, admin, kycAgent, others } = base;
  const [issuer, enforcer, compliance, pauser, alice, bob, carol, aliceSpare, outsider] = others;
  const token = await ethers.deployContract("RegulatedTokenMock", [
    "Sovereign Test",
    "SVT",
    18,
    await registry.getAddress(),
    admin.address,
    3 * 24 * 60 * 60,
  ]);
  await token.connect(admin).grantRole(await token.ISSUER_ROLE(), issuer.address);
  await token.connect(admin).grantRole(await token.ENFORCEMENT_ROLE(), enforcer.address);
  await token.connect(admin).grantRole(await token.COMPLIANCE_ROLE(), compliance.address);
  await token.connect(admin).grantRole(await token.PAUSER_ROLE(), pauser.address);

  const expiresAt = base.now + ONE_YEAR;
  const aliceId = investorIdOf("test-salt", "KYC-ALICE");
  const register = (wallet: string, id: string, category: number) =>
    registry.connect(kycAgent).registerInvestor(wallet, id, Country.PAKISTAN, category, expiresAt);
  await register(alice.address, aliceId, InvestorCategory.INSTITUTIONAL);
  await register(aliceSpare.address, aliceId, InvestorCategory.INSTITUTIONAL);
  await register(bob.address, investorIdOf("test-salt", "KYC-BOB"), InvestorCategory.INSTITUTIONAL);
  await register(carol.address, investorIdOf("test-salt", "KYC-CAROL"), InvestorCategory.RETAIL);
  await token.connect(issuer).mint(alice.address, 1_000n * UNIT);
  await token.connect(issuer).mint(bob.address, 1_000n * UNIT);

  return { ...base, token, issuer, enforcer, compliance, pauser, alice, bob, carol, aliceSpare, outsider };
}
