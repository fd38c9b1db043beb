import { createRequire } from "node:module";
import "dotenv/config";
import hardhatToolboxMochaEthersPlugin from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";
import branchCoveragePlugin from "./plugins/branch-coverage/index.js";

const require = createRequire(import.meta.url);

/**
 * The compiler is the npm `solc` package (solc-js), pinned in package.json: nothing is ever
 * downloaded. Hardhat runs `soljson.js` in-process when `path` points at it.
 */
const version = (require("solc/package.json") as { version: string }).version;
const path = require.resolve("solc/soljson.js");
const settings = { evmVersion: "prague", optimizer: { enabled: true, runs: 10_000 } };
const compiler = {
  compilers: [{ version, path, settings }],
  overrides: {
    // The IR pipeline writes each packed registry record with one SSTORE instead of one per
    // field: it keeps batch onboarding under 50,000 gas per investor (see `npm run gas`).
    "contracts/registry/InvestorRegistry.sol": { version, path, settings: { ...settings, viaIR: true } },
  },
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthersPlugin, branchCoveragePlugin],
  solidity: {
    profiles: {
      default: compiler,
      production: compiler,
    },
  },
  paths: {
    tests: { mocha: "test/mocha", solidity: "test/solidity" },
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
  coverage: { skipFiles: ["contracts/mocks/**"] },
  typechain: { outDir: "typechain-types" },
  networks: {
    localhost: {
      type: "http",
      chainType: "l1",
      url: "http://127.0.0.1:8545",
    },
    remote: {
      type: "http",
      chainType: "l1",
      url: configVariable("RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
