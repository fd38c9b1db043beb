import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { deployIssuance } from "../src/ops/deploy.js";
import { loadManifest } from "../src/ops/manifest.js";
import { openConnection, required, runOps, stateDirOf, type SendingArgs } from "./common.js";

interface DeployArgs extends SendingArgs {
  dryRun: boolean;
  reset: boolean;
}

export default async function deployTask(args: DeployArgs, hre: HardhatRuntimeEnvironment) {
  return runOps(hre, async () => {
    const file = required("manifest", args.manifest);
    const manifest = await loadManifest(file);
    const connection = await openConnection(hre);
    try {
      await deployIssuance(connection, hre.artifacts, manifest, {
        manifestFile: file,
        stateDir: stateDirOf(hre, args.stateDir),
        yes: args.yes,
        reset: args.reset,
        dryRun: args.dryRun,
      });
    } finally {
      await connection.close();
    }
  });
}
