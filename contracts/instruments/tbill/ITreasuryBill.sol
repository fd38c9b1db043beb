// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDebtSecurity} from "../debt/IDebtSecurity.sol";

/**
 * @dev A treasury bill: a short zero-coupon government security sold at a discount in auctions
 * and repaid at face value on maturity (see {IDebtSecurity} for the terms, the settlement and the
 * redemption).
 *
 * Yields are money-market yields in 18-decimal fixed point (`1e18` is 100 %, `0.05e18` is 5 %):
 * `price = faceValue / (1 + yield * days / basis)`, with `days` the whole calendar days (UTC) from
 * the valuation date to the maturity date and `basis` 365 (ACT/365 Fixed) or 360 (ACT/360).
 * Prices are settlement-token base units per whole bill, at most the face value.
 *
 * Rollover: a holder of a matured bill rolls it into this bill in one transaction ({rollover}):
 * the matured bill pays its face value to this bill ({redeemTo}, under `ROLLOVER_ROLE`, granted to
 * this bill by the matured bill's admin), this bill mints the same face value of new bills at the
 * rollover price of the day, sends the cost to the treasury and the difference to the holder.
 * The price of the day follows this bill's money-market price: the issuer sets a price, the bill
 * keeps the yield that price implies for the days then remaining, and each day's price is that
 * yield's price for the days remaining that day ({setRolloverPrice}). A holder who waits gains
 * only the money-market accrual of those days, never a price set for a longer term.
 */
interface ITreasuryBill is IDebtSecurity {
    /**
     * @dev Day-count basis of the money-market yield. Numbered apart from the bond's
     * {DayCount-Convention} (ACT/365F is 0 here and 2 there, ACT/360 1 here and 4 there): deployed
     * bills, manifests and tests read these values, which one shared enum would change. The
     * operations tooling's manifest schema holds the mapping from convention names to both.
     */
    enum DayCount {
        Actual365Fixed,
        Actual360
    }

    /**
     * @dev Emitted when the rollover price for holders of `maturedBill` is set (0: rollover closed),
     * with the money-market yield it implies for the days remaining, kept to price later days.
     */
    event RolloverPriceSet(address indexed maturedBill, uint256 price, uint256 yieldRate);
    /**
     * @dev Emitted when `holder` rolls `maturedAmount` of `maturedBill` into `amount` of this bill,
     * paying `cost` to the treasury and receiving `change`.
     */
    event RolledOver(
        address indexed holder,
        address indexed maturedBill,
        uint256 maturedAmount,
        uint256 amount,
        uint256 cost,
        uint256 change
    );

    /// @dev `asOf` is after the maturity date, or (for a yield) on the maturity day.
    error TreasuryBillInvalidDate(uint256 asOf);
    /// @dev `bill` cannot be rolled into this bill: it is this bill or is paid in another settlement token.
    error TreasuryBillInvalidRolloverSource(address bill);
    /// @dev No rollover price is set for `maturedBill`.
    error TreasuryBillRolloverClosed(address maturedBill);

    /**
     * @dev Opens (`price` not zero) or closes (`price` zero) the rollover of `maturedBill` into this
     * bill at `price` per whole bill today (for example the cut-off price of this bill's last
     * auction). The bill keeps the money-market yield that `price` implies for the days remaining
     * today ({yieldForPrice}, rounded down); on a later day the rollover price is that yield's
     * price for the days remaining then ({priceForYield}, rounded down; see {rolloverPrice}), so it
     * rises towards the face value as this bill's maturity nears. The price of the day it is set
     * is `price`, or a unit or so above (the yield is rounded down).
     *
     * Requirements: caller has `ISSUER_ROLE`; `maturedBill` is another bill paid in the same
     * settlement token; `price` zero, or a valid price (not zero, at most the face value) set
     * before this bill's maturity day ({TreasuryBillInvalidDate}: no day remains to price).
     *
     * Emits a {RolloverPriceSet} event.
     */
    function setRolloverPrice(ITreasuryBill maturedBill, uint256 price) external;

    /**
     * @dev Rolls `amount` of the caller's `maturedBill` into this bill: `maturedBill` burns them
     * and pays their face value `proceeds` to this bill; this bill mints
     * `newAmount = proceeds * 10 ** decimals() / faceValue()` (rounded down: the same face value),
     * sends `cost = newAmount * price / 10 ** decimals()` (rounded up) to the treasury and
     * `change = proceeds - cost` to the caller, `price` being the rollover price of the day
     * ({rolloverPrice}). All in one transaction, or nothing.
     *
     * Requirements: this bill has not matured ({DebtSecurityMatured}); the rollover of
     * `maturedBill` is open; this bill has `ROLLOVER_ROLE` on `maturedBill`, which has matured, is
     * funded and lets the caller redeem `amount`; the caller may receive this bill; `newAmount` is
     * not zero.
     *
     * Emits {RolledOver} (and the matured bill's {Redeemed}).
     */
    function rollover(ITreasuryBill maturedBill, uint256 amount) external returns (uint256 newAmount, uint256 change);

    /**
     * @dev Redeems `amount` of `holder` as {redeem} does, paying `recipient`: the step of a rollover
     * run by the newer bill on the holder's request.
     *
     * Requirements: caller has `ROLLOVER_ROLE`; as {redeem} for `holder`.
     *
     * Emits {IERC20-Transfer} and {Redeemed} events. Returns the amount paid.
     */
    function redeemTo(address holder, uint256 amount, address recipient) external returns (uint256 paid);

    /// @dev The day-count basis of the yield.
    function dayCount() external view returns (DayCount);

    /// @dev Whole calendar days (UTC) from `asOf` to the maturity date; reverts after the maturity date.
    function daysToMaturity(uint256 asOf) external view returns (uint256);

    /**
     * @dev The price per whole bill, valued at `asOf`, that gives money-market yield `yieldRate`
     * (18 decimals): `faceValue * basis * 1e18 / (basis * 1e18 + yieldRate * days)`, rounded down.
     */
    function priceForYield(uint256 yieldRate, uint256 asOf) external view returns (uint256 price);

    /**
     * @dev The money-market yield (18 decimals) of buying at `price` per whole bill at `asOf`:
     * `(faceValue - price) * basis * 1e18 / (price * days)`, rounded down.
     *
     * Requirements: `price` not zero and at most the face value; `asOf` before the maturity day.
     */
    function yieldForPrice(uint256 price, uint256 asOf) external view returns (uint256 yieldRate);

    /**
     * @dev The rollover price for holders of `maturedBill` today: `priceForYield(rolloverYield,
     * now)`; zero when the rollover is closed or this bill has matured.
     */
    function rolloverPrice(ITreasuryBill maturedBill) external view returns (uint256);

    /// @dev The money-market yield (18 decimals) that prices the rollover of `maturedBill` (zero when closed).
    function rolloverYield(ITreasuryBill maturedBill) external view returns (uint256);
}
