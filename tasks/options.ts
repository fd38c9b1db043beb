/** The options the operations tasks share, as builders that add them to a task definition. */
import { ArgumentType } from "hardhat/types/arguments";
import type { NewTaskDefinitionBuilder, TaskArguments } from "hardhat/types/tasks";

/** An option that may be left out (`undefined` then). */
export const optional = <N extends string>(name: N, description: string) => ({
  name,
  description,
  type: ArgumentType.STRING_WITHOUT_DEFAULT as const,
  defaultValue: undefined,
});

/** `--manifest` and `--state-dir`, which every operations task takes. */
export function issuance<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder.addOption(optional("manifest", "The issuance manifest (JSON under issuances/)")).addOption({
    name: "stateDir",
    description: "Where deployments/, ignition/deployments/ and ops-log/ are kept (empty: the project root)",
    defaultValue: "",
  });
}

/** `--yes`, `--from` and `--reason`, for tasks that send transactions. */
export function sending<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return issuance(builder)
    .addFlag({ name: "yes", description: "Confirm sending to a network that is not local" })
    .addOption(optional("from", "Send from this configured account (default: the first one with the role)"))
    .addOption(
      optional(
        "reason",
        "Why (court order, notice, ticket): its hash goes on chain with the call (withReference), " +
          "the text to the ops log; the audit trail shows both",
      ),
    );
}

/** `--instrument`, for tasks on one instrument. */
export function onInstrument<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder.addOption(optional("instrument", "Instrument id in the manifest (may be left out if there is one)"));
}

/** `--csv` and `--json` output files, for reports. */
export function reportFiles<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder
    .addOption(optional("csv", "Also write the report to this CSV file"))
    .addOption(optional("json", "Also write the report to this JSON file"));
}

export const wallet = (description: string) => optional("wallet", description);
export const amount = (description: string) => optional("amount", description);
export const period = () => optional("period", "The coupon number, from 0 (coupons are numbered in date order)");
export const salt = () => optional("salt", "Timelock only: distinguishes a repeated identical operation");
export const contract = () =>
  optional("contract", '"registry" or an instrument id (default: every contract of the issuance)');

/** `--contract` and `--salt` with the sending options, for the governance tasks. */
export function governed<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return sending(builder).addOption(contract()).addOption(salt());
}
