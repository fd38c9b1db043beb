import { isAddress, type ContractRunner } from "ethers";
import {
  CommodityReserveToken__factory,
  InvestorRegistry__factory,
  RegulatedToken__factory,
  SovereignBond__factory,
  type CommodityReserveToken,
  type InvestorRegistry,
  type RegulatedToken,
  type SovereignBond,
} from "./contracts.js";
import { accruedInterest, type AccruedInterest } from "./bond/accrued.js";
import { cashFlows, cleanPriceFromYield, yieldFromCleanPrice } from "./bond/price.js";
import { couponBondTerms } from "./bond-terms.js";
import { reserveHistory, type ReserveAttestation } from "./attestations.js";
import { ToolkitError } from "./errors.js";
import { recipientsOf } from "./logs.js";
import { restrictionName } from "./restrictions.js";

/** Where an issuance lives: its investor registry and its tokens by name. */
export interface IssuanceAddresses {
  registry: string;
  tokens: Record<string, string>;
}

/**
 * The part of a deployment record that the client reads: the JSON file that the operations
 * tooling's `deploy` task writes to `deployments/<network>/<issuance>.json`.
 */
export interface DeploymentRecordLike {
  registry?: string;
  /** The document registry (ERC-1643) of the issuance and its instruments: read it with readDocuments. */
  documentRegistry?: string;
  /** Each instrument by manifest id; a T-bill's or a bond's with the ERC-20 it is paid in. */
  instruments: Record<string, { address: string; settlementToken?: string }>;
}

