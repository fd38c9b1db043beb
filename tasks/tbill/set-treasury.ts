import { setTreasuryAction } from "../debt/admin.js";

export default setTreasuryAction("tbill set-treasury", "treasuryBill");
