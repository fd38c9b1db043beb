import { expect } from "chai";
import { deployToken, ethers, networkHelpers, UNIT } from "./fixtures.js";

describe("smoke", function () {
  it("moves tokens between verified holders", async function () {
    const { token, alice, bob } = await networkHelpers.loadFixture(deployToken);
    await expect(token.connect(alice).transfer(bob.address, 5n * UNIT)).to.changeTokenBalances(
      ethers,
      token,
      [alice, bob],
      [-5n * UNIT, 5n * UNIT],
    );
  });
});
