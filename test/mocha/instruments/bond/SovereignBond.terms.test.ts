import { expect } from "chai";
import { ISovereignBond__factory } from "../../../../typechain-types/index.js";
import { DayCountConvention, accrualFraction, timeFromIso } from "../../../../src/sdk/bond/index.js";
import { debtSecurityLibraries } from "../../fixtures.js";
import {
  ASSET_DOCUMENTS,
  CLAIM_WINDOW,
  FACE,
  FIXED_TERMS,
  ISIN,
  ISSUE,
  MATURITY,
  RATE_BPS,
  RECORD_OFFSET,
  fixedBond,
  floatingBond,
  bonds,
  ethers,
  expectedPerToken,
  type BondTermsArgs,
} from "./fixtures.js";

/** Deploys a bond with `terms` (and these dates) for the constructor checks. */
async function deployRaw(terms: BondTermsArgs, issueDate = ISSUE, maturityDate = MATURITY) {
  const [admin, treasury] = await ethers.getSigners();
  const registry = await ethers.deployContract("InvestorRegistry", [admin.address, 0]);
  const usd = await ethers.deployContract("SettlementTokenMock");
  const logic = await ethers.deployContract("SovereignBondLogic");
  const libraries = { SovereignBondLogic: await logic.getAddress(), ...(await debtSecurityLibraries(ethers)) };
  const factory = await ethers.getContractFactory("SovereignBond", { libraries });
  const debtTerms = {
    isin: ISIN,
    settlementToken: await usd.getAddress(),
    treasury: treasury.address,
    faceValue: FACE,
    issueDate,
    maturityDate,
  };
  const args = ["Bond", "BND", 18, await registry.getAddress(), admin.address, 0, debtTerms, terms] as const;
  return { factory, deploy: () => factory.deploy(...args) };
}

