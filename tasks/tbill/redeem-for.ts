import { redeemForAction } from "../debt/redemption.js";

export default redeemForAction("tbill redeem-for", "treasuryBill");
