import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { BOND, HOLDINGS, ethers, fixedBond, passRecordDate } from "./fixtures.js";

/** A storage write to a slot that was zero: 20,000 gas (22,100 when the slot was not read before). */
const FRESH_SLOT = 20_000;

/** The storage writes of a mined transaction that made a zero slot non-zero, from its EVM trace. */
async function freshSlotsWritten(tx: Promise<ContractTransactionResponse>): Promise<number> {
  const receipt = await (await tx).wait();
  const trace = (await ethers.provider.send("debug_traceTransaction", [
    receipt!.hash,
    { disableStack: true, disableMemory: true, disableStorage: true },
  ])) as { structLogs: { op: string; gasCost: number }[] };
  return trace.structLogs.filter((log) => log.op === "SSTORE" && log.gasCost >= FRESH_SLOT).length;
}

describe("SovereignBond: record-date storage", function () {
  it("a holder's first balance change after a record date writes one fresh slot, its history's head; a later period's archives the previous entry", async function () {
    const { bond, alice, bob, dave, coupons } = await fixedBond();
    await passRecordDate(coupons, 0);
    // Both holders' balances at record date 0 go into their heads: one fresh slot each.
    expect(await freshSlotsWritten(bond.connect(alice).transfer(bob.address, BOND))).to.equal(2);
    // Then nothing until the next record date.
    expect(await freshSlotsWritten(bond.connect(alice).transfer(bob.address, BOND))).to.equal(0);
    // A holder whose head is current costs nothing; the other writes its head.
    expect(await freshSlotsWritten(bond.connect(dave).transfer(alice.address, BOND))).to.equal(1);
    await passRecordDate(coupons, 1);
    // Each head moves its entry for record date 0 to the archive (a fresh slot) and takes record date 1's.
    expect(await freshSlotsWritten(bond.connect(bob).transfer(alice.address, BOND))).to.equal(2);

    expect(await bond.balanceAtRecord(alice.address, 0)).to.equal(HOLDINGS.alice);
    expect(await bond.balanceAtRecord(bob.address, 0)).to.equal(HOLDINGS.bob);
    expect(await bond.balanceAtRecord(dave.address, 0)).to.equal(HOLDINGS.dave);
    expect(await bond.balanceAtRecord(alice.address, 1)).to.equal(HOLDINGS.alice - BOND);
    expect(await bond.balanceAtRecord(bob.address, 1)).to.equal(HOLDINGS.bob + 2n * BOND);
    expect(await bond.balanceAtRecord(dave.address, 1)).to.equal(HOLDINGS.dave - BOND);
    expect(await bond.supplyAtRecord(1)).to.equal(HOLDINGS.alice + HOLDINGS.bob + HOLDINGS.dave);
  });
});
