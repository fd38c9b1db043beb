// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DayCount} from "../../utils/DayCount.sol";

/**
 * @dev A sovereign bond (or an Ijara sukuk) on top of {IDebtSecurity}: periodic coupons (rentals
 * for a sukuk) on a schedule computed from the terms ({CouponSchedule}), paid to the holders of
 * record, and the principal with the final coupon at maturity.
 *
 * Coupons are numbered from 0 in date order (a "period"). For every coupon but the last:
 *
 * - Entitlement: the holder's balance at the coupon's record date, `recordDate(i)` =
 *   `couponDate(i) - recordDateOffset`, exactly: balance changes in blocks with a timestamp at or
 *   before the record date count, later ones do not, however late anyone acts.
 * - Amount: `couponPerToken(i)` = `faceValue * rateBps * fraction / 10,000`, rounded down once, per
 *   whole token (`10 ** decimals()` base units), in settlement-token base units, `fraction` being
 *   the period's day count fraction (see {DayCount}). A holder receives
 *   `balanceAtRecord * couponPerToken / 10 ** decimals()`, rounded down.
 * - Funding: after the record date, the treasury pays in exactly
 *   `supplyAtRecord(i) * couponPerToken(i) / 10 ** decimals()` ({fundCoupon}); the sum of the
 *   holders' rounded-down amounts never exceeds it. The difference (dust) and what is not claimed
 *   go back to the treasury with {sweepUnclaimed} once the claim window is over.
 * - Payment: from the coupon date until `couponDate(i) + claimWindow`, holders claim
 *   ({claimCoupon}, {claimCoupons}) or the treasury pushes ({payCoupon}); each holder is paid once
 *   per period. A holder must be able to send under the token's rules (not paused, verified, wallet
 *   not frozen, eligible): a frozen or unverified holder keeps its entitlement and claims once
 *   unfrozen or verified again (within the claim window).
 * - Frozen tokens: the coupon on as many tokens as the holder has frozen now
 *   ({IERC7943Fungible-getFrozenTokens}) is withheld: a holder is paid on
 *   `balanceAtRecord - min(balanceAtRecord, frozen)` and the withheld rest stays owed to it, paid
 *   (each part rounded down) once the tokens are unfrozen, within the claim window; what is still
 *   withheld when the window closes is swept to the treasury with the unclaimed coupons
 *   ({sweepUnclaimed}) and owed off-chain. Claims and {payCoupon} follow the same rule; a holder
 *   whose whole entitlement is withheld is refused ({SovereignBondCouponWithheld}).
 * - Wallet recovery ({IRegulatedToken-recoverWallet}): the entitlements of the lost wallet to the
 *   coupons whose record date has passed are paid to the replacement from then on
 *   ({EntitlementsMoved}, one record, bounded gas), by {payCoupon} on the lost wallet or by the
 *   replacement's {claimCouponsOf}; later coupons follow the bonds. See {couponPayee}.
 *
 * The final coupon is paid with the principal, per token redeemed: redeeming `amount` pays its face
 * value plus `amount * couponPerToken(last) / 10 ** decimals()`, and {IDebtSecurity-fundRedemption}
 * pulls both for the whole supply. Its record date decides nothing: a floating final rate may be
 * fixed until the redemption is first funded.
 *
 * A floating-rate bond has no rate in its terms: the rate of each period is fixed by
 * `RATE_SETTER_ROLE` ({setCouponRate}), and may be fixed late or corrected until the coupon is
 * funded (the final coupon: until the redemption is first funded). A coupon funded without a fixed
 * rate pays the fallback rate of the terms: the last rate fixed for an earlier period (for the
 * final coupon: fixed before the redemption was first funded), or 0 bps if none. No funding, and no
 * redemption, ever waits for a rate.
 *
 * An Ijara sukuk is the same contract with `isSukuk` set and the hash of its asset documents in its
 * terms: its periodic payments are rentals, and its events say so ({RentalFunded} and so on).
 */
