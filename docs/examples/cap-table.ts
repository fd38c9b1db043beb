// List the holders of a token and their balances, and look up how the registry knows them.
import { readFileSync } from "node:fs";
import { JsonRpcProvider } from "ethers";
import { SovereignClient, addressesFromDeploymentRecord } from "@sovereign-toolkit/sdk";

// The instruments of the deployment record (deployments/<network>/<issuance>.json) by manifest id.
const record = JSON.parse(readFileSync(process.env.DEPLOYMENT!, "utf8"));
const client = new SovereignClient(new JsonRpcProvider(process.env.RPC_URL), addressesFromDeploymentRecord(record));

for (const { wallet, balance } of await client.holders("sample-note")) {
  const investor = await client.investor(wallet);
  console.log(`${wallet} ${balance} verified=${investor.verified} country=${investor.country}`);
}
