/**
 * The attacker's review of the hand-over ({HandOver}): the bond and the bill check the caller and the
 * dates, then pass their call data unchanged to a linked library function, with two words appended
 * (the storage slot of the books and one value: the highest price, or the funded redemption) that the
 * library reads from the end of its call data. Each test crafts call data that would let a caller
 * choose those words, or make the library decode them as arguments, and asserts the safe behaviour.
 */
import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { AbiCoder, concat, id, toBeHex, zeroPadValue } from "ethers";
import hre from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { ethers as billEthers, networkHelpers as billHelpers } from "../fixtures.js";
import {
  CLAIM_WINDOW,
  CouponStatus,
  ISSUE,
  ethers,
  fixedBond,
  floatingBond,
  networkHelpers,
  passRecordDate,
  reachCouponDate,
} from "./bond/fixtures.js";
import { AUCTION, BILL, FACE as BILL_FACE, deployBill, record } from "./tbill/fixtures.js";

const coder = AbiCoder.defaultAbiCoder();
const REF = id("Review ticket HANDOVER-1");

/** A 32-byte word. */
const word = (value: bigint | number) => zeroPadValue(toBeHex(value), 32);

/** The revert data of `data` sent by `from` to `to` (simulated); fails the test if it does not revert. */
async function revertData(provider: typeof ethers.provider, from: HardhatEthersSigner, to: string, data: string) {
  try {
    await provider.call({ from: from.address, to, data });
  } catch (error) {
    const revert = (error as { data?: string }).data;
    if (revert !== undefined) return revert;
    throw error;
  }
  return expect.fail("the call did not revert");
}

/** The address of `library` linked into the code deployed at `at` (an instance of `contract`). */
async function linkedAddress(provider: typeof ethers.provider, contract: string, library: string, at: string) {
  const artifact = await hre.artifacts.readArtifact(contract);
  const code = await provider.getCode(at);
  const places = Object.values(artifact.deployedLinkReferences!).find((l) => library in l)!;
  const start = places[library][0].start;
  return ethers.getAddress(`0x${code.slice(2 + start * 2, 2 + (start + 20) * 2)}`);
}

/** The selector of `signature`. */
const selector = (signature: string) => id(signature).slice(0, 10);

describe("Review: the bond's calls handed over to its library", function () {
  it("a rate fixing sent without its rate is refused by the bond's decoder, not read from the appended words", async function () {
    const { bond, rateSetter } = await floatingBond();
    const before = await bond.couponPerToken(0);
    const short = concat([selector("setCouponRate(uint256,uint256)"), word(0)]);
    // Empty revert data: the bond's ABI decoder refused the call before the hand-over (the library would
    // read the appended slot as the rate and revert with an error of its own, or fix it).
    expect(await revertData(ethers.provider, rateSetter, await bond.getAddress(), short)).to.equal("0x");
    expect(await bond.couponPerToken(0)).to.equal(before);
  });

  it("words a rate setter appends to its call are ignored: the library reads the bond's own slot", async function () {
    const { bond, rateSetter } = await floatingBond();
    const fix = bond.interface.encodeFunctionData("setCouponRate", [0n, 1_100n]);
    // A forged slot (0: the token's first storage) and a forged funded redemption, then a stray byte.
    for (const trailing of [concat([word(0), word(1)]), concat([word(0), word(1), "0x01"])]) {
      await expect(rateSetter.sendTransaction({ to: await bond.getAddress(), data: concat([fix, trailing]) }))
        .to.emit(bond, "CouponRateFixed")
        .withArgs(0n, 1_100n);
    }
    expect(await bond.name()).to.not.equal("");
    const withRef = bond.interface.encodeFunctionData("withReference", [REF, concat([fix, word(0), word(1)])]);
    await expect(rateSetter.sendTransaction({ to: await bond.getAddress(), data: withRef }))
      .to.emit(bond, "CouponRateFixed")
      .withArgs(0n, 1_100n);
  });

  it("a page of holders whose array runs into the appended words is refused before the hand-over", async function () {
    const { bond, treasurer, coupons } = await fixedBond();
    await passRecordDate(coupons, 0);
    await bond.connect(treasurer).fundCoupon(0);
    await reachCouponDate(coupons, 0);
    const bondAddress = await bond.getAddress();
    const pay = selector("payCoupon(uint256,address[])");
    const crafted = [
      // The array's length word would be the appended slot.
      concat([pay, word(0), word(0x40)]),
      // Two holders whose words would be the appended slot and funded redemption.
      concat([pay, word(0), word(0x40), word(2)]),
      // An offset pointing past the arguments, at the appended words.
      concat([pay, word(0), word(0x60), word(0)]),
    ];
    for (const data of crafted) {
      expect(await revertData(ethers.provider, treasurer, bondAddress, data)).to.equal("0x");
      const wrapped = bond.interface.encodeFunctionData("withReference", [REF, data]);
      expect(await revertData(ethers.provider, treasurer, bondAddress, wrapped)).to.equal("0x");
    }
    expect((await bond.coupon(0)).paid).to.equal(0n);
  });

  it("a sweep with stray trailing bytes sweeps the bond's own coupon, once", async function () {
    const { bond, usd, treasurer, treasuryWallet, coupons } = await fixedBond();
    await passRecordDate(coupons, 0);
    await bond.connect(treasurer).fundCoupon(0);
    await networkHelpers.time.increaseTo(coupons[0].date + CLAIM_WINDOW);
    const { funded } = await bond.coupon(0);
    const sweep = concat([bond.interface.encodeFunctionData("sweepUnclaimed", [0n]), word(0), word(7), "0xff"]);
    const before = await usd.balanceOf(treasuryWallet.address);
    await expect(treasurer.sendTransaction({ to: await bond.getAddress(), data: sweep }))
      .to.emit(bond, "CouponUnclaimedSwept")
      .withArgs(0n, funded);
    expect(await usd.balanceOf(treasuryWallet.address)).to.equal(before + funded);
    expect((await bond.coupon(0)).status).to.equal(CouponStatus.Swept);
    await expect(treasurer.sendTransaction({ to: await bond.getAddress(), data: sweep })).to.be.revert(ethers);
  });

  it("answers couponCount and issueDate from its terms, as the immutables did", async function () {
    const { bond, coupons } = await fixedBond();
    expect(await bond.couponCount()).to.equal(BigInt(coupons.length));
    expect(await bond.issueDate()).to.equal(ISSUE);
    const wrapped = bond.interface.encodeFunctionData("withReference", [
      REF,
      bond.interface.encodeFunctionData("issueDate"),
    ]);
    const answer = await ethers.provider.call({ to: await bond.getAddress(), data: wrapped });
    expect(coder.decode(["uint64"], answer)[0]).to.equal(ISSUE);
  });
});

