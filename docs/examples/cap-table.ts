// List the holders of a token and their balances, and look up how the registry knows them.
import { JsonRpcProvider } from "ethers";
import { SovereignClient, type IssuanceAddresses } from "@sovereign-toolkit/sdk";

const provider = new JsonRpcProvider(process.env.RPC_URL);
const client = new SovereignClient(provider, JSON.parse(process.env.ISSUANCE!) as IssuanceAddresses);

for (const { wallet, balance } of await client.holders("SSN")) {
  const investor = await client.investor(wallet);
  console.log(`${wallet} ${balance} verified=${investor.verified} country=${investor.country}`);
}
