import { fundTreasuryAction } from "../debt/fund-treasury.js";

export default fundTreasuryAction("bond fund-treasury", "sovereignBond");