describe("Review: the bill's calls handed over to its library", function () {
  const PRICE = 98_750_000n;

  it("a highest price an issuer appends to its call is ignored: prices above face value are still refused", async function () {
    const f = await billHelpers.loadFixture(deployBill);
    const { bill, issuer, dealer1 } = f;
    const bookSlot = 0n;
    const recordCall = bill.interface.encodeFunctionData("recordAllotments", [
      AUCTION,
      [dealer1.address],
      [10n * BILL],
      [BILL_FACE + 1n],
    ]);
    const forged = concat([recordCall, word(bookSlot), word(2n ** 256n - 1n)]);
    await expect(issuer.sendTransaction({ to: await bill.getAddress(), data: forged }))
      .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidPrice")
      .withArgs(BILL_FACE + 1n);
    const wrapped = bill.interface.encodeFunctionData("withReference", [REF, forged]);
    await expect(issuer.sendTransaction({ to: await bill.getAddress(), data: wrapped }))
      .to.be.revertedWithCustomError(bill, "DebtSecurityInvalidPrice")
      .withArgs(BILL_FACE + 1n);
    expect(await bill.allotmentCount()).to.equal(0n);
  });

  it("arrays that run into the appended words are refused before the hand-over", async function () {
    const f = await billHelpers.loadFixture(deployBill);
    const { bill, issuer, dealer1 } = f;
    const billAddress = await bill.getAddress();
    const recordSig = selector("recordAllotments(bytes32,address[],uint256[],uint256[])");
    // bidders [dealer1], amounts [10 bills], and prices of length 1 whose one word would be the appended slot
    // (or, with length 2, the slot and the highest price: face value, an allowed price).
    const head = (pricesOffset: number) => concat([AUCTION, word(0x80), word(0xc0), word(pricesOffset)]);
    const body = concat([word(1), zeroPadValue(dealer1.address, 32), word(1), word(10n * BILL)]);
    const crafted = [
      concat([recordSig, head(0x100), body, word(1)]),
      concat([recordSig, head(0x100), body, word(2)]),
      concat([recordSig, head(0x120), body]),
    ];
    for (const data of crafted) {
      expect(await revertData(billEthers.provider, issuer, billAddress, data)).to.equal("0x");
    }
    const [id] = await record(f, [[dealer1, 10n * BILL, PRICE]]);
    const settle = selector("settleAllotments(uint256[])");
    const cancel = selector("cancelAllotment(uint256)");
    const redeem = selector("redeemFor(address[])");
    for (const data of [
      concat([settle, word(0x20)]),
      concat([settle, word(0x20), word(1)]),
      cancel,
      concat([redeem, word(0x20), word(1)]),
    ]) {
      expect(await revertData(billEthers.provider, issuer, billAddress, data)).to.equal("0x");
    }
    expect((await bill.allotment(id)).status).to.equal(1n); // still pending
    expect(await bill.balanceOf(dealer1.address)).to.equal(0n);
  });

  it("a valid but unusual encoding (arrays in reverse order, a gap, trailing bytes) records what it encodes", async function () {
    const { bill, issuer, dealer1 } = await billHelpers.loadFixture(deployBill);
    const recordSig = selector("recordAllotments(bytes32,address[],uint256[],uint256[])");
    // Head: auction, then offsets of bidders, amounts and prices; the data area holds prices, a junk
    // word, amounts, then bidders; a word that looks like a slot and a huge price trails the call.
    const data = concat([
      recordSig,
      AUCTION,
      word(0x140),
      word(0x100),
      word(0x80),
      word(1),
      word(PRICE),
      word(2n ** 255n),
      word(0),
      word(1),
      word(10n * BILL),
      word(1),
      zeroPadValue(dealer1.address, 32),
      word(0),
      word(2n ** 256n - 1n),
    ]);
    await expect(issuer.sendTransaction({ to: await bill.getAddress(), data }))
      .to.emit(bill, "AllotmentRecorded")
      .withArgs(0n, AUCTION, dealer1.address, 10n * BILL, PRICE);
    const row = await bill.allotment(0);
    expect([row.bidder, row.amount, row.price]).to.deep.equal([dealer1.address, 10n * BILL, PRICE]);
    expect(await bill.allotmentCount()).to.equal(1n);
  });

  it("a bidder address with dirty high bits is refused as before, and no row is recorded", async function () {
    const { bill, issuer, dealer1 } = await billHelpers.loadFixture(deployBill);
    const clean = bill.interface.encodeFunctionData("recordAllotments", [AUCTION, [dealer1.address], [BILL], [PRICE]]);
    const bidderWord = zeroPadValue(dealer1.address, 32).slice(2).toLowerCase();
    const dirty = clean.toLowerCase().replace(bidderWord, "01" + bidderWord.slice(2));
    expect(dirty).to.not.equal(clean.toLowerCase());
    expect(await revertData(billEthers.provider, issuer, await bill.getAddress(), dirty)).to.equal("0x");
    expect(await bill.allotmentCount()).to.equal(0n);
  });
});

