import { expect } from "chai";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { DebtSecurityMock, SettlementTokenMock } from "../../../../typechain-types/index.js";
import { Country, InvestorCategory, investorIdOf } from "../../../../src/sdk/investors.js";
import { debtSecurityLibraries, deployRegistry, ethers, networkHelpers, ONE_YEAR } from "../../fixtures.js";

const USD = 10n ** 6n;
const FACE = 1_000n * USD; // one bond of 1,000 dollars
const AUCTION = ethers.id("BOND-AUCTION-1");

interface DebtFixture {
  security: DebtSecurityMock;
  usd: SettlementTokenMock;
  admin: HardhatEthersSigner;
  treasuryWallet: HardhatEthersSigner;
  investor: HardhatEthersSigner;
  maturityDate: bigint;
}

/** A DebtSecurity with 0 decimals (one token, one bond) and an investor holding 7 of them. */
async function deployDebt(): Promise<DebtFixture> {
  const { registry, admin, kycAgent, others, now } = await deployRegistry();
  const [treasuryWallet, investor] = others;
  const usd = await ethers.deployContract("SettlementTokenMock");
  const maturityDate = now + ONE_YEAR;
  const security = await ethers.deployContract(
    "DebtSecurityMock",
    [
      "Bond",
      "BND",
      0,
      await registry.getAddress(),
      admin.address,
      0,
      {
        isin: "US0378331005",
        settlementToken: await usd.getAddress(),
        treasury: treasuryWallet.address,
        faceValue: FACE,
        issueDate: now,
        maturityDate,
      },
    ],
    { libraries: await debtSecurityLibraries() },
  );
  for (const role of [await security.ISSUER_ROLE(), await security.TREASURY_ROLE()]) {
    await security.connect(admin).grantRole(role, admin.address);
  }
  await registry
    .connect(kycAgent)
    .registerInvestor(
      investor.address,
      investorIdOf("s", "I"),
      Country.PAKISTAN,
      InvestorCategory.RETAIL,
      now + 2n * ONE_YEAR,
    );
  for (const wallet of [investor, treasuryWallet]) {
    await usd.mint(wallet.address, 1_000_000n * USD);
    await usd.connect(wallet).approve(await security.getAddress(), ethers.MaxUint256);
  }
  return { security, usd, admin, treasuryWallet, investor, maturityDate };
}

describe("DebtSecurity: the instrument's extension points", function () {
  it("accepts a price above face value by default (a bond sold at a premium), not zero", async function () {
    const { security, usd, admin, investor, treasuryWallet } = await networkHelpers.loadFixture(deployDebt);
    await security.connect(admin).recordAllotments(AUCTION, [investor.address], [7n], [1_050n * USD]);
    await expect(security.connect(admin).settleAllotments([0n])).to.changeTokenBalances(
      ethers,
      usd,
      [investor, treasuryWallet],
      [-7_350n * USD, 7_350n * USD],
    );
    await expect(security.connect(admin).recordAllotments(AUCTION, [investor.address], [1n], [0n]))
      .to.be.revertedWithCustomError(security, "DebtSecurityInvalidPrice")
      .withArgs(0n);
    await expect(security.connect(admin).recordAllotments(AUCTION, [investor.address], [1n], [2n ** 128n]))
      .to.be.revertedWithCustomError(security, "SafeCastOverflowedUintDowncast")
      .withArgs(128n, 2n ** 128n);
  });

  it("funds and pays what the instrument's payout hook adds to face value (for example a final coupon)", async function () {
    const { security, usd, admin, investor, maturityDate } = await networkHelpers.loadFixture(deployDebt);
    await security.connect(admin).recordAllotments(AUCTION, [investor.address], [7n], [990n * USD]);
    await security.connect(admin).settleAllotments([0n]);
    await security.setExtraPerToken(25n * USD); // a final coupon of 25 dollars per bond
    await networkHelpers.time.increaseTo(maturityDate);
    expect(await security.redemptionDue()).to.equal(7n * 1_025n * USD);
    await expect(security.connect(admin).fundRedemption())
      .to.emit(security, "RedemptionFunded")
      .withArgs(7n * 1_025n * USD);
    await expect(security.connect(investor).redeem(3n))
      .to.emit(security, "Redeemed")
      .withArgs(investor.address, 3n, 3n * 1_025n * USD);
    await expect(security.connect(admin).redeemFor([investor.address])).to.changeTokenBalance(
      ethers,
      usd,
      investor,
      4n * 1_025n * USD,
    );
    expect(await security.redemptionPaid()).to.equal(await security.redemptionFunded());
  });

  it("refuses a payout the funds do not cover when the hook raises it after funding", async function () {
    const { security, admin, investor, maturityDate } = await networkHelpers.loadFixture(deployDebt);
    await security.connect(admin).recordAllotments(AUCTION, [investor.address], [2n], [990n * USD]);
    await security.connect(admin).settleAllotments([0n]);
    await networkHelpers.time.increaseTo(maturityDate);
    await security.connect(admin).fundRedemption();
    await security.setExtraPerToken(1n);
    await expect(security.connect(investor).redeem(2n))
      .to.be.revertedWithCustomError(security, "DebtSecurityInsufficientFunding")
      .withArgs(2n * FACE + 2n, 2n * FACE);
    expect(await security.redemptionDue()).to.equal(2n);
  });
});
