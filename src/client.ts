import { ZeroAddress, type ContractRunner } from "ethers";
import {
  InvestorRegistry__factory,
  RegulatedToken__factory,
  type InvestorRegistry,
  type RegulatedToken,
} from "../typechain-types/index.js";
import { restrictionName } from "./restrictions.js";

/** Where an issuance lives: its investor registry and its tokens by name. */
export interface IssuanceAddresses {
  registry: string;
  tokens: Record<string, string>;
}

/** The answer to "would this transfer pass, and if not, why?". */
export interface TransferExplanation {
  allowed: boolean;
  /** ERC-1404 code: 0 when allowed. */
  code: number;
  /** Name of the code, e.g. `RECEIVER_NOT_VERIFIED`. */
  reason: string;
  /** The token's own explanation (`messageForTransferRestriction`). */
  message: string;
}

/** A wallet as the registry knows it. */
export interface InvestorView {
  wallet: string;
  verified: boolean;
  investorId: string;
  country: number;
  category: number;
  expiresAt: bigint;
  revoked: boolean;
}

/** A wallet and its balance at a block. */
export interface Holding {
  wallet: string;
  balance: bigint;
}

/**
 * A small typed client for exchanges, custodians and wallets: connect it to an issuance with a
 * provider (read-only) or a signer (to send), then ask before sending.
 */
export class SovereignClient {
  readonly registry: InvestorRegistry;

  constructor(
    readonly runner: ContractRunner,
    readonly addresses: IssuanceAddresses,
  ) {
    this.registry = InvestorRegistry__factory.connect(addresses.registry, runner);
  }

  /** A token of the issuance, by its name in {@link IssuanceAddresses.tokens} or by address. */
  token(nameOrAddress: string): RegulatedToken {
    const address = this.addresses.tokens[nameOrAddress] ?? nameOrAddress;
    return RegulatedToken__factory.connect(address, this.runner);
  }

  /** Whether moving `amount` base units from `from` to `to` would pass, and if not, why. */
  async explainTransfer(token: string, from: string, to: string, amount: bigint): Promise<TransferExplanation> {
    const contract = this.token(token);
    const code = Number(await contract.detectTransferRestriction(from, to, amount));
    const message = await contract.messageForTransferRestriction(code);
    return { allowed: code === 0, code, reason: restrictionName(code), message };
  }

  /** The registry's record of `wallet` and whether it is verified now. */
  async investor(wallet: string): Promise<InvestorView> {
    const [record, verified] = await Promise.all([this.registry.investorOf(wallet), this.registry.isVerified(wallet)]);
    return {
      wallet,
      verified,
      investorId: record.investorId,
      country: Number(record.country),
      category: Number(record.category),
      expiresAt: record.expiresAt,
      revoked: record.revoked,
    };
  }

  /**
   * Every wallet holding `token` at `blockTag` with its balance, largest first: the wallets come
   * from the token's `Transfer` events, the balances from `balanceOf` at that block.
   */
  async holders(token: string, blockTag: number | "latest" = "latest"): Promise<Holding[]> {
    const contract = this.token(token);
    const events = await contract.queryFilter(contract.filters.Transfer(), 0, blockTag);
    const wallets = new Set<string>();
    for (const event of events) wallets.add(event.args.to);
    wallets.delete(ZeroAddress);
    const holdings = await Promise.all(
      [...wallets].map(async (wallet) => ({ wallet, balance: await contract.balanceOf(wallet, { blockTag }) })),
    );
    return holdings.filter((h) => h.balance > 0n).sort((a, b) => (b.balance > a.balance ? 1 : -1));
  }
}
