import type { HardhatPlugin } from "hardhat/types/plugins";

/**
 * What a build prints: a line when the compiler starts on a batch of sources and when it is done
 * (Hardhat's own spinner shows nothing in a log), and the compiler's warnings on the project's
 * own sources only: those on third-party sources (OpenZeppelin, forge-std) are counted in one
 * line, not printed.
 */
const buildOutputPlugin: HardhatPlugin = {
  id: "build-output",
  hookHandlers: {
    solidity: () => import("./hook-handlers/solidity.js"),
  },
};

export default buildOutputPlugin;