interface ISovereignBond {
    /**
     * @dev The coupon terms fixed at deployment, beside {IDebtSecurity-DebtTerms}.
     * @param assetDocumentsHash For a sukuk, the hash of its asset documents (not zero); zero otherwise.
     * @param dayCount The day count convention of the accrual fractions.
     * @param recordDateOffset Seconds from each record date to its coupon date.
     * @param claimWindow Seconds after each coupon date during which holders may be paid (not zero).
     * @param couponRateBps The fixed annual rate in basis points; 0 for a floating-rate or zero-coupon bond.
     * @param couponFrequency Coupons per year: 0 (zero-coupon) or a divisor of 12 (1, 2, 3, 4, 6, 12).
     * @param floatingRate Whether each period's rate is fixed by `RATE_SETTER_ROLE` ({setCouponRate}).
     * @param isSukuk Whether the security is an Ijara sukuk, whose payments are rentals.
     */
    struct BondTerms {
        bytes32 assetDocumentsHash;
        DayCount.Convention dayCount;
        uint32 recordDateOffset;
        uint32 claimWindow;
        uint16 couponRateBps;
        uint8 couponFrequency;
        bool floatingRate;
        bool isSukuk;
    }

    /// @dev Where a coupon's funds are: not funded yet, funded (being paid), or the rest swept to the treasury.
    enum CouponStatus {
        Unfunded,
        Funded,
        Swept
    }

    /**
     * @dev The state of one coupon. `rateBps` and `rateFixed` concern floating-rate bonds only;
     * `perToken` is set when the coupon is funded.
     */
    struct Coupon {
        uint128 funded;
        uint128 paid;
        uint128 perToken;
        uint16 rateBps;
        bool rateFixed;
        CouponStatus status;
    }

    /// @dev Emitted when the rate of coupon `period` of a floating-rate bond is fixed at `rateBps`.
    event CouponRateFixed(uint256 indexed period, uint256 rateBps);
    /// @dev {CouponRateFixed} of a sukuk.
    event RentalRateFixed(uint256 indexed period, uint256 rateBps);
    /// @dev Emitted when the treasury pays in `amount` for coupon `period`: `perToken` times `supplyAtRecord`.
    event CouponFunded(uint256 indexed period, uint256 amount, uint256 supplyAtRecord, uint256 perToken);
    /// @dev {CouponFunded} of a sukuk.
    event RentalFunded(uint256 indexed period, uint256 amount, uint256 supplyAtRecord, uint256 perToken);
    /// @dev Emitted when `holder` is paid `amount` of coupon `period`.
    event CouponPaid(uint256 indexed period, address indexed holder, uint256 amount);
    /// @dev {CouponPaid} of a sukuk.
    event RentalPaid(uint256 indexed period, address indexed holder, uint256 amount);
    /// @dev Emitted when {payCoupon} cannot pay `holder` for `period` (`reason`: the revert data); nothing changes for it.
    event CouponPaymentSkipped(uint256 indexed period, address indexed holder, bytes reason);
    /// @dev {CouponPaymentSkipped} of a sukuk.
    event RentalPaymentSkipped(uint256 indexed period, address indexed holder, bytes reason);
    /// @dev Emitted when `amount`, the unpaid rest of coupon `period`, goes back to the treasury.
    event CouponUnclaimedSwept(uint256 indexed period, uint256 amount);
    /// @dev {CouponUnclaimedSwept} of a sukuk.
    event RentalUnclaimedSwept(uint256 indexed period, uint256 amount);
    /**
     * @dev Emitted when a wallet recovery moves the entitlements of `lost` to coupons `0` to
     * `periods - 1` (the record dates passed) to `replacement`: what `lost` is owed for them is paid
     * to `replacement` from then on.
     */
    event EntitlementsMoved(address indexed lost, address indexed replacement, uint256 periods);
    /**
     * @dev Emitted when `holder` is paid coupon `period` without the coupon on `balance` of its
     * balance at the record date, withheld while its tokens are frozen.
     */
    event CouponWithheld(uint256 indexed period, address indexed holder, uint256 balance);
    /// @dev {CouponWithheld} of a sukuk.
    event RentalWithheld(uint256 indexed period, address indexed holder, uint256 balance);

