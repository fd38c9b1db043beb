import { setTreasuryAction } from "../debt/admin.js";

export default setTreasuryAction("bond set-treasury", "sovereignBond");
