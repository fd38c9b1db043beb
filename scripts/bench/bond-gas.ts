/**
 * Gas of the sovereign bond's coupon and redemption paths, read from transaction receipts on the
 * in-process EDR chain: `fundCoupon` on bonds with 10 and with 1,000 holders (it must not depend on
 * the number of holders: within 5%), `claimCoupon`, `payCoupon` per holder, `redeem`, and a
 * compliant transfer between existing holders, with the cost of the record-date balances measured
 * against the core token.
 *
 * Run: `npx hardhat run scripts/bench/bond-gas.ts`. Prints a table and writes bench/gas-bond.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { dataSlice, getAddress, keccak256, toBeHex } from "ethers";
import type { InvestorRegistry, SovereignBond } from "../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf, toBatch, type InvestorRecord } from "../../src/sdk/investors.js";
import { timeFromIso } from "../../src/sdk/bond/index.js";
import { gasOf } from "./lib/chain.js";

const SAME_GAS_TOLERANCE_PERCENT = 5n;
const BATCH = 100;
const UNIT = 10n ** 18n;
const USD = 10n ** 6n;
const ISSUE = timeFromIso("2030-03-10");
const MATURITY = timeFromIso("2033-02-28");
const RECORD_OFFSET = 15n * 86_400n;

const { ethers, networkHelpers } = await network.create();
const [admin, treasury, alice, bob] = await ethers.getSigners();

/** A fixed, realistic (non-zero bytes) wallet address for investor `i`, so runs are reproducible. */
const walletAt = (i: number) => getAddress(dataSlice(keccak256(toBeHex(i + 1_000_000, 32)), 12));
const record = (wallet: string, i: number): InvestorRecord => ({
  wallet,
  investorId: investorIdOf("bench-salt", `KYC-${i}`),
  country: Country.PAKISTAN,
  category: InvestorCategory.INSTITUTIONAL,
  expiresAt: timeFromIso("2040-01-01"),
});

const registry: InvestorRegistry = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
await registry.grantRole(await registry.KYC_AGENT_ROLE(), admin.address);
await registry.registerInvestors(...toBatch([record(alice.address, -1), record(bob.address, -2)]));
const wallets = Array.from({ length: 1_000 }, (_, i) => walletAt(i));
for (let i = 0; i < wallets.length; i += BATCH) {
  await registry.registerInvestors(...toBatch(wallets.slice(i, i + BATCH).map((w, j) => record(w, i + j))));
}
const usd = await ethers.deployContract("LocalTestDollar");
await usd.mint(treasury.address, 1_000_000_000n * USD);
const logic = await ethers.deployContract("SovereignBondLogic");
const debtLogic = await ethers.deployContract("DebtSecurityLogic");
const libraries = { SovereignBondLogic: await logic.getAddress(), DebtSecurityLogic: await debtLogic.getAddress() };

/** A 7.25% semi-annual bond held by Alice, Bob and `holders` other wallets (the fixture's terms). */
async function deployBond(holders: number): Promise<SovereignBond> {
  const bond = await ethers.deployContract(
    "SovereignBond",
    [
      "Bench 7.25% 2033",
      "BNC33",
      18,
      await registry.getAddress(),
      admin.address,
      0,
      {
        isin: "PK0000A12348",
        settlementToken: await usd.getAddress(),
        treasury: treasury.address,
        faceValue: 1_000n * USD,
        issueDate: ISSUE,
        maturityDate: MATURITY,
      },
      {
        couponFrequency: 2,
        floatingRate: false,
        couponRateBps: 725,
        dayCount: 3,
        recordDateOffset: RECORD_OFFSET,
        claimWindow: 365n * 86_400n,
        isSukuk: false,
        assetDocumentsHash: ethers.ZeroHash,
      },
    ],
    { libraries },
  );
  await bond.grantRole(await bond.ISSUER_ROLE(), admin.address);
  await bond.grantRole(await bond.TREASURY_ROLE(), admin.address);
  await bond.batchMint([alice.address, bob.address], [1_000n * UNIT, 1_000n * UNIT]);
  for (let i = 0; i < holders; i += BATCH) {
    const page = wallets.slice(i, Math.min(i + BATCH, holders));
    await bond.batchMint(
      page,
      page.map((_, j) => 10n * UNIT + BigInt(i + j)),
    );
  }
  await usd.connect(treasury).approve(await bond.getAddress(), ethers.MaxUint256);
  return bond;
}

const small = await deployBond(10);
const large = await deployBond(1_000);
const core = await ethers.deployContract("SovereignToken", [
  "Core",
  "CORE",
  18,
  await registry.getAddress(),
  admin.address,
  0,
]);
await core.grantRole(await core.ISSUER_ROLE(), admin.address);
await core.batchMint([alice.address, bob.address], [1_000n * UNIT, 1_000n * UNIT]);

const transferOf = (token: SovereignBond | typeof core) => gasOf(token.connect(alice).transfer(bob.address, UNIT));
const coreTransfer = await transferOf(core);
const beforeRecord = await transferOf(large);
const firstRecordDate = await large.recordDate(0);
await networkHelpers.time.increaseTo(firstRecordDate + 1n);
const firstAfterRecord = await transferOf(large);
const steadyTransfer = await transferOf(large);

const fundSmall = await gasOf(small.fundCoupon(0));
const fundLarge = await gasOf(large.fundCoupon(0));
await networkHelpers.time.increaseTo(await large.couponDate(0));
const claim = await gasOf(large.connect(alice).claimCoupon(0));
const page = wallets.slice(0, BATCH);
const payPage = await gasOf(large.payCoupon(0, page));

await networkHelpers.time.increaseTo(MATURITY);
await large.fundRedemption();
const redeem = await gasOf(large.connect(bob).redeem(500n * UNIT));

const spread = fundLarge > fundSmall ? fundLarge - fundSmall : fundSmall - fundLarge;
const withinTolerance = spread * 100n <= fundSmall * SAME_GAS_TOLERANCE_PERCENT;
const rows = [
  { operation: "fundCoupon, 12 holders", gas: fundSmall, target: "" },
  {
    operation: "fundCoupon, 1,002 holders",
    gas: fundLarge,
    target: `within ${SAME_GAS_TOLERANCE_PERCENT}% of 12 holders: ${withinTolerance ? "met" : "MISSED"}`,
  },
  { operation: "claimCoupon", gas: claim, target: "" },
  { operation: `payCoupon per holder (page of ${BATCH})`, gas: payPage / BigInt(BATCH), target: "" },
  { operation: "redeem (face value and final coupon)", gas: redeem, target: "" },
  {
    operation: "bond transfer, existing holders, record date passed, both written down",
    gas: steadyTransfer,
    target: "",
  },
  { operation: "bond transfer, first after a record date (writes both balances)", gas: firstAfterRecord, target: "" },
  { operation: "bond transfer, before the first record date", gas: beforeRecord, target: "" },
  { operation: "core RegulatedToken transfer (baseline)", gas: coreTransfer, target: "" },
];
console.table(rows.map((r) => ({ ...r, gas: Number(r.gas) })));
console.log(`record-date overhead of a transfer between existing holders: ${steadyTransfer - coreTransfer} gas`);
await mkdir("bench", { recursive: true });
await writeFile(
  "bench/gas-bond.json",
  JSON.stringify(
    rows.map((r) => ({ ...r, gas: Number(r.gas) })),
    null,
    2,
  ) + "\n",
);
if (!withinTolerance) process.exitCode = 1;
