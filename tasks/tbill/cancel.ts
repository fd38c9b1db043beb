import { cancelAction } from "../debt/admin.js";

export default cancelAction("tbill cancel", "treasuryBill");
