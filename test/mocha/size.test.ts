import { expect } from "chai";
import hre from "hardhat";

/** EIP-170: the largest runtime bytecode a contract may deploy on Ethereum mainnet and most EVM chains. */
const EIP170_LIMIT = 24_576;

/** Every contract the deployment modules (ignition/modules) put on a real network. */
const DEPLOYED = [
  "InvestorRegistry",
  "SovereignToken",
  "TreasuryBill",
  "SovereignBond",
  "CommodityReserveToken",
  // Created by CommodityReserveToken's constructor.
  "CommodityRestrictionMessages",
  "DebtSecurityLogic",
  "SovereignBondLogic",
  "Timelock",
];

async function runtimeSize(name: string): Promise<number> {
  const artifact = await hre.artifacts.readArtifact(name);
  return (artifact.deployedBytecode.length - 2) / 2;
}

describe("Contract size: every deployed contract fits the EIP-170 limit of 24,576 bytes", function () {
  for (const name of DEPLOYED) {
    it(name, async function () {
      expect(await runtimeSize(name)).to.be.lessThanOrEqual(EIP170_LIMIT);
    });
  }
});
