/**
 * Gas of the treasury bill's hot paths, read from transaction receipts on the in-process EDR
 * chain: settling one auction allotment delivery-versus-payment, settling a batch of 50 (per
 * allotment), and redeeming at maturity. Every bidder is a new holder, as in a real auction.
 *
 * Run: `npx hardhat run scripts/bench/tbill-gas.ts`. Prints a table and writes bench/gas-tbill.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { keccak256, toBeHex, Wallet } from "ethers";
import { Country, InvestorCategory, investorIdOf } from "../../src/sdk/investors.js";
import { gasOf } from "./lib/chain.js";

const BATCH = 50;
const BILL = 10n ** 18n;
const USD = 10n ** 6n;
const DAY = 86_400n;
const PRICE = 98_750_000n; // 98.75 dollars per 100 of face

const { ethers, networkHelpers } = await network.create();
const [admin] = await ethers.getSigners();

const registry = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
await registry.grantRole(await registry.KYC_AGENT_ROLE(), admin.address);
const usd = await ethers.deployContract("LocalTestDollar");
const now = BigInt(await networkHelpers.time.latest());
const issueDate = (now / DAY + 1n) * DAY;
const maturityDate = issueDate + 91n * DAY;
const debtLogic = await ethers.deployContract("DebtSecurityLogic");
const libraries = { DebtSecurityLogic: await debtLogic.getAddress() };
const bill = await ethers.deployContract(
  "TreasuryBill",
  [
    "Bench T-Bill",
    "BTB",
    18,
    await registry.getAddress(),
    admin.address,
    0,
    {
      isin: "PK0000A12348",
      settlementToken: await usd.getAddress(),
      treasury: admin.address,
      faceValue: 100n * USD,
      issueDate,
      maturityDate,
    },
    0, // ACT/365
  ],
  { libraries },
);
for (const role of [await bill.ISSUER_ROLE(), await bill.TREASURY_ROLE()]) await bill.grantRole(role, admin.address);
const billAddress = await bill.getAddress();

/** Fixed, reproducible bidder wallets: registered, funded and having approved the bill. */
const bidders = Array.from({ length: BATCH + 2 }, (_, i) =>
  new Wallet(keccak256(toBeHex(i + 1, 32))).connect(ethers.provider),
);
for (const [i, bidder] of bidders.entries()) {
  await registry.registerInvestor(
    bidder.address,
    investorIdOf("bench-salt", `DEALER-${i}`),
    Country.PAKISTAN,
    InvestorCategory.PRIMARY_DEALER,
    now + 365n * DAY,
  );
  await admin.sendTransaction({ to: bidder.address, value: ethers.parseEther("1") });
  await usd.mint(bidder.address, 1_000_000n * USD);
  await usd.connect(bidder).approve(billAddress, ethers.MaxUint256);
}
await usd.mint(admin.address, 100_000_000n * USD);
await usd.approve(billAddress, ethers.MaxUint256);

const amount = 1_000n * BILL;
const auction = (n: number) => keccak256(toBeHex(n, 32));

// One allotment: the bill's first (it pays for the first write of the supply and holder count), then another.
await bill.recordAllotments(auction(1), [bidders[0].address, bidders[1].address], [amount, amount], [PRICE, PRICE]);
const settleFirst = await gasOf(bill.settleAllotments([0n]));
const settleOne = await gasOf(bill.settleAllotments([1n]));

// A batch of 50 allotments, one per new holder.
const batch = bidders.slice(2);
const recordBatch = await gasOf(
  bill.recordAllotments(
    auction(2),
    batch.map((b) => b.address),
    batch.map(() => amount),
    batch.map(() => PRICE),
  ),
);
const settleBatch = await gasOf(bill.settleAllotments(batch.map((_, i) => BigInt(i + 2))));

// Maturity.
await networkHelpers.time.increaseTo(maturityDate);
const fund = await gasOf(bill.fundRedemption());
const redeemPart = await gasOf(bill.connect(bidders[0]).redeem(amount / 2n));
const redeemAll = await gasOf(bill.connect(bidders[0]).redeem(amount / 2n));
const redeemForBatch = await gasOf(bill.redeemFor(batch.slice(0, 10).map((b) => b.address)));

const per = (total: bigint, n: number) => total / BigInt(n);
const rows = [
  { operation: "settleAllotments: the bill's first allotment", gas: settleFirst },
  { operation: "settleAllotments: one allotment (new holder)", gas: settleOne },
  { operation: `settleAllotments: per allotment, batch of ${BATCH} (new holders)`, gas: per(settleBatch, BATCH) },
  { operation: `recordAllotments: per row, batch of ${BATCH}`, gas: per(recordBatch, BATCH) },
  { operation: "fundRedemption", gas: fund },
  { operation: "redeem: part of the balance", gas: redeemPart },
  { operation: "redeem: the whole balance", gas: redeemAll },
  { operation: "redeemFor: per holder, batch of 10", gas: per(redeemForBatch, 10) },
];
console.table(rows.map((r) => ({ ...r, gas: Number(r.gas) })));
await mkdir("bench", { recursive: true });
await writeFile(
  "bench/gas-tbill.json",
  JSON.stringify(
    rows.map((r) => ({ ...r, gas: Number(r.gas) })),
    null,
    2,
  ) + "\n",
);
