/**
 * The test dollar that sample issuances settle in on a local chain (contracts/mocks/LocalTestDollar.sol,
 * a manifest's `deploySettlementToken`), with its open mint: for the demo, the tests and the local
 * rehearsal tasks (`tbill fund-bidders`, `tbill fund-treasury`, `bond fund-treasury`). The
 * operations code (src/ops) knows settlement tokens only as ERC-20s.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { LocalTestDollar } from "../../typechain-types/index.js";
import type { OpsContext } from "../../src/ops/context.js";
import { debtOf, type DebtKind } from "../../src/ops/debt.js";
import { OpsError } from "../../src/ops/errors.js";
import { LOCAL_CHAIN_IDS, isLocalChain, type Connection } from "../../src/ops/network.js";
import { send } from "../../src/ops/send.js";
import { readBidFile } from "../../src/ops/tbill.js";
import { formatAmount, parseAmount } from "../../src/ops/units.js";

/** The LocalTestDollar at `address`, on a local chain (refused on any other). */
export async function localTestDollar(connection: Connection, address: string): Promise<LocalTestDollar> {
  const chainId = Number(await connection.provider.request({ method: "eth_chainId" }));
  if (!isLocalChain(chainId)) {
    throw new OpsError(
      `the test dollar exists only on local chains (chain ids ${LOCAL_CHAIN_IDS.join(", ")}), not on chain ${chainId}`,
    );
  }
  return connection.ethers.getContractAt("LocalTestDollar", address);
}

/**
 * The debt instrument `id` of the deployment (of `kind`) with the test dollar deployed with it:
 * refused, before anything is read or sent, on a chain that is not local, and for an instrument
 * whose manifest names another settlement token (a real token has no open mint).
 */
async function withTestDollar(ctx: OpsContext, id: string | undefined, kind: DebtKind) {
  if (!isLocalChain(ctx.network.chainId)) {
    throw new OpsError(
      `${ctx.task}: local chains only (chain ids ${LOCAL_CHAIN_IDS.join(", ")}); network ${ctx.network.name} is ` +
        `chain ${ctx.network.chainId}, where wallets pay with real money: nothing sent`,
    );
  }
  const debt = await debtOf(ctx, id, [kind]);
  const entry = ctx.manifest.instruments.find((i) => i.id === debt.id) as { terms?: { deploySettlementToken?: true } };
  if (entry?.terms?.deploySettlementToken !== true) {
    throw new OpsError(
      `${debt.id} settles in ${await debt.cash.getAddress()}, the manifest's settlementToken, not in a test dollar ` +
        "deployed with it (deploySettlementToken): there is nothing to mint",
    );
  }
  const dollar = await localTestDollar(ctx.connection, await debt.cash.getAddress());
  const symbol = await dollar.symbol();
  const money = (units: bigint) => `${formatAmount(units, debt.cashDecimals)} ${symbol}`;
  return { ...debt, dollar, money };
}

/**
 * A signer for `wallet` on the local node: an account the node or the network configuration holds,
 * or else the wallet impersonated (Hardhat's and anvil's `impersonateAccount`) and given ether for
 * gas when it has none. Refused when the node can do neither.
 */
async function walletSigner(ctx: OpsContext, wallet: string): Promise<HardhatEthersSigner> {
  const { ethers, provider } = ctx.connection;
  const configured = (await ethers.getSigners()).find((s) => s.address === wallet);
  if (configured !== undefined) return configured;
  for (const node of ["hardhat", "anvil"]) {
    try {
      await provider.request({ method: `${node}_impersonateAccount`, params: [wallet] });
    } catch {
      continue;
    }
    if ((await ethers.provider.getBalance(wallet)) === 0n) {
      await provider.request({ method: `${node}_setBalance`, params: [wallet, `0x${(10n ** 20n).toString(16)}`] });
    }
    return ethers.getSigner(wallet);
  }
  throw new OpsError(
    `${wallet} is not an account of the node on network ${ctx.network.name} and the node cannot impersonate it: ` +
      "approve from that wallet yourself",
  );
}

/** Mints `amount` of the test dollar to `wallet`, with the first configured account (the mint is open). */
async function mintTo(
  ctx: OpsContext,
  id: string,
  dollar: LocalTestDollar,
  wallet: string,
  amount: string,
  units: bigint,
) {
  const [minter] = await ctx.connection.ethers.getSigners();
  await send(ctx, {
    action: "mint",
    contract: `${id} settlement token`,
    signer: minter,
    tx: await dollar.connect(minter).mint.populateTransaction(wallet, units),
    iface: dollar.interface,
    args: { to: wallet, amount },
  });
}

