import { fundRedemptionAction } from "../debt/redemption.js";

export default fundRedemptionAction("tbill fund-redemption", "treasuryBill");
