import { expect } from "chai";
import type { BaseContract, ContractTransactionResponse } from "ethers";

/**
 * Checks that `tx` emitted, from `contract`, exactly `ActionReferenced(ref, caller, selector of
 * data)` first and then the events `expected` (by name, in log order), and nothing else.
 */
export async function expectReferencedFirst(
  contract: BaseContract,
  tx: ContractTransactionResponse,
  expected: { ref: string; caller: string; data: string; events: string[] },
): Promise<void> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("transaction not mined");
  const address = (await contract.getAddress()).toLowerCase();
  const parsed = receipt.logs
    .filter((log) => log.address.toLowerCase() === address)
    .map((log) => contract.interface.parseLog(log));
  expect(parsed.map((p) => p?.name)).to.deep.equal(["ActionReferenced", ...expected.events]);
  const [ref, caller, action] = parsed[0]!.args;
  expect([ref, caller, action]).to.deep.equal([expected.ref, expected.caller, expected.data.slice(0, 10)]);
}
