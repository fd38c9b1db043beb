import { expect } from "chai";
import { networkHelpers } from "../../fixtures.js";
import { deployBill, FACE, ISIN } from "./fixtures.js";

describe("TreasuryBill: deployment", function () {
  it("fixes the terms", async function () {
    const { bill } = await networkHelpers.loadFixture(deployBill);
    expect(await bill.isin()).to.equal(ISIN);
    expect(await bill.faceValue()).to.equal(FACE);
  });
});
