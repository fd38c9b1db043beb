import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { OpsError } from "../../src/ops/errors.js";
import { parseCountry } from "../../src/ops/countries.js";
import { parseCategory } from "../../src/ops/investors-csv.js";
import { updateInvestor } from "../../src/ops/investors.js";
import { isInvestorId, parseIsoDate } from "../../src/ops/units.js";
import { required, withContext, type SendingArgs } from "../common.js";

interface Args extends SendingArgs {
  wallet: string | undefined;
  investorId: string | undefined;
  country: string | undefined;
  category: string | undefined;
  expiresAt: string | undefined;
}

/** `value` parsed by `parse`, or an error naming the option and what it expects. */
function option<T>(name: string, value: string | undefined, parse: (text: string) => T | undefined, expected: string) {
  if (value === undefined || value === "") return undefined;
  const parsed = parse(value);
  if (parsed === undefined) throw new OpsError(`--${name}: got "${value}", expected ${expected}`);
  return parsed;
}

export default function investorsUpdate(args: Args, hre: HardhatRuntimeEnvironment) {
  return withContext(hre, args, "investors update", async (ctx) => {
    const change = {
      wallet: required("wallet", args.wallet),
      investorId: option(
        "investor-id",
        args.investorId,
        (t) => (isInvestorId(t) ? t : undefined),
        "a 32-byte hex value",
      ),
      country: option("country", args.country, parseCountry, "an ISO 3166-1 country (586 or PK)"),
      category: option("category", args.category, parseCategory, "a category name or number 1 to 15"),
      expiresAt: option("expires-at", args.expiresAt, parseIsoDate, "an ISO 8601 date"),
    };
    await updateInvestor(ctx, change, { from: args.from, reason: args.reason });
  });
}