describe("SovereignBond: terms and schedule", function () {
  it("exposes its coupon terms and calls its payments coupons", async function () {
    const { bond } = await fixedBond();
    const terms = await bond.bondTerms();
    expect([
      terms.assetDocumentsHash,
      terms.dayCount,
      terms.recordDateOffset,
      terms.claimWindow,
      terms.couponRateBps,
      terms.couponFrequency,
      terms.floatingRate,
      terms.isSukuk,
    ]).to.deep.equal([ethers.ZeroHash, 3n, RECORD_OFFSET, CLAIM_WINDOW, RATE_BPS, 2n, false, false]);
    expect(await bond.faceValue()).to.equal(FACE);
  });

  it("an Ijara sukuk has an asset documents hash (its events call payments rentals: SovereignBond.sukuk.test.ts)", async function () {
    const { bond } = (await bonds()).sukuk;
    const terms = await bond.bondTerms();
    expect([terms.isSukuk, terms.assetDocumentsHash]).to.deep.equal([true, ASSET_DOCUMENTS]);
  });

  it("has the schedule of src/sdk/bond: six month-end coupons from 2030-08-31 to the maturity", async function () {
    const { bond, coupons } = await fixedBond();
    expect(await bond.couponCount()).to.equal(6n);
    const dates = ["2030-08-31", "2031-02-28", "2031-08-31", "2032-02-29", "2032-08-31", "2033-02-28"];
    for (let i = 0; i < 6; ++i) {
      expect(coupons[i].date).to.equal(timeFromIso(dates[i]));
      expect(await bond.couponDate(i)).to.equal(coupons[i].date);
      expect(await bond.recordDate(i)).to.equal(coupons[i].date - RECORD_OFFSET);
      expect(await bond.couponPerToken(i)).to.equal(expectedPerToken(coupons, FIXED_TERMS, i));
    }
    await expect(bond.couponDate(6))
      .to.be.revertedWithCustomError(bond, "CouponScheduleInvalidCoupon")
      .withArgs(6n, 6n);
  });

  it("rounds the coupon per bond down once: 34.279891 dollars for the short first period, 36.25 for a half year", async function () {
    const { bond, coupons } = await fixedBond();
    // Short first period 2030-03-10 to 2030-08-31: 174 days of a 184-day reference half year.
    // 1,000 dollars x 7.25% x 174 / (2 x 184) = 34.27989130... dollars.
    const firstPeriod = accrualFraction(coupons[0], 2n, DayCountConvention.ACT_ACT_ICMA);
    expect([firstPeriod.numerator, firstPeriod.denominator]).to.deep.equal([174n, 368n]);
    expect(await bond.couponPerToken(0)).to.equal(34_279_891n);
    expect(await bond.couponPerToken(1)).to.equal(36_250_000n);
  });

  it("a floating-rate bond shows the fallback coupon per bond until the rate is fixed: 0 before any fixing", async function () {
    const { bond } = await floatingBond();
    expect(await bond.couponPerToken(0)).to.equal(0n);
    expect(await bond.couponPerToken(5)).to.equal(0n);
  });

  it("a zero-coupon bond has no coupon", async function () {
    const { bond } = (await bonds()).zeroCoupon;
    expect(await bond.couponCount()).to.equal(0n);
    await expect(bond.couponDate(0))
      .to.be.revertedWithCustomError(bond, "CouponScheduleInvalidCoupon")
      .withArgs(0n, 0n);
  });

  it("answers true for the ISovereignBond interface and the inherited ones", async function () {
    const { bond } = await fixedBond();
    const selectors: bigint[] = [];
    ISovereignBond__factory.createInterface().forEachFunction((f) => selectors.push(BigInt(f.selector)));
    const interfaceId = ethers.toBeHex(
      selectors.reduce((a, b) => a ^ b, 0n),
      4,
    );
    expect(await bond.supportsInterface(interfaceId)).to.equal(true);
    expect(await bond.supportsInterface("0x36372b07")).to.equal(true); // IERC20
    expect(await bond.supportsInterface("0xffffffff")).to.equal(false);
  });

  describe("constructor checks", function () {
    it("refuses a fixed rate on a floating-rate or a zero-coupon bond", async function () {
      let { factory, deploy } = await deployRaw({ ...FIXED_TERMS, floatingRate: true });
      await expect(deploy())
        .to.be.revertedWithCustomError(factory, "SovereignBondInvalidRate")
        .withArgs(2n, true, RATE_BPS);
      ({ factory, deploy } = await deployRaw({ ...FIXED_TERMS, couponFrequency: 0n }));
      await expect(deploy())
        .to.be.revertedWithCustomError(factory, "SovereignBondInvalidRate")
        .withArgs(0n, false, RATE_BPS);
    });

    it("refuses a zero claim window", async function () {
      const { factory, deploy } = await deployRaw({ ...FIXED_TERMS, claimWindow: 0n });
      await expect(deploy()).to.be.revertedWithCustomError(factory, "SovereignBondInvalidClaimWindow").withArgs(0n);
    });

    it("requires an asset documents hash for a sukuk, and none for a bond", async function () {
      let { factory, deploy } = await deployRaw({ ...FIXED_TERMS, isSukuk: true });
      await expect(deploy())
        .to.be.revertedWithCustomError(factory, "SovereignBondInvalidAssetDocuments")
        .withArgs(true, ethers.ZeroHash);
      ({ factory, deploy } = await deployRaw({ ...FIXED_TERMS, assetDocumentsHash: ASSET_DOCUMENTS }));
      await expect(deploy())
        .to.be.revertedWithCustomError(factory, "SovereignBondInvalidAssetDocuments")
        .withArgs(false, ASSET_DOCUMENTS);
    });

    it("refuses a first record date at or before the issue date", async function () {
      // The first coupon is 174 days after the issue.
      const offset = 174n * 86_400n;
      const { factory, deploy } = await deployRaw({ ...FIXED_TERMS, recordDateOffset: offset });
      await expect(deploy())
        .to.be.revertedWithCustomError(factory, "SovereignBondInvalidRecordDateOffset")
        .withArgs(offset);
      const { deploy: deployJustAfter } = await deployRaw({ ...FIXED_TERMS, recordDateOffset: offset - 1n });
      await deployJustAfter(); // a record date one second after the issue is allowed
    });

    it("applies the schedule's rules to the frequency and the dates", async function () {
      let { factory, deploy } = await deployRaw({ ...FIXED_TERMS, couponFrequency: 5n });
      await expect(deploy()).to.be.revertedWithCustomError(factory, "CouponScheduleInvalidFrequency").withArgs(5n);
      // A maturity later than the issue but on the same day.
      ({ factory, deploy } = await deployRaw(FIXED_TERMS, ISSUE, ISSUE + 3_600n));
      await expect(deploy())
        .to.be.revertedWithCustomError(factory, "CouponScheduleInvalidDates")
        .withArgs(ISSUE, ISSUE + 3_600n);
    });
  });
});
