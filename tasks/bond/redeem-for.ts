import { redeemForAction } from "../debt/redemption.js";

export default redeemForAction("bond redeem-for", "sovereignBond");
