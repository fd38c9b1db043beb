/**
 * The operations tasks (`npx hardhat <task> --help` for each): deployment, investors, token
 * administration, governance and reports. Actions are loaded only when their task runs.
 */
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { NewTaskDefinitionBuilder, TaskArguments } from "hardhat/types/tasks";

/** Adds `--manifest` and `--state-dir`, which every operations task takes. */
function withIssuance<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder
    .addOption({
      name: "manifest",
      description: "The issuance manifest (JSON under issuances/)",
      type: ArgumentType.STRING_WITHOUT_DEFAULT,
      defaultValue: undefined,
    })
    .addOption({
      name: "stateDir",
      description: "Where deployments/, ignition/deployments/ and ops-log/ are kept (default: the project root)",
      defaultValue: "",
    });
}

/** Adds `--yes`, the confirmation needed to send to a network that is not local. */
function withYes<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder.addFlag({ name: "yes", description: "Confirm sending to a network that is not local" });
}

export const opsTasks = [
  withYes(withIssuance(task("deploy", "Deploy (or resume deploying) the issuance of a manifest")))
    .addFlag({ name: "dryRun", description: "Print the plan and stop" })
    .addFlag({ name: "reset", description: "Local networks only: forget an earlier deployment (node restarted)" })
    .setAction(() => import("./deploy.js"))
    .build(),
];
