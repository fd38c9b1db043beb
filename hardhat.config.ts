import { createRequire } from "node:module";
import "dotenv/config";
import hardhatToolboxMochaEthersPlugin from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import branchCoveragePlugin from "./plugins/branch-coverage/index.js";
import buildOutputPlugin from "./plugins/build-output/index.js";
import { CHAIN_START } from "./src/ops/clock.js";
// The operations tasks (deploy, investors, token, governance, reports): entry points over src/ops.
import { opsTasks } from "./tasks/index.js";
import { opsPlugin } from "./tasks/plugin.js";
import { quietTestsHooks } from "./test/mocha/support/quiet-tests.js";

const require = createRequire(import.meta.url);

/**
 * A coverage build (`--coverage`) compiles instrumented sources: it keeps its artifacts and cache
 * under coverage/, so neither build overwrites the other (`npm test` runs both and recompiles
 * nothing the next time) and artifacts/ always holds the bytecode that is deployed.
 */
const instrumented = process.argv.includes("--coverage") || process.env.HARDHAT_COVERAGE === "true";

/**
 * The compiler is the npm `solc` package (solc-js), pinned in package.json: nothing is ever
 * downloaded. Hardhat runs `soljson.js` in-process when `path` points at it.
 */
const version = (require("solc/package.json") as { version: string }).version;
const path = require.resolve("solc/soljson.js");
// 200 optimizer runs keep every instrument (the core plus its own logic) under the 24,576-byte
// contract size limit of EIP-170.
const settings = { evmVersion: "prague", optimizer: { enabled: true, runs: 200 } };
const compiler = {
  compilers: [{ version, path, settings }],
  overrides: {
    // The registry is small and its batch onboarding hot: optimised for runtime gas, and the IR
    // pipeline writes each packed record with one SSTORE instead of one per field. This keeps
    // onboarding under 50,000 gas per investor in a batch (see `npm run gas`).
    "contracts/registry/InvestorRegistry.sol": {
      version,
      path,
      settings: { ...settings, viaIR: true, optimizer: { enabled: true, runs: 10_000 } },
    },
    // Instruments are the core plus their own logic: the IR pipeline keeps them under the
    // 24,576-byte contract size limit.
    ...Object.fromEntries(
      [
        "contracts/instruments/commodity/CommodityReserveToken.sol",
        "contracts/instruments/tbill/TreasuryBill.sol",
        "contracts/instruments/bond/SovereignBond.sol",
        "contracts/mocks/DebtSecurityMock.sol",
      ].map((file) => [file, { version, path, settings: { ...settings, viaIR: true } }]),
    ),
  },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin, branchCoveragePlugin, buildOutputPlugin, opsPlugin],
  tasks: opsTasks,
  solidity: {
    profiles: {
      default: compiler,
      production: compiler,
    },
    // The operations code reads and approves a settlement token through this interface (typed
    // bindings), never through a test token's ABI.
    npmFilesToBuild: ["@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol"],
  },
  paths: {
    tests: { mocha: "test/mocha", solidity: "test/solidity" },
    ...(instrumented ? { artifacts: "coverage/artifacts", cache: "coverage/cache" } : {}),
  },
  test: {
    // A passing test that prints an error line fails the run (test/mocha/support/quiet-tests.ts).
    mocha: { rootHooks: quietTestsHooks },
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
  coverage: { skipFiles: ["contracts/mocks/**"] },
  typechain: { outDir: "typechain-types" },
  networks: {
    // The embedded chain and `hardhat node` start at a fixed date before the sample issuances'
    // calendar, not at the machine's date (src/ops/clock.ts).
    default: { type: "edr-simulated", initialDate: CHAIN_START },
    node: { type: "edr-simulated", initialDate: CHAIN_START },
    localhost: {
      type: "http",
      chainType: "l1",
      // `npx hardhat node`'s address; LOCALHOST_URL names another node of this machine (the tests' own).
      url: process.env.LOCALHOST_URL ?? "http://127.0.0.1:8545",
    },
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
