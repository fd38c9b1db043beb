import type { HardhatPlugin } from "hardhat/types/plugins";

/**
 * Branch coverage on top of Hardhat's statement coverage (EDR reports no branches yet): under
 * `--coverage`, every `if` of `contracts/` (mocks excluded) gets an explicit, empty `else` arm
 * before instrumentation. `scripts/coverage/report.ts` then reads which arms ran.
 */
const branchCoveragePlugin: HardhatPlugin = {
  id: "branch-coverage",
  hookHandlers: {
    solidity: () => import("./hook-handlers/solidity.js"),
  },
};

export default branchCoveragePlugin;