export interface FundedBidder {
  bidder: string;
  /** What the bidder's bids can cost at most: their amounts at face value. */
  needs: string;
  /** Minted to it now ("" when it held enough). */
  minted: string;
  /** The allowance given to the bill now ("" when it allowed enough). */
  approved: string;
}

/**
 * On a local chain, gives each bidder of `bidsFile` what its bids can cost at most (their amounts
 * at the bill's face value, which no auction price exceeds) in the test dollar of bill
 * `options.instrument`, and has it approve the bill for that amount: the settlement pulls the cost
 * from the bidder. Only what is missing is sent (a mint of the shortfall, an approval when the
 * allowance is short), so a re-run sends nothing. The whole file is checked, and every bidder's
 * signer found, before the first transaction.
 */
export async function fundBidders(
  ctx: OpsContext,
  bidsFile: string,
  options: { instrument?: string } = {},
): Promise<FundedBidder[]> {
  const { id, instrument, debt: bill, dollar, money } = await withTestDollar(ctx, options.instrument, "treasuryBill");
  const bids = await readBidFile(bidsFile, instrument.decimals);
  const faceValue = await bill.faceValue();
  const unit = 10n ** BigInt(instrument.decimals);
  const needs = new Map<string, bigint>();
  for (const { bidder, amount } of [...bids.nonCompetitive, ...bids.competitive]) {
    needs.set(bidder, (needs.get(bidder) ?? 0n) + (amount * faceValue + unit - 1n) / unit);
  }
  const spender = await bill.getAddress();
  const plan = [];
  for (const [bidder, need] of needs) {
    const balance = await dollar.balanceOf(bidder);
    const short = (await dollar.allowance(bidder, spender)) < need;
    plan.push({ bidder, need, mint: balance < need ? need - balance : 0n, short });
  }
  const signers = new Map<string, HardhatEthersSigner>();
  for (const { bidder, short } of plan) if (short) signers.set(bidder, await walletSigner(ctx, bidder));

  const funded: FundedBidder[] = [];
  for (const { bidder, need, mint, short } of plan) {
    if (mint > 0n) await mintTo(ctx, id, dollar, bidder, money(mint), mint);
    const signer = signers.get(bidder);
    if (signer !== undefined) {
      await send(ctx, {
        action: "approve",
        contract: `${id} settlement token`,
        signer,
        tx: await dollar.connect(signer).approve.populateTransaction(spender, need),
        iface: dollar.interface,
        args: { spender, amount: money(need) },
      });
    }
    funded.push({
      bidder,
      needs: money(need),
      minted: mint > 0n ? money(mint) : "",
      approved: short ? money(need) : "",
    });
    ctx.out(
      `  ${bidder}: bids cost at most ${money(need)}; ` +
        (mint > 0n || short
          ? [mint > 0n ? `minted ${money(mint)}` : "", short ? `approved ${id} for ${money(need)}` : ""]
              .filter((s) => s !== "")
              .join(", ")
          : "holds and allows it already"),
    );
  }
  const sent = plan.filter((p) => p.mint > 0n || p.short).length;
  ctx.out(
    sent === 0
      ? `${id}: every bidder holds and allows what its bids can cost: nothing sent`
      : `${id}: ${sent} of ${plan.length} bidder(s) funded and approved the bill`,
  );
  return funded;
}

/**
 * On a local chain, mints to the treasury wallet of `options.instrument` the test dollars it lacks
 * to hold `amount` (a coupon or a redemption to fund, beyond the auction's proceeds). A wallet
 * holding `amount` already gets nothing, so a re-run sends nothing. Returns what was minted.
 */
export async function fundTreasury(
  ctx: OpsContext,
  amount: string,
  options: { instrument?: string; kind: DebtKind },
): Promise<bigint> {
  const { id, debt, dollar, money, cashDecimals } = await withTestDollar(ctx, options.instrument, options.kind);
  const units = parseAmount(amount, cashDecimals);
  if (typeof units === "string" || units === 0n) {
    throw new OpsError(`--amount: got "${amount}", expected ${typeof units === "string" ? units : "more than 0"}`);
  }
  const treasury = await debt.treasury();
  const balance = await dollar.balanceOf(treasury);
  if (balance >= units) {
    ctx.out(`${id}: the treasury wallet ${treasury} holds ${money(balance)}, at least ${money(units)}: nothing sent`);
    return 0n;
  }
  await mintTo(ctx, id, dollar, treasury, money(units - balance), units - balance);
  ctx.out(`${id}: minted ${money(units - balance)} to the treasury wallet ${treasury}: it holds ${money(units)}`);
  return units - balance;
}
