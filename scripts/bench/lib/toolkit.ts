/**
 * This toolkit on the benchmark chain: one InvestorRegistry shared by every issuance and the
 * regulated ERC-20 core (SovereignToken, the deployable concrete RegulatedToken).
 */
import type { InvestorRegistry, SovereignToken } from "../../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf, toBatch, type InvestorRecord } from "../../../src/sdk/investors.js";
import { timeFromIso } from "../../../src/sdk/bond/index.js";
import { gasAndHash, gasOf, type Connection, type Signer } from "./chain.js";
import type { CoreToken } from "./core.js";

/**
 * The KYC expiry of every investor: fixed, so that calldata (and gas) is the same on every run,
 * and after every date the benchmark travels to.
 */
export const VALID_UNTIL = timeFromIso("2040-01-01");
/** Registrations in one `registerInvestors` call when many investors are onboarded at once. */
export const REGISTRATION_CHUNK = 100;

export interface ToolkitRoles {
  admin: Signer;
  kycAgent: Signer;
  tokenAgent: Signer;
}

export interface Toolkit {
  registry: InvestorRegistry;
  token: SovereignToken;
  /** The registry record of `wallet`: investor `KYC-<wallet>`, Pakistan, institutional, valid until VALID_UNTIL. */
  record(wallet: string): InvestorRecord;
  /** Registers `wallets`, `REGISTRATION_CHUNK` per transaction; returns the gas and hash of each transaction. */
  registerAll(wallets: readonly string[]): Promise<{ gas: bigint; hash: string }[]>;
  core: CoreToken;
}

/** Grants `account` the token roles an agent of the core needs (issuer, enforcement, pauser). */
export async function grantAgentRoles(token: SovereignToken, account: string): Promise<void> {
  for (const role of [await token.ISSUER_ROLE(), await token.ENFORCEMENT_ROLE(), await token.PAUSER_ROLE()]) {
    await gasOf(token.grantRole(role, account));
  }
}

export async function deployToolkit(connection: Connection, roles: ToolkitRoles): Promise<Toolkit> {
  const { ethers } = connection;
  const { admin, kycAgent, tokenAgent } = roles;
  const adminAddress = await admin.getAddress();
  const registry = (await ethers.deployContract("InvestorRegistry", [adminAddress, 0], admin)).connect(kycAgent);
  await gasOf(registry.connect(admin).grantRole(await registry.KYC_AGENT_ROLE(), await kycAgent.getAddress()));
  const token = await ethers.deployContract(
    "SovereignToken",
    ["Bench Sovereign", "BSOV", 18, await registry.getAddress(), adminAddress, 0],
    admin,
  );
  await grantAgentRoles(token, await tokenAgent.getAddress());
  const agentToken = token.connect(tokenAgent);

  function record(wallet: string): InvestorRecord {
    return {
      wallet,
      investorId: investorIdOf("bench-salt", `KYC-${wallet}`),
      country: Country.PAKISTAN,
      category: InvestorCategory.INSTITUTIONAL,
      expiresAt: VALID_UNTIL,
    };
  }

  async function registerAll(wallets: readonly string[]): Promise<{ gas: bigint; hash: string }[]> {
    const sent: { gas: bigint; hash: string }[] = [];
    for (let i = 0; i < wallets.length; i += REGISTRATION_CHUNK) {
      const records = wallets.slice(i, i + REGISTRATION_CHUNK).map(record);
      sent.push(await gasAndHash(registry.registerInvestors(...toBatch(records))));
    }
    return sent;
  }

  const core: CoreToken = {
    mint: (to, amount) => agentToken.mint(to, amount),
    transfer: (from, to, amount) => token.connect(from).transfer(to, amount),
    enforcement: {
      freeze: (wallet) => agentToken.setAddressFrozen(wallet, true),
      unfreeze: (wallet) => agentToken.setAddressFrozen(wallet, false),
      forcedTransfer: (from, to, amount) => agentToken.forcedTransfer(from, to, amount),
      pause: () => agentToken.pause(),
      unpause: () => agentToken.unpause(),
    },
  };

  return { registry, token: agentToken, record, registerAll, core };
}

/** What an instrument's measurement needs: the chain, the shared registry and the accounts. */
export interface InstrumentContext {
  connection: Connection;
  toolkit: Toolkit;
  /** Admin of every instrument; also its issuer, treasury and custodian in the benchmark. */
  admin: Signer;
}
