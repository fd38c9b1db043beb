import { sweepRedemptionAction } from "../debt/redemption.js";

export default sweepRedemptionAction("tbill sweep-redemption", "treasuryBill");
