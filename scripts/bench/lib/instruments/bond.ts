/**
 * The sovereign bond (contracts/instruments/bond/SovereignBond.sol): coupon funding on a bond
 * with 10 holders and on one with 1,000 (the same terms), a coupon claim, a coupon pushed by the
 * treasury, redemption at maturity (face value and final coupon), and transfers. Coupons are
 * paid on record-date balances, so a transfer also keeps those balances: the first transfer of
 * a holder after a record date writes its balance at that date.
 */
import { MaxUint256, ZeroHash } from "ethers";
import { timeFromIso } from "../../../../src/sdk/bond/index.js";
import { gasWithAnatomy, type Anatomy } from "../anatomy.js";
import { codeSizeOf, gasOf, signerAt, walletsAt } from "../chain.js";
import type { InstrumentContext } from "../toolkit.js";

export const SMALL = 10;
export const LARGE = 1_000;
/** Holders paid in one `payCoupon` call. */
export const PAGE = 100;
const MINT_CHUNK = 100;

const UNIT = 10n ** 18n;
const USD = 10n ** 6n;
const DAY = 86_400n;
/** The dates of the bond's own benchmark and fixture (scripts/bench/bond-gas.ts), for cross-checks. */
const ISSUE = timeFromIso("2030-03-10");
const MATURITY = timeFromIso("2033-02-28");
const ACT_ACT_ICMA = 3;

export interface BondGas {
  fundCouponSmall: bigint;
  fundCouponLarge: bigint;
  /** `claimCoupon` by a holder (not the coupon's first claim). */
  claim: bigint;
  /** `payCoupon` by the treasury, per holder, for a page of PAGE holders. */
  payPerHolder: bigint;
  /** `redeem` of a holder's whole balance at maturity, with the final coupon (not the first redemption). */
  redeem: bigint;
  /** Between existing holders whose balances at the last record date are already written. */
  transferExisting: bigint;
  /** The first transfer between two holders after a record date: it writes both record-date balances. */
  transferFirstAfterRecordDate: bigint;
  transferAnatomy: Anatomy;
  transferFirstAfterRecordDateAnatomy: Anatomy;
  /** Runtime code size of the bond, in bytes. */
  codeSize: number;
}

export async function measureSovereignBond({ connection, toolkit, admin }: InstrumentContext): Promise<BondGas> {
  const { ethers, networkHelpers } = connection;
  const adminAddress = await admin.getAddress();
  const usd = await ethers.deployContract("LocalTestDollar", [], admin);
  await gasOf(usd.mint(adminAddress, 10n ** 12n * USD));
  const logic = await ethers.deployContract("SovereignBondLogic", [], admin);
  const debtLogic = await ethers.deployContract("DebtSecurityLogic", [], admin);
  const libraries = { SovereignBondLogic: await logic.getAddress(), DebtSecurityLogic: await debtLogic.getAddress() };

  const [a, b, ...others] = walletsAt("bond-holder", LARGE);
  await toolkit.registerAll([a, b, ...others]);

  /** A 7.25% semi-annual bond (ACT/ACT ICMA) held by `a`, `b` and `holders - 2` other wallets. */
  async function deployBond(holders: number) {
    const bond = await ethers.deployContract(
      "SovereignBond",
      [
        "Bench 7.25% 2033",
        "BNC33",
        18,
        await toolkit.registry.getAddress(),
        adminAddress,
        0,
        {
          isin: "PK0000A12348",
          settlementToken: await usd.getAddress(),
          treasury: adminAddress,
          faceValue: 1_000n * USD,
          issueDate: ISSUE,
          maturityDate: MATURITY,
        },
        {
          couponFrequency: 2,
          floatingRate: false,
          couponRateBps: 725,
          dayCount: ACT_ACT_ICMA,
          recordDateOffset: 15n * DAY,
          claimWindow: 365n * DAY,
          isSukuk: false,
          assetDocumentsHash: ZeroHash,
        },
      ],
      { libraries, signer: admin },
    );
    for (const role of [await bond.ISSUER_ROLE(), await bond.TREASURY_ROLE()]) {
      await gasOf(bond.grantRole(role, adminAddress));
    }
    await gasOf(bond.batchMint([a, b], [1_000n * UNIT, 1_000n * UNIT]));
    const rest = others.slice(0, holders - 2);
    for (let i = 0; i < rest.length; i += MINT_CHUNK) {
      const chunk = rest.slice(i, i + MINT_CHUNK);
      await gasOf(
        bond.batchMint(
          chunk,
          chunk.map((_, j) => 10n * UNIT + BigInt(i + j)),
        ),
      );
    }
    if ((await bond.holderCount()) !== BigInt(holders)) throw new Error(`bond: not ${holders} holders`);
    await gasOf(usd.approve(await bond.getAddress(), MaxUint256));
    return bond;
  }

  const small = await deployBond(SMALL);
  const large = await deployBond(LARGE);
  const codeSize = await codeSizeOf(connection, await large.getAddress());
  const holderA = await signerAt(connection, a);
  const holderB = await signerAt(connection, b);

  // After the first record date: the first transfer writes both holders' record-date balances.
  await networkHelpers.time.increaseTo((await large.recordDate(0)) + 1n);
  const { gas: transferFirstAfterRecordDate, anatomy: transferFirstAfterRecordDateAnatomy } = await gasWithAnatomy(
    connection,
    large.connect(holderA).transfer(b, UNIT),
  );
  const { gas: transferExisting, anatomy: transferAnatomy } = await gasWithAnatomy(
    connection,
    large.connect(holderA).transfer(b, UNIT),
  );

  const fundCouponSmall = await gasOf(small.fundCoupon(0));
  const fundCouponLarge = await gasOf(large.fundCoupon(0));

  await networkHelpers.time.increaseTo(await large.couponDate(0));
  await gasOf(large.connect(holderB).claimCoupon(0));
  const claim = await gasOf(large.connect(holderA).claimCoupon(0));
  const pay = await gasOf(large.payCoupon(0, others.slice(0, PAGE)));

  await networkHelpers.time.increaseTo(MATURITY);
  await gasOf(large.fundRedemption());
  await gasOf(large.connect(holderB).redeem(await large.balanceOf(b)));
  const redeem = await gasOf(large.connect(holderA).redeem(await large.balanceOf(a)));

  return {
    fundCouponSmall,
    fundCouponLarge,
    claim,
    payPerHolder: pay / BigInt(PAGE),
    redeem,
    transferExisting,
    transferAnatomy,
    transferFirstAfterRecordDate,
    transferFirstAfterRecordDateAnatomy,
    codeSize,
  };
}
