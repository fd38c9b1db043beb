/** What the deployment prints: the plan before anything is sent, each step as it completes, the result. */
import {
  ExecutionEventResultType,
  ExecutionEventType,
  type ExecutionEventListener,
} from "@nomicfoundation/ignition-core";
import type { DeploymentRecord } from "./deployments.js";
import type { NetworkInfo } from "./network.js";
import type { IssuancePlan } from "./plan.js";
import { describePolicyCall } from "./policy.js";
import { describeTermsOf } from "./kinds/index.js";
import { describeDocumentsPlan } from "./documents-deploy.js";
import { formatAmount, formatDuration, groupThousands } from "./units.js";

/** The plan of `plan` on `network`, printed before anything is sent. */
export function describePlan(plan: IssuancePlan, network: NetworkInfo, deploymentId: string): string[] {
  const lines = [
    `Plan: issuance "${plan.name}" on network ${network.name} (chain ${network.chainId}, ${network.local ? "local" : "NOT LOCAL"})`,
    `  deployer          ${plan.deployer} (account #0: sends every transaction)`,
    `  admin             ${describeAdmin(plan)}`,
    `  admin delay       ${formatDuration(plan.adminDelay)}`,
  ];
  if (plan.registry.deploy) {
    lines.push(`  InvestorRegistry  deploy`);
    plan.registry.kycAgents.forEach((a) => lines.push(`                    grant KYC_AGENT_ROLE to ${a}`));
  } else {
    lines.push(`  InvestorRegistry  existing, at ${plan.registry.address}`);
  }
  for (const instrument of plan.instruments) {
    const units = (value: bigint) => groupThousands(formatAmount(value, instrument.decimals));
    lines.push(
      `  ${instrument.id.padEnd(17)} deploy ${instrument.kind} "${instrument.name}" (${instrument.symbol}, ${instrument.decimals} decimals)`,
    );
    for (const line of describeTermsOf(instrument.terms)) lines.push(`                    ${line}`);
    for (const [role, holders] of Object.entries(instrument.roles)) {
      holders.forEach((h) => lines.push(`                    grant ${role} to ${h}`));
    }
    instrument.policyCalls.forEach((call) => lines.push(`                    ${describePolicyCall(call, units)}`));
  }
  lines.push(...describeDocumentsPlan(plan.documents));
  if (plan.admin.kind !== "deployer") {
    lines.push(
      `  then              begin the admin hand-over of every contract deployed (see governance accept-admin)`,
    );
  }
  lines.push(`  Ignition id       ${deploymentId}${network.persistent ? "" : " (embedded chain: nothing is kept)"}`);
  return lines;
}

function describeAdmin(plan: IssuancePlan): string {
  const { admin } = plan;
  switch (admin.kind) {
    case "deployer":
      return `the deployer keeps DEFAULT_ADMIN_ROLE`;
    case "account":
      return `${admin.address} (accepts after the admin delay)`;
    case "multisig":
      return `multisig ${admin.address} (accepts after the admin delay)`;
    case "timelock":
      return `existing timelock ${admin.address} (accepts after the admin delay)`;
    case "newTimelock":
      return (
        `a new TimelockController (min delay ${admin.minDelay} s, proposers ${admin.proposers.join(", ")}, ` +
        `executors ${admin.executors.join(", ")}), which accepts after the admin delay`
      );
  }
}

export function describeResult(record: DeploymentRecord, plan: IssuancePlan): string[] {
  const lines = [`deployed "${record.name}" on network ${record.network} (chain ${record.chainId}):`];
  if (record.timelock !== undefined) lines.push(`  Timelock          ${record.timelock}`);
  lines.push(`  InvestorRegistry  ${record.registry}`);
  if (record.documentRegistry !== undefined) lines.push(`  DocumentRegistry  ${record.documentRegistry}`);
  for (const [id, instrument] of Object.entries(record.instruments)) {
    lines.push(`  ${id.padEnd(17)} ${instrument.address} (${instrument.kind}, ${instrument.symbol})`);
  }
  if (plan.admin.kind !== "deployer") {
    lines.push(
      `The admin hand-over is begun: after ${plan.adminDelay} s, complete it with ` +
        `\`npx hardhat --network ${record.network} governance accept-admin --manifest ${record.manifest}\`.`,
    );
  }
  return lines;
}

/** Prints one line per step of the deployment as it completes. */
export function progressListener(out: (line: string) => void): ExecutionEventListener {
  const ignore = async () => {};
  const listener = Object.fromEntries(
    Object.values(ExecutionEventType).map((type) => [
      type.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()),
      ignore,
    ]),
  ) as unknown as ExecutionEventListener;
  const done = async (event: { futureId: string; result: { type: ExecutionEventResultType } }) => {
    if (event.result.type === ExecutionEventResultType.SUCCESS) out(`  done ${event.futureId}`);
    else out(`  FAILED ${event.futureId}`);
  };
  listener.deploymentExecutionStateComplete = done;
  listener.callExecutionStateComplete = done;
  return listener;
}
