import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ComplianceModuleMock, RegulatedTokenMock } from "../../../typechain-types/index.js";
import { deployToken, ethers, type TokenFixture } from "../fixtures.js";

/** ERC-1404 restriction codes of contracts/token/TransferRestriction.sol, as `detectTransferRestriction` returns them. */
export const Code = {
  SUCCESS: 0n,
  PAUSED: 1n,
  SENDER_NOT_VERIFIED: 2n,
  RECEIVER_NOT_VERIFIED: 3n,
  SENDER_FROZEN: 4n,
  RECEIVER_FROZEN: 5n,
  SENDER_COUNTRY_NOT_ALLOWED: 6n,
  RECEIVER_COUNTRY_NOT_ALLOWED: 7n,
  SENDER_CATEGORY_NOT_ALLOWED: 8n,
  RECEIVER_CATEGORY_NOT_ALLOWED: 9n,
  INSUFFICIENT_BALANCE: 10n,
  INSUFFICIENT_UNFROZEN_BALANCE: 11n,
  LOCKED_UP: 12n,
  MAX_BALANCE_EXCEEDED: 13n,
  MAX_HOLDERS_REACHED: 14n,
  COMPLIANCE_MODULE_REFUSED: 15n,
} as const;

export type CodeName = keyof typeof Code;

/** The exact text of `messageForTransferRestriction` for every core code. */
export const MESSAGES: Record<CodeName, string> = {
  SUCCESS: "No restriction",
  PAUSED: "Token is paused",
  SENDER_NOT_VERIFIED: "Sender is not verified in the investor registry (unknown, revoked or KYC expired)",
  RECEIVER_NOT_VERIFIED: "Receiver is not verified in the investor registry (unknown, revoked or KYC expired)",
  SENDER_FROZEN: "Sender wallet is frozen",
  RECEIVER_FROZEN: "Receiver wallet is frozen",
  SENDER_COUNTRY_NOT_ALLOWED: "Sender country is not allowed for this token",
  RECEIVER_COUNTRY_NOT_ALLOWED: "Receiver country is not allowed for this token",
  SENDER_CATEGORY_NOT_ALLOWED: "Sender investor category is not allowed for this token",
  RECEIVER_CATEGORY_NOT_ALLOWED: "Receiver investor category is not allowed for this token",
  INSUFFICIENT_BALANCE: "Amount exceeds the sender's balance",
  INSUFFICIENT_UNFROZEN_BALANCE: "Amount exceeds the sender's unfrozen balance",
  LOCKED_UP: "Transfers are locked up until the lock-up end",
  MAX_BALANCE_EXCEEDED: "Receiver balance would exceed the maximum balance per wallet",
  MAX_HOLDERS_REACHED: "Token has reached its maximum number of holders",
  COMPLIANCE_MODULE_REFUSED: "Refused by the token's compliance module",
};

export const UNKNOWN_CODE_MESSAGE = "Unknown restriction code";

/** Category bits of the allowed-categories mask (bit `c` is category `c`). */
export const ALL_CATEGORIES = 0xffff;
export const categoryBit = (category: number): number => 1 << category;

/** The role identifiers, computed independently of the contract. */
export const Role = {
  DEFAULT_ADMIN: ethers.ZeroHash,
  ISSUER: ethers.id("ISSUER_ROLE"),
  ENFORCEMENT: ethers.id("ENFORCEMENT_ROLE"),
  COMPLIANCE: ethers.id("COMPLIANCE_ROLE"),
  PAUSER: ethers.id("PAUSER_ROLE"),
} as const;

/** The token fixture plus a compliance module (deployed, not yet set on the token). */
export interface ModuleFixture extends TokenFixture {
  module: ComplianceModuleMock;
}

export async function deployTokenAndModule(): Promise<ModuleFixture> {
  const base = await deployToken();
  const module = await ethers.deployContract("ComplianceModuleMock");
  return { ...base, module };
}

/** The token fixture with the compliance module set on the token. */
export async function deployTokenWithModule(): Promise<ModuleFixture> {
  const base = await deployTokenAndModule();
  await base.token.connect(base.compliance).setComplianceModule(await base.module.getAddress());
  return base;
}

/** The investorId the registry holds for `wallet`. */
export async function investorIdOfWallet(fixture: TokenFixture, wallet: HardhatEthersSigner): Promise<string> {
  return (await fixture.registry.investorOf(wallet.address)).investorId;
}

/** Changes the country of a registered `wallet`, keeping its other fields. */
export async function setCountry(fixture: TokenFixture, wallet: HardhatEthersSigner, country: number): Promise<void> {
  const record = await fixture.registry.investorOf(wallet.address);
  await fixture.registry
    .connect(fixture.kycAgent)
    .updateInvestor(wallet.address, record.investorId, country, record.category, record.expiresAt);
}

/** Changes the category of a registered `wallet`, keeping its other fields. */
export async function setCategory(fixture: TokenFixture, wallet: HardhatEthersSigner, category: number): Promise<void> {
  const record = await fixture.registry.investorOf(wallet.address);
  await fixture.registry
    .connect(fixture.kycAgent)
    .updateInvestor(wallet.address, record.investorId, record.country, category, record.expiresAt);
}

/** The names of the events `token` emitted in the transaction, in log order. */
export async function tokenEventNames(token: RegulatedTokenMock, tx: ContractTransactionResponse): Promise<string[]> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("transaction not mined");
  const address = (await token.getAddress()).toLowerCase();
  const names: string[] = [];
  for (const log of receipt.logs) {
    if (log.address.toLowerCase() !== address) continue;
    const parsed = token.interface.parseLog(log);
    if (parsed !== null) names.push(parsed.name);
  }
  return names;
}