    /// @dev The coupon terms are inconsistent: a floating-rate or zero-coupon bond with a fixed rate.
    error SovereignBondInvalidRate(uint256 couponFrequency, bool floatingRate, uint256 couponRateBps);
    /// @dev The first record date, `recordDateOffset` before the first coupon, is not after the issue date.
    error SovereignBondInvalidRecordDateOffset(uint256 recordDateOffset);
    /// @dev The claim window is zero.
    error SovereignBondInvalidClaimWindow(uint256 claimWindow);
    /// @dev A sukuk without an asset documents hash, or a bond with one.
    error SovereignBondInvalidAssetDocuments(bool isSukuk, bytes32 assetDocumentsHash);
    /// @dev The bond has a fixed rate: no period's rate can be set.
    error SovereignBondNotFloating();
    /// @dev The record date of coupon `period` (`recordDate`) has not passed yet.
    error SovereignBondRecordDateNotPassed(uint256 period, uint256 recordDate);
    /// @dev Coupon `period` is the final one, paid with the principal at redemption.
    error SovereignBondPaidAtRedemption(uint256 period);
    /// @dev Coupon `period` is funded already (the final coupon: the redemption is).
    error SovereignBondCouponAlreadyFunded(uint256 period);
    /// @dev Coupon `period` is not funded.
    error SovereignBondCouponNotFunded(uint256 period);
    /// @dev The unpaid rest of coupon `period` was swept already.
    error SovereignBondCouponSwept(uint256 period);
    /// @dev Coupon `period` is paid from its coupon date `couponDate`.
    error SovereignBondCouponNotDue(uint256 period, uint256 couponDate);
    /// @dev The claim window of coupon `period` closed at `closedAt`.
    error SovereignBondClaimWindowClosed(uint256 period, uint256 closedAt);
    /// @dev The claim window of coupon `period` is open until `closesAt`.
    error SovereignBondClaimWindowOpen(uint256 period, uint256 closesAt);
    /// @dev Paying coupon `period` would bring its payments to `paid`, above the `funded` amount (never expected).
    error SovereignBondCouponOverpaid(uint256 period, uint256 paid, uint256 funded);
    /// @dev `holder` has nothing to be paid for coupon `period` (paid already, or nothing held at the record date).
    error SovereignBondNothingToPay(uint256 period, address holder);
    /// @dev All that `holder` is owed for coupon `period` (on `balance`) is withheld while its tokens are frozen.
    error SovereignBondCouponWithheld(uint256 period, address holder, uint256 balance);
    /// @dev What `holder` is owed for coupon `period` is paid to `payee`, its replacement wallet.
    error SovereignBondEntitlementMoved(uint256 period, address holder, address payee);

    /**
     * @dev Fixes the rate of coupon `period` of a floating-rate bond at `rateBps`, before or after
     * its record date; it may be fixed again until the coupon is funded.
     *
     * Requirements: caller has `RATE_SETTER_ROLE`; a floating-rate bond ({SovereignBondNotFloating});
     * `period` exists; the coupon not funded, for the final coupon the redemption never funded
     * ({SovereignBondCouponAlreadyFunded}); `rateBps` at most 65,535 (655.35%, kept in 16 bits:
     * {SafeCast-SafeCastOverflowedUintDowncast}).
     *
     * Emits {CouponRateFixed} (a sukuk: {RentalRateFixed}).
     */
    function setCouponRate(uint256 period, uint256 rateBps) external;

    /**
     * @dev Pulls from the treasury wallet exactly `supplyAtRecord(period) * couponPerToken(period) /
     * 10 ** decimals()`, the most that the holders of record can be paid. The amount does not depend
     * on the number of holders, nor does the gas.
     *
     * Requirements: caller has `TREASURY_ROLE`; `period` exists and is not the final coupon
     * ({SovereignBondPaidAtRedemption}); its record date has passed; not funded yet; the treasury
     * approved this contract; the settlement token delivers the exact amount. A floating coupon
     * without a fixed rate is funded at the fallback rate (see the contract's documentation), which
     * `rateBps` of {coupon} then shows with `rateFixed` false.
     *
     * Emits {CouponFunded} (a sukuk: {RentalFunded}). Returns the amount pulled.
     */
    function fundCoupon(uint256 period) external returns (uint256 amount);

