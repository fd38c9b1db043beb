import { sweepRedemptionAction } from "../debt/redemption.js";

export default sweepRedemptionAction("bond sweep-redemption", "sovereignBond");
