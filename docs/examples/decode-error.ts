// Send a transfer the token refuses and turn the revert into a readable sentence.
import { readFileSync } from "node:fs";
import { JsonRpcProvider } from "ethers";
import { decodeError, SovereignClient, addressesFromDeploymentRecord } from "@sovereign-toolkit/sdk";

// The instruments of the deployment record (deployments/<network>/<issuance>.json) by manifest id.
const record = JSON.parse(readFileSync(process.env.DEPLOYMENT!, "utf8"));
const provider = new JsonRpcProvider(process.env.RPC_URL);
const sender = await provider.getSigner(process.env.FROM!);
const token = new SovereignClient(sender, addressesFromDeploymentRecord(record)).token("sample-note");

try {
  await token.transfer(process.env.TO!, 1_000_000n);
  console.log("sent");
} catch (error) {
  const decoded = decodeError(error);
  console.log(JSON.stringify({ name: decoded?.name, message: decoded?.message }));
  // e.g. {"name":"ERC7943CannotReceive","message":"0x... may not receive: not verified, frozen, ..."}
}