    /**
     * @dev Pays the caller its coupon `period`.
     *
     * Requirements: the coupon is funded; from its coupon date until the end of its claim window;
     * the caller may send under the token's rules; something is due ({SovereignBondNothingToPay}).
     *
     * Emits {CouponPaid} (a sukuk: {RentalPaid}). Returns the amount paid.
     */
    function claimCoupon(uint256 period) external returns (uint256 amount);

    /// @dev {claimCoupon} for each of `periods`, paid in one transfer; reverts as a whole if one fails.
    function claimCoupons(uint256[] calldata periods) external returns (uint256 amount);

    /**
     * @dev Pays the caller, in one transfer, what `holder` is owed for each of `periods` and is paid
     * to the caller ({couponPayee}): the entitlements of a lost wallet moved to the caller by a
     * wallet recovery (`holder` the caller: {claimCoupons}). As {claimCoupon} otherwise
     * ({SovereignBondEntitlementMoved} for a period whose payee is another wallet).
     */
    function claimCouponsOf(address holder, uint256[] calldata periods) external returns (uint256 amount);

    /**
     * @dev Pays coupon `period` to each of `holders`, as {claimCoupon} would. A holder that cannot
     * be paid (nothing due, may not send, failing payment, or code the token calls that uses more
     * than the step's gas bound) is skipped with a {CouponPaymentSkipped} event (at most the first
     * 260 bytes of the revert data) and keeps its entitlement. Each step runs with a fixed gas
     * bound (see {BatchStep}).
     *
     * Requirements: caller has `TREASURY_ROLE`; enough gas left before each step for its bound
     * ({IDebtSecurity-DebtSecurityBatchGasShort}).
     */
    function payCoupon(uint256 period, address[] calldata holders) external;

    /**
     * @dev Pays coupon `period` to `holder`; the step of {payCoupon} that may fail on its own.
     *
     * Requirements: the caller is this contract ({IDebtSecurity-DebtSecurityOnlySelf}).
     */
    function payCouponTo(uint256 period, address holder) external;

    /**
     * @dev Sends the unpaid rest of coupon `period` (rounding dust and unclaimed amounts) to the
     * treasury wallet; the coupon cannot be claimed any more.
     *
     * Requirements: caller has `TREASURY_ROLE`; funded and not swept; the claim window is over
     * ({SovereignBondClaimWindowOpen}).
     *
     * Emits {CouponUnclaimedSwept} (a sukuk: {RentalUnclaimedSwept}). Returns the amount swept.
     */
    function sweepUnclaimed(uint256 period) external returns (uint256 amount);

    /// @dev The coupon terms.
    function bondTerms() external view returns (BondTerms memory);

    /// @dev The number of coupons, the final one included (0 for a zero-coupon bond).
    function couponCount() external view returns (uint256);

    /// @dev Unix time of coupon `period` (the last one is the maturity date).
    function couponDate(uint256 period) external view returns (uint256);

    /// @dev Unix time of the record date of coupon `period`: `couponDate(period) - recordDateOffset`.
    function recordDate(uint256 period) external view returns (uint256);

    /**
     * @dev The coupon of one whole token for `period`, in settlement-token base units, rounded down:
     * as funded once funded; for a floating period without a fixed rate, at the fallback rate.
     */
    function couponPerToken(uint256 period) external view returns (uint256);

    /// @dev The state of coupon `period`.
    function coupon(uint256 period) external view returns (Coupon memory);

    /// @dev The balance of `holder` at the record date of coupon `period`, which must have passed.
    function balanceAtRecord(address holder, uint256 period) external view returns (uint256);

    /// @dev The total supply at the record date of coupon `period`, which must have passed.
    function supplyAtRecord(uint256 period) external view returns (uint256);

    /**
     * @dev What `holder` is owed for coupon `period` on its balance at the record date and not yet
     * paid (the withheld part included), paid to {couponPayee}; the coupon must be funded.
     */
    function couponDue(address holder, uint256 period) external view returns (uint256);

    /// @dev The wallet paid what `holder` is owed for coupon `period`: `holder`, or its replacement after a recovery.
    function couponPayee(address holder, uint256 period) external view returns (address);
}
