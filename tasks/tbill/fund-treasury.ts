import { fundTreasuryAction } from "../debt/fund-treasury.js";

export default fundTreasuryAction("tbill fund-treasury", "treasuryBill");
