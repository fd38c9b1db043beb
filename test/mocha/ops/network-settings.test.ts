/**
 * A network's settings are checked before anything connects or signs: an empty or malformed key,
 * a missing URL or a node that does not answer is one line naming the setting, with exit status 1,
 * never a stack trace, and never a key's value.
 */
import { expect } from "chai";
import { checkNetworkSettings } from "../../../src/ops/network.js";
import { expectOpsError, startHardhat } from "./helpers.js";

const KEY = `0x${"0123456789abcdef".repeat(4)}`;

function http(url: string | Error, keys: (string | Error)[]) {
  const lazy = (value: string | Error) => async () => {
    if (value instanceof Error) throw value;
    return value;
  };
  return {
    type: "http",
    url: { getUrl: lazy(url) },
    accounts: keys.map((key) => ({ name: "DEPLOYER_PRIVATE_KEY", get: lazy(key) })),
  };
}

describe("ops: network settings are checked before connecting", function () {
  it("accepts a URL and 32-byte keys, with or without 0x; the embedded chain has nothing to check", async function () {
    await checkNetworkSettings("remote", http("https://rpc.example.org", [KEY, KEY.slice(2)]));
    await checkNetworkSettings("default", { type: "edr-simulated" });
  });

  it("names an empty or malformed key by its setting, and prints its length, never its value", async function () {
    const hint =
      "expected a private key of 32 bytes (64 hex digits); set it with `npx hardhat keystore set DEPLOYER_PRIVATE_KEY` or in .env";
    await expectOpsError(
      checkNetworkSettings("remote", http("https://rpc.example.org", [""])),
      `network remote: DEPLOYER_PRIVATE_KEY: got an empty value, ${hint}`,
    );
    const short = KEY.slice(0, 20);
    const error = await expectOpsError(
      checkNetworkSettings("remote", http("https://rpc.example.org", [short])),
      `network remote: DEPLOYER_PRIVATE_KEY: got a value of 20 characters, ${hint}`,
    );
    expect(error.message).not.to.include(short);
  });

  it("names a URL or key that cannot be read", async function () {
    await expectOpsError(
      checkNetworkSettings("remote", http(new Error('Configuration Variable "RPC_URL" not found.\nmore'), [KEY])),
      'network remote: url: Configuration Variable "RPC_URL" not found.',
    );
    await expectOpsError(
      checkNetworkSettings("remote", http("https://rpc.example.org", [new Error("keystore locked")])),
      "network remote: DEPLOYER_PRIVATE_KEY: keystore locked",
    );
  });

  it("a task on --network remote with the empty key of .env.example, or an unreachable node, prints one line and exits 1", async function () {
    this.timeout(120_000);
    const run = (env: Record<string, string>) =>
      startHardhat(["--network", "remote", "token", "pause", "--manifest", "issuances/sample-note.json"], env).done;
    const emptyKey = await run({ RPC_URL: "http://127.0.0.1:9/path-with-api-key", DEPLOYER_PRIVATE_KEY: "" });
    expect(emptyKey.code).to.equal(1);
    expect((emptyKey.stdout + emptyKey.stderr).trim()).to.match(
      /^Error: network remote: DEPLOYER_PRIVATE_KEY: got an empty value, expected a private key/,
    );
    const unreachable = await run({ RPC_URL: "http://127.0.0.1:9/path-with-api-key", DEPLOYER_PRIVATE_KEY: KEY });
    expect(unreachable.code).to.equal(1);
    const said = (unreachable.stdout + unreachable.stderr).trim();
    expect(said.split("\n")).to.have.length(1);
    expect(said).to.match(/^Error: network remote: the node at http:\/\/127\.0\.0\.1:9 does not answer/);
    expect(said).not.to.include("path-with-api-key");
  });

  it("a mistyped --network name prints one line listing the defined networks and exits 1", async function () {
    this.timeout(60_000);
    const run = await startHardhat(["--network", "remot", "token", "pause", "--manifest", "issuances/sample-note.json"])
      .done;
    expect(run.code).to.equal(1);
    expect((run.stdout + run.stderr).trim()).to.equal(
      "Error: --network remot: no such network; the networks defined in hardhat.config.ts are default, node, localhost, remote",
    );
  });
});
