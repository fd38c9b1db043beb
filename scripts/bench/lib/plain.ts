/** The floor: a plain OpenZeppelin ERC-20 (contracts/mocks/ERC20PlainMock.sol) built by our own compiler. */
import type { Connection } from "./chain.js";
import type { CoreToken } from "./core.js";

export async function deployPlain(connection: Connection): Promise<CoreToken> {
  const token = await connection.ethers.deployContract("ERC20PlainMock");
  return {
    mint: (to, amount) => token.mint(to, amount),
    transfer: (from, to, amount) => token.connect(from).transfer(to, amount),
  };
}
