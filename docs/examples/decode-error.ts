// Send a transfer the token refuses and turn the revert into a readable sentence.
import { JsonRpcProvider } from "ethers";
import { decodeError, SovereignClient, type IssuanceAddresses } from "@sovereign-toolkit/sdk";

const provider = new JsonRpcProvider(process.env.RPC_URL);
const issuance = JSON.parse(process.env.ISSUANCE!) as IssuanceAddresses;
const sender = await provider.getSigner(process.env.FROM!);
const token = new SovereignClient(sender, issuance).token("SSN");

try {
  await token.transfer(process.env.TO!, 1_000_000n);
  console.log("sent");
} catch (error) {
  const decoded = decodeError(error);
  console.log(JSON.stringify({ name: decoded?.name, message: decoded?.message }));
  // e.g. {"name":"ERC7943CannotReceive","message":"0x... may not receive: not verified, frozen, ..."}
}
