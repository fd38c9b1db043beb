import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { advanceClock } from "../../src/ops/time-travel.js";
import { openConnection, required, runOps } from "../common.js";

export default function clockAdvance(args: { to: string | undefined }, hre: HardhatRuntimeEnvironment) {
  return runOps(hre, async () => {
    const to = required("to", args.to);
    const connection = await openConnection(hre);
    try {
      await advanceClock(connection, to, console.log);
    } finally {
      await connection.close();
    }
  });
}