/**
 * Solidity refuses a direct call (not a DELEGATECALL) only to a library function that is neither view nor
 * pure. Every external function of the two linked libraries is listed here as writing or reading, so
 * that a new one must be classified; each writing one, called at the library's address with the words
 * the hand-over would append, reverts without running.
 */
describe("Review: the linked libraries called directly at their address", function () {
  const WRITES: Record<string, string[]> = {
    SovereignBondLogic: [
      "beginRecovery",
      "claim",
      "completeWalletRecovery",
      "fundCoupon",
      "payCouponHolders",
      "recordBalances",
      "recordRateFixing",
      "recordSweep",
    ],
    DebtSecurityLogic: ["cancelAllotment", "recordAllotments", "redeemFor", "settleAllotments"],
  };
  /** Reads and pure functions: called directly, they see the library's own (empty) storage. */
  const READS: Record<string, string[]> = {
    SovereignBondLogic: ["answerRequest", "finalCouponOf", "payeeOf", "revertWith", "transferRestrictionMessage"],
    DebtSecurityLogic: [],
  };

  /** The external functions of `library` (signature to selector), from the compiler's output. */
  async function methodIdentifiers(library: string): Promise<Record<string, string>> {
    const buildInfo = await hre.artifacts.getBuildInfoId(library);
    const output = JSON.parse(await readFile((await hre.artifacts.getBuildInfoOutputPath(buildInfo!))!, "utf8")) as {
      output: { contracts: Record<string, Record<string, { evm: { methodIdentifiers: Record<string, string> } }>> };
    };
    return Object.values(output.output.contracts).find((c) => library in c)![library].evm.methodIdentifiers;
  }

  for (const library of Object.keys(WRITES)) {
    it(`${library}: every function that writes refuses a direct call, whatever words follow`, async function () {
      const { bond, outsider } = await fixedBond();
      const address = await linkedAddress(ethers.provider, "SovereignBond", library, await bond.getAddress());
      const functions = Object.entries(await methodIdentifiers(library));
      expect(functions.map(([signature]) => signature.slice(0, signature.indexOf("("))).sort()).to.deep.equal(
        [...WRITES[library], ...READS[library]].sort(),
      );
      const args = concat(Array.from({ length: 12 }, () => word(0)));
      for (const [signature, id] of functions) {
        if (!WRITES[library].includes(signature.slice(0, signature.indexOf("(")))) continue;
        const data = concat([`0x${id}`, args, word(0), word(2n ** 256n - 1n)]);
        expect(await revertData(ethers.provider, outsider, address, data), signature).to.equal("0x");
      }
    });
  }
});