/** The addresses of an issuance from its deployment record; tokens are named by their manifest ids. */
export function addressesFromDeploymentRecord(record: DeploymentRecordLike): IssuanceAddresses {
  if (record.registry === undefined) throw new Error("deployment record: registry: missing (deployment incomplete?)");
  const tokens = Object.fromEntries(Object.entries(record.instruments).map(([id, i]) => [id, i.address]));
  return { registry: record.registry, tokens };
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

/** One period of a bond's coupon schedule, as the bond computes it. */
export interface CouponPeriod {
  period: number;
  couponDate: bigint;
  recordDate: bigint;
  /** Settlement-token base units per whole bond (0 for a floating period not yet fixed). */
  couponPerToken: bigint;
}

/** A holder's entitlement to one coupon whose record date has passed. */
export interface Entitlement {
  period: number;
  balanceAtRecord: bigint;
  funded: boolean;
  due: bigint;
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
/** A bond's price and yield at a settlement date, per 100 of face value (see {@link SovereignClient.quoteBond}). */
export interface BondQuote {
  /** Unix seconds. */
  settlementDate: bigint;
  /** Annual yield, 0.0725 for 7.25 %. */
  yield: number;
  cleanPrice: number;
  /** Clean price plus accrued interest. */
  dirtyPrice: number;
  /** Accrued interest per 100 (negative ex-coupon). */
  accrued: number;
}

export class SovereignClient {
  readonly registry: InvestorRegistry;

  constructor(
    readonly runner: ContractRunner,
    readonly addresses: IssuanceAddresses,
  ) {
    this.registry = InvestorRegistry__factory.connect(addresses.registry, runner);
  }

  /**
   * A token of the issuance, by its name in {@link IssuanceAddresses.tokens} (a deployment record's
   * manifest ids) or by address. Any other text is refused here with the names known, rather than
   * handed to ethers as an ENS name.
   */
  token(nameOrAddress: string): RegulatedToken {
    const address = this.addresses.tokens[nameOrAddress] ?? (isAddress(nameOrAddress) ? nameOrAddress : undefined);
    if (address === undefined) {
      const known = Object.keys(this.addresses.tokens);
      throw new ToolkitError(
        `token "${nameOrAddress}": not a token of this issuance (${known.length > 0 ? known.join(", ") : "none named"}) nor an address`,
      );
    }
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
    const wallets = await recipientsOf(contract, 0, blockTag);
    const holdings = await Promise.all(
      wallets.map(async (wallet) => ({ wallet, balance: await contract.balanceOf(wallet, { blockTag }) })),
    );
    return holdings.filter((h) => h.balance > 0n).sort((a, b) => (b.balance > a.balance ? 1 : -1));
  }

  /** A token of the issuance as a sovereign bond. */
  bond(nameOrAddress: string): SovereignBond {
    return SovereignBond__factory.connect(this.token(nameOrAddress).target as string, this.runner);
  }

  /** A token of the issuance as a commodity reserve token. */
  commodity(nameOrAddress: string): CommodityReserveToken {
    return CommodityReserveToken__factory.connect(this.token(nameOrAddress).target as string, this.runner);
  }

  /** The whole coupon schedule of a bond. */
  async couponSchedule(bond: string): Promise<CouponPeriod[]> {
    const contract = this.bond(bond);
    const count = Number(await contract.couponCount());
    return Promise.all(
      Array.from({ length: count }, async (_, period) => ({
        period,
        couponDate: await contract.couponDate(period),
        recordDate: await contract.recordDate(period),
        couponPerToken: await contract.couponPerToken(period),
      })),
    );
  }

  /**
   * For each period of a bond whose record date has passed: the balance `holder` held at the record
   * date, and whether the coupon is funded; `due` is what the bond still owes it (0 once paid), or,
   * before funding, its entitlement computed as the bond will (balance × per-token amount, rounded down).
   */
  async entitlements(bond: string, holder: string): Promise<Entitlement[]> {
    const contract = this.bond(bond);
    const now = await this.latestTime();
    const unit = 10n ** (await contract.decimals());
    const passed = (await this.couponSchedule(bond)).filter((c) => c.recordDate < now);
    return Promise.all(
      passed.map(async ({ period, couponPerToken }) => {
        const [balanceAtRecord, coupon] = await Promise.all([
          contract.balanceAtRecord(holder, period),
          contract.coupon(period),
        ]);
        const funded = coupon.funded > 0n;
        const due = funded ? await contract.couponDue(holder, period) : (balanceAtRecord * couponPerToken) / unit;
        return { period, balanceAtRecord, funded, due };
      }),
    );
  }

  /**
   * The accrued interest of `amount` base units of a bond settled at `settlementDate` (unix
   * seconds; the latest block's time when omitted), from the bond's terms read on chain, in
   * settlement-token base units rounded as the bond rounds a coupon (`bondMath.accruedInterest`;
   * negative ex-coupon).
   */
  async accruedInterest(bond: string, amount: bigint, settlementDate?: bigint): Promise<AccruedInterest> {
    const at = settlementDate ?? (await this.latestTime());
    return accruedInterest(await couponBondTerms(this.bond(bond), at), amount, at);
  }

  /**
   * A bond's price and yield at `settlementDate` (the latest block's time when omitted), per 100 of
   * face value by the street convention (`bondMath.cleanPriceFromYield`), from a yield (0.0725 is
   * 7.25 %) or a clean price: both, with the dirty price and the accrued interest per 100.
   */
  async quoteBond(
    bond: string,
    given: { yield: number } | { cleanPrice: number },
    settlementDate?: bigint,
  ): Promise<BondQuote> {
    const at = settlementDate ?? (await this.latestTime());
    const terms = await couponBondTerms(this.bond(bond), at);
    const { accrued } = cashFlows(terms, at);
    const yieldRate = "yield" in given ? given.yield : yieldFromCleanPrice(terms, at, given.cleanPrice);
    const cleanPrice = "cleanPrice" in given ? given.cleanPrice : cleanPriceFromYield(terms, at, given.yield);
    return { settlementDate: at, yield: yieldRate, cleanPrice, dirtyPrice: cleanPrice + accrued, accrued };
  }

  private async latestTime(): Promise<bigint> {
    return BigInt((await this.runner.provider!.getBlock("latest"))!.timestamp);
  }

  /**
   * Every reserve attestation of a commodity reserve token, oldest first, each with its report's URI
   * (read from its `ReservesAttested` event: the contract does not store it).
   */
  async reserveHistory(token: string): Promise<ReserveAttestation[]> {
    return reserveHistory(this.commodity(token));
  }
}
