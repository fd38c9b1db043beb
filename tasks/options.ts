/** The options the operations tasks share, as builders that add them to a task definition. */
import { ArgumentType } from "hardhat/types/arguments";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import {
  TaskDefinitionType,
  type NewTaskDefinitionBuilder,
  type TaskArguments,
  type TaskDefinition,
} from "hardhat/types/tasks";

/** The options of {@link optional}: left out, the action receives them as `undefined`. */
const unsetByDefault = new Set<string>();

/**
 * An option that may be left out (`undefined` in the action then). Its default, as the help
 * shows it, says what leaving it out means: the `(default: ...)` its description ends with, or
 * `none`; given that word, the action receives `undefined` too.
 */
export function optional<N extends string>(name: N, description: string, whenLeftOut = "none") {
  unsetByDefault.add(name);
  const stated = /^(.*) \(default: ([^()]*)\)$/.exec(description);
  return {
    name,
    description: stated?.[1] ?? description,
    type: ArgumentType.STRING as const,
    defaultValue: stated?.[2] ?? whenLeftOut,
  };
}

/** An option the task cannot run without: its help says so (the action checks it with `required`). */
export const mandatory = <N extends string>(name: N, description: string, whenLeftOut?: string) =>
  optional(name, `${description}, required`, whenLeftOut);

/**
 * `definition` whose action receives the options of {@link optional} left out as `undefined`
 * (Hardhat 3's help would print the type of an option without a default as
 * `<STRING_WITHOUT_DEFAULT>`): the actions keep telling "not given" from a value.
 */
export function emptyAsUnset<D extends TaskDefinition>(definition: D): D {
  if (definition.type !== TaskDefinitionType.NEW_TASK || definition.action === undefined) return definition;
  const load = definition.action;
  const leftOut = (name: string, value: unknown) =>
    unsetByDefault.has(name) && (value === "" || value === definition.options[name]?.defaultValue);
  const unset = (args: TaskArguments) =>
    Object.fromEntries(Object.entries(args).map(([name, value]) => [name, leftOut(name, value) ? undefined : value]));
  return {
    ...definition,
    action: async () => {
      const { default: run } = await load();
      return { default: (args: TaskArguments, hre: HardhatRuntimeEnvironment) => run(unset(args), hre) };
    },
  };
}

/** `--manifest` and `--state-dir`, which every operations task takes. */
export function issuance<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder
    .addOption(mandatory("manifest", "The issuance manifest (JSON under issuances/)"))
    .addOption(
      optional(
        "stateDir",
        "Where deployments/, ignition/deployments/ and ops-log/ are kept (default: the project root)",
      ),
    );
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
  return builder.addOption(optional("instrument", "Instrument id in the manifest (default: the only one)"));
}

/** `--csv` and `--json` output files, for reports. */
export function reportFiles<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return builder
    .addOption(optional("csv", "Also write the report to this CSV file"))
    .addOption(optional("json", "Also write the report to this JSON file"));
}

export const wallet = (description: string) => optional("wallet", description);
export const amount = (description: string) => optional("amount", description);
export const period = () => mandatory("period", "The coupon number, from 0 (coupons are numbered in date order)");
export const salt = () => optional("salt", "Timelock only: distinguishes a repeated identical operation");
export const contract = () =>
  optional("contract", '"registry", "documents" or an instrument id (default: every contract of the issuance)');

/** `--contract` and `--salt` with the sending options, for the governance tasks. */
export function governed<A extends TaskArguments>(builder: NewTaskDefinitionBuilder<A>) {
  return sending(builder).addOption(contract()).addOption(salt());
}
