import { expect } from "chai";
import { debtSecurityLibraries, ethers, networkHelpers } from "../../fixtures.js";
import { billArgs, DAY, DayCount, deployBill, FACE, ISIN } from "./fixtures.js";

/** The ERC-165 id of an interface: the XOR of its functions' selectors. */
function interfaceIdOf(selectors: string[]): string {
  const id = selectors.reduce((acc, selector) => acc ^ BigInt(selector), 0n);
  return ethers.toBeHex(id, 4);
}

async function selectorsOf(name: "IDebtSecurity" | "ITreasuryBill"): Promise<string[]> {
  const { interface: iface } = await ethers.getContractAt(name, ethers.ZeroAddress);
  const selectors: string[] = [];
  iface.forEachFunction((fragment) => selectors.push(fragment.selector));
  return selectors;
}

describe("TreasuryBill: deployment and terms", function () {
  it("fixes the terms and reads them back", async function () {
    const { bill, usd, registry, treasuryWallet, issueDate, maturityDate } =
      await networkHelpers.loadFixture(deployBill);
    expect(await bill.isin()).to.equal(ISIN);
    expect(await bill.settlementToken()).to.equal(await usd.getAddress());
    expect(await bill.treasury()).to.equal(treasuryWallet.address);
    expect(await bill.faceValue()).to.equal(FACE);
    expect(await bill.issueDate()).to.equal(issueDate);
    expect(await bill.maturityDate()).to.equal(maturityDate);
    expect(maturityDate - issueDate).to.equal(91n * DAY);
    expect(await bill.dayCount()).to.equal(BigInt(DayCount.Actual365Fixed));
    expect([await bill.name(), await bill.symbol(), await bill.decimals()]).to.deep.equal([
      "Pakistan T-Bill 91D",
      "PTB91",
      18n,
    ]);
    expect(await bill.registry()).to.equal(await registry.getAddress());
    expect([await bill.allotmentCount(), await bill.redemptionFunded(), await bill.redemptionPaid()]).to.deep.equal([
      0n,
      0n,
      0n,
    ]);
  });

  it("names its roles", async function () {
    const { bill } = await networkHelpers.loadFixture(deployBill);
    expect(await bill.TREASURY_ROLE()).to.equal(ethers.id("TREASURY_ROLE"));
    expect(await bill.ROLLOVER_ROLE()).to.equal(ethers.id("ROLLOVER_ROLE"));
  });

  it("announces its treasury wallet at deployment", async function () {
    const f = await networkHelpers.loadFixture(deployBill);
    const bill = await ethers.deployContract("TreasuryBill", await billArgs(f), {
      libraries: await debtSecurityLibraries(),
    });
    await expect(bill.deploymentTransaction())
      .to.emit(bill, "TreasuryChanged")
      .withArgs(ethers.ZeroAddress, f.treasuryWallet.address);
  });

  it("accepts any valid ISIN, and refuses a wrong length, a wrong check digit or a wrong character", async function () {
    const f = await networkHelpers.loadFixture(deployBill);
    const factory = await ethers.getContractFactory("TreasuryBill", { libraries: await debtSecurityLibraries() });
    for (const isin of ["US0378331005", "GB0002634946", "PK0000B34563"]) {
      const bill = await factory.deploy(...(await billArgs(f, { isin })));
      expect(await bill.isin()).to.equal(isin);
    }
    for (const isin of [
      "",
      "PK0000A1234", // 11 characters
      "PK0000A123488", // 13 characters
      "PK0000A12349", // wrong check digit
      "pk0000A12348", // lower case
      "1K0000A12348", // the country is two letters
      "PK0000A1234X", // the check digit is a digit
      "PK0000A-2348", // not alphanumeric
    ]) {
      await expect(factory.deploy(...(await billArgs(f, { isin }))))
        .to.be.revertedWithCustomError(factory, "DebtSecurityInvalidIsin")
        .withArgs(isin);
    }
  });

  it("refuses a settlement token that is not a contract, a zero treasury, a zero face value and inverted dates", async function () {
    const f = await networkHelpers.loadFixture(deployBill);
    const factory = await ethers.getContractFactory("TreasuryBill", { libraries: await debtSecurityLibraries() });
    await expect(factory.deploy(...(await billArgs(f, { settlementToken: f.stranger.address }))))
      .to.be.revertedWithCustomError(factory, "DebtSecurityInvalidSettlementToken")
      .withArgs(f.stranger.address);
    await expect(factory.deploy(...(await billArgs(f, { treasury: ethers.ZeroAddress }))))
      .to.be.revertedWithCustomError(factory, "DebtSecurityInvalidTreasury")
      .withArgs(ethers.ZeroAddress);
    await expect(factory.deploy(...(await billArgs(f, { faceValue: 0n }))))
      .to.be.revertedWithCustomError(factory, "DebtSecurityInvalidFaceValue")
      .withArgs(0n);
    await expect(factory.deploy(...(await billArgs(f, { maturityDate: f.issueDate }))))
      .to.be.revertedWithCustomError(factory, "DebtSecurityInvalidDates")
      .withArgs(f.issueDate, f.issueDate);
  });

  it("answers ERC-165 for IDebtSecurity, ITreasuryBill and the core's interfaces", async function () {
    const { bill } = await networkHelpers.loadFixture(deployBill);
    const debtSelectors = await selectorsOf("IDebtSecurity");
    const debtId = interfaceIdOf(debtSelectors);
    // ITreasuryBill's own id leaves out what it inherits from IDebtSecurity.
    const billSelectors = (await selectorsOf("ITreasuryBill")).filter((s) => !debtSelectors.includes(s));
    expect(await bill.supportsInterface(debtId)).to.equal(true);
    expect(await bill.supportsInterface(interfaceIdOf(billSelectors))).to.equal(true);
    expect(await bill.supportsInterface("0x3edbb4c4")).to.equal(true); // ERC-7943
    expect(await bill.supportsInterface("0x01ffc9a7")).to.equal(true); // ERC-165
    expect(await bill.supportsInterface("0xffffffff")).to.equal(false);
  });

  describe("setTreasury", function () {
    it("changes the treasury wallet with an event", async function () {
      const { bill, admin, treasuryWallet, stranger } = await networkHelpers.loadFixture(deployBill);
      await expect(bill.connect(admin).setTreasury(stranger.address))
        .to.emit(bill, "TreasuryChanged")
        .withArgs(treasuryWallet.address, stranger.address);
      expect(await bill.treasury()).to.equal(stranger.address);
    });

    it("refuses the zero address", async function () {
      const { bill, admin } = await networkHelpers.loadFixture(deployBill);
      await expect(bill.connect(admin).setTreasury(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidTreasury")
        .withArgs(ethers.ZeroAddress);
    });
  });
});
