// Ask the token whether a transfer would pass, and if not, why — before sending anything.
import { readFileSync } from "node:fs";
import { JsonRpcProvider } from "ethers";
import { SovereignClient, addressesFromDeploymentRecord } from "@sovereign-toolkit/sdk";

// The deployment record the ministry's `deploy` task wrote (deployments/<network>/<issuance>.json):
// the registry and the instruments by their manifest ids, as "sample-note" of issuances/sample-note.json.
const record = JSON.parse(readFileSync(process.env.DEPLOYMENT!, "utf8"));
const client = new SovereignClient(new JsonRpcProvider(process.env.RPC_URL), addressesFromDeploymentRecord(record));

const [from, to] = [process.env.FROM!, process.env.TO!];
const answer = await client.explainTransfer("sample-note", from, to, 1_000_000n);
console.log(JSON.stringify(answer));
// e.g. {"allowed":false,"code":3,"reason":"RECEIVER_NOT_VERIFIED","message":"Receiver is not verified ..."}
