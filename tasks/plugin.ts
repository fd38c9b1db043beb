/** The toolkit's global option: `--verbose` prints the stack trace of a task's error. */
import { globalFlag } from "hardhat/config";
import type { HardhatPlugin } from "hardhat/types/plugins";

declare module "hardhat/types/global-options" {
  interface GlobalOptions {
    verbose: boolean;
  }
}

export const opsPlugin: HardhatPlugin = {
  id: "sovereign-tokenization-ops",
  globalOptions: [
    globalFlag({ name: "verbose", description: "On an error of an operations task, also print its stack trace" }),
  ],
};
