/**
 * The walkthrough of docs/operations.md (§10), run as written: the doc is the only copy of the
 * commands. The node command of the doc is the one `startNode` starts (on a free port of
 * 127.0.0.1, stopped by its pid), and every command between `<!-- walkthrough -->` and
 * `<!-- /walkthrough -->` runs in order against it, `localhost` pointed at it with LOCALHOST_URL
 * and the state kept in a temporary directory (`--state-dir`, added to the commands that take a
 * manifest). Each must exit 0; at the end every bill is redeemed and the bonds' first coupon paid.
 */
import { expect } from "chai";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import { readRecord } from "../../../src/ops/deployments.js";
import { SovereignBond__factory, TreasuryBill__factory } from "../../../typechain-types/index.js";
import { ROOT, startHardhat, startNode, tempDir, type TestNode } from "./helpers.js";

const DOC = path.join(ROOT, "docs/operations.md");

/** The words of a shell command line: spaces separate them, double or single quotes group them. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** The command lines of the ```sh blocks of `text`. */
function shellLines(text: string): string[] {
  return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1].split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("#")),
  );
}

/** The walkthrough of the doc: the node's command and the commands run against it, in order. */
async function walkthrough(): Promise<{ node: string[]; commands: string[][] }> {
  const doc = await readFile(DOC, "utf8");
  const between = (start: string, end: string) => {
    const from = doc.indexOf(start);
    const to = doc.indexOf(end, from + start.length);
    if (from < 0 || to < 0) throw new Error(`docs/operations.md has no ${start} … ${end}`);
    return doc.slice(from + start.length, to);
  };
  const node = shellLines(between("<!-- walkthrough: node -->", "<!-- walkthrough -->"));
  const commands = shellLines(between("<!-- walkthrough -->", "<!-- /walkthrough -->"));
  expect(node, "the node's command").to.have.length(1);
  return { node: words(node[0]), commands: commands.map(words) };
}

describe("ops: the walkthrough of docs/operations.md, verbatim, against a hardhat node", function () {
  this.timeout(900_000);
  let node: TestNode | undefined;
  let provider: JsonRpcProvider | undefined;
  after(async function () {
    provider?.destroy();
    await node?.stop();
  });

  it("starts the node as the doc says and runs every command to exit 0: auction to redemption", async function () {
    const { node: nodeCommand, commands } = await walkthrough();
    // The doc's node is the tests' node (helpers.ts `startNode`), which adds only the port.
    expect(nodeCommand).to.deep.equal(["npx", "hardhat", "node", "--hostname", "127.0.0.1"]);
    const tasks = commands.map((c) => c.slice(4, 6).join(" "));
    expect(tasks).to.include.members(["tbill fund-bidders", "tbill auction", "tbill redeem-for", "clock advance"]);
    node = await startNode("hardhat");
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    const stateDir = await tempDir();
    const outputs: string[] = [];
    for (const command of commands) {
      expect(command.slice(0, 4), command.join(" ")).to.deep.equal(["npx", "hardhat", "--network", "localhost"]);
      const args = command.slice(2);
      if (args.includes("--manifest")) args.push("--state-dir", stateDir);
      const { code, stdout, stderr } = await startHardhat(args, { LOCALHOST_URL: node.url }).done;
      expect(code, `${command.join(" ")}\n${stdout}\n${stderr}`).to.equal(0);
      outputs.push(stdout);
    }
    const output = outputs.join("\n");
    expect(output).to.include("tbill-2027-06: 5 allotment(s) settled, 1 failed");
    expect(output).to.include("tbill-2027-06: the token is paused already: nothing to send");
    expect(output).to.include("tbill-2027-06: 5 holder(s) paid, 0 skipped");

    const bills = (await readRecord(stateDir, "localhost", "tbill-2027-06"))!;
    const bill = TreasuryBill__factory.connect(bills.instruments["tbill-2027-06"].address, provider);
    expect(await bill.totalSupply()).to.equal(0n);
    expect(await bill.redemptionPaid()).to.equal(85_000_000_000_000n); // 850,000 bills at 100.000000
    expect(await bill.paused()).to.equal(false);
    const bonds = (await readRecord(stateDir, "localhost", "bonds-2026-12"))!;
    for (const id of ["bond-3y-2029", "frn-10y-2036"]) {
      const coupon = await SovereignBond__factory.connect(bonds.instruments[id].address, provider).coupon(0);
      expect(coupon.funded, id).to.be.greaterThan(0n);
      expect(coupon.paid, id).to.equal(coupon.funded);
    }
  });
});
