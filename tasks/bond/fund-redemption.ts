import { fundRedemptionAction } from "../debt/redemption.js";

export default fundRedemptionAction("bond fund-redemption", "sovereignBond");
