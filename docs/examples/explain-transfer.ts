// Ask the token whether a transfer would pass, and if not, why — before sending anything.
import { JsonRpcProvider } from "ethers";
import { SovereignClient, type IssuanceAddresses } from "@sovereign-toolkit/sdk";

const provider = new JsonRpcProvider(process.env.RPC_URL);
const issuance = JSON.parse(process.env.ISSUANCE!) as IssuanceAddresses;
const client = new SovereignClient(provider, issuance);

const [from, to] = [process.env.FROM!, process.env.TO!];
const answer = await client.explainTransfer("SSN", from, to, 1_000_000n);
console.log(JSON.stringify(answer));
// e.g. {"allowed":false,"code":3,"reason":"RECEIVER_NOT_VERIFIED","message":"Receiver is not verified ..."}
