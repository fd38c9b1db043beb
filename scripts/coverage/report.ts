/**
 * Lines and branches of contracts/ from the last coverage run (`npm run coverage`): prints the
 * table, writes coverage/contracts.json, and fails with one line when a total is below its
 * threshold (THRESHOLDS in measure.ts).
 */
import hre from "hardhat";
import { writeReport } from "./measure.js";

try {
  const failure = await writeReport(hre.config.paths.root);
  if (failure !== undefined) {
    console.error(failure);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`Coverage report: ${(error as Error).message}`);
  process.exitCode = 1;
}
