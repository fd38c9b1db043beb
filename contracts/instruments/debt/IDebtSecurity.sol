// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/**
 * @dev What every debt instrument of the toolkit shares (treasury bills, sovereign bonds): terms
 * fixed at deployment, delivery-versus-payment settlement of auction results, and redemption at
 * maturity, paid in an external ERC-20 settlement token (a stablecoin or a tokenised currency).
 *
 * Money: `faceValue` and prices are settlement-token base units per whole instrument token
 * (`10 ** decimals()` base units). The face value of `amount` base units is
 * `amount * faceValue / 10 ** decimals()` rounded down (to the holder); the cost of an allotment
 * is `amount * price / 10 ** decimals()` rounded up (the treasury never receives less than the price).
 *
 * Life cycle: the issuer records the allotments of an auction ({recordAllotments}) and settles
 * them ({settleAllotments}) until the maturity date; from the maturity date on, transfers and
 * mints stop (restriction code 32, {DebtRestriction-MATURED}), the treasury funds the
 * redemption ({fundRedemption}) and holders are paid ({redeem}, {redeemFor}).
 *
 * Settlement tokens that deliver less than the amount sent (fee on transfer) are refused: every
 * incoming transfer reverts with {DebtSecurityTransferAmountMismatch} unless the receiver's
 * balance rose by exactly the amount.
 */
interface IDebtSecurity {
    /**
     * @dev The terms fixed at deployment.
     * @param isin ISO 6166 identifier: 12 characters, two letters, nine letters or digits and a check digit.
     * @param settlementToken The ERC-20 in which the security is bought and repaid.
     * @param treasury The wallet that receives auction proceeds and funds redemptions.
     * @param faceValue Settlement-token base units repaid per whole token at maturity.
     * @param issueDate Unix time (seconds) of issue.
     * @param maturityDate Unix time (seconds) of maturity, after `issueDate`.
     */
    struct DebtTerms {
        string isin;
        IERC20 settlementToken;
        address treasury;
        uint256 faceValue;
        uint64 issueDate;
        uint64 maturityDate;
    }

    /// @dev Life of an allotment: unknown id, recorded and awaiting settlement, settled, or cancelled.
    enum AllotmentStatus {
        None,
        Pending,
        Settled,
        Cancelled
    }

    /**
     * @dev One winning bid of an auction: `amount` base units of the security sold to `bidder` at
     * `price` settlement-token base units per whole token.
     */
    struct Allotment {
        address bidder;
        AllotmentStatus status;
        bytes32 auctionId;
        uint128 amount;
        uint128 price;
    }

    /// @dev Emitted when the treasury wallet changes from `previous` to `current`.
    event TreasuryChanged(address indexed previous, address indexed current);
    /// @dev Emitted for each allotment recorded by {recordAllotments}.
    event AllotmentRecorded(
        uint256 indexed id,
        bytes32 indexed auctionId,
        address indexed bidder,
        uint256 amount,
        uint256 price
    );
    /// @dev Emitted when allotment `id` settles: `bidder` paid `cost` to the treasury and received `amount`.
    event AllotmentSettled(uint256 indexed id, address indexed bidder, uint256 amount, uint256 cost);
    /// @dev Emitted when allotment `id` could not settle (`reason`: the revert data); it stays pending.
    event AllotmentFailed(uint256 indexed id, bytes reason);
    /// @dev Emitted when pending allotment `id` is cancelled.
    event AllotmentCancelled(uint256 indexed id);
    /// @dev Emitted when the treasury pays `amount` into the redemption funds.
    event RedemptionFunded(uint256 amount);
    /// @dev Emitted when `amount` of `holder` is burnt at maturity for `paid` settlement-token base units.
    event Redeemed(address indexed holder, uint256 amount, uint256 paid);
    /// @dev Emitted when {redeemFor} cannot pay `holder` (`reason`: the revert data); its claim is kept.
    event RedemptionSkipped(address indexed holder, bytes reason);
    /// @dev Emitted when {sweepRedemptionSurplus} returns `amount` of redemption funds no holder can claim to the treasury.
    event RedemptionSurplusSwept(uint256 amount);

    /// @dev `isin` is not a valid ISO 6166 identifier (format or check digit).
    error DebtSecurityInvalidIsin(string isin);
    /// @dev `token`, the settlement token, is not a contract.
    error DebtSecurityInvalidSettlementToken(address token);
    /// @dev `treasury` is the zero address.
    error DebtSecurityInvalidTreasury(address treasury);
    /// @dev The face value is zero.
    error DebtSecurityInvalidFaceValue(uint256 faceValue);
    /// @dev The maturity date is not after the issue date.
    error DebtSecurityInvalidDates(uint64 issueDate, uint64 maturityDate);
    /// @dev An allotment names the zero address as bidder.
    error DebtSecurityInvalidBidder(address bidder);
    /// @dev `amount` is not a valid amount of the security for this operation (zero).
    error DebtSecurityInvalidAmount(uint256 amount);
    /// @dev `price` is not a valid price of the security (zero, or above the limit of the instrument).
    error DebtSecurityInvalidPrice(uint256 price);
    /// @dev Allotment `id` is not pending (its status is `status`).
    error DebtSecurityAllotmentNotPending(uint256 id, AllotmentStatus status);
    /// @dev `caller` called a function that only the security itself may call.
    error DebtSecurityOnlySelf(address caller);
    /// @dev The operation is closed since the maturity date `maturityDate`.
    error DebtSecurityMatured(uint256 maturityDate);
    /// @dev The operation opens at the maturity date `maturityDate`.
    error DebtSecurityNotMatured(uint256 maturityDate);
    /// @dev An incoming settlement-token transfer of `expected` base units delivered `received`.
    error DebtSecurityTransferAmountMismatch(uint256 expected, uint256 received);
    /// @dev {fundRedemption} has nothing to pull: `available` already covers the `required` amount.
    error DebtSecurityNothingToFund(uint256 required, uint256 available);
    /// @dev {sweepRedemptionSurplus} has nothing to return: `available` does not exceed what holders can claim, `liability`.
    error DebtSecurityNothingToSweep(uint256 available, uint256 liability);
    /// @dev A redemption would pay `payout` but only `available` is funded.
    error DebtSecurityInsufficientFunding(uint256 payout, uint256 available);
    /**
     * @dev A batch ({settleAllotments}, {redeemFor}, a bond's `payCoupon`) has `left` gas before a
     * step that needs `needed` (its bound, see {BatchStep}): send the batch with more gas.
     */
    error DebtSecurityBatchGasShort(uint256 needed, uint256 left);

    /**
     * @dev Sets the wallet that receives auction proceeds and funds redemptions.
     *
     * Requirements: caller has `DEFAULT_ADMIN_ROLE`; `newTreasury` is not zero.
     *
     * Emits a {TreasuryChanged} event.
     */
    function setTreasury(address newTreasury) external;

    /**
     * @dev Records the result of auction `auctionId`: row `i` allots `amounts[i]` base units to
     * `bidders[i]` at `prices[i]` per whole token (one cut-off price: the same price in every row;
     * multiple-price: one price per bid). Nothing moves until {settleAllotments}.
     *
     * Requirements: caller has `ISSUER_ROLE`; before the maturity date; arrays of one length, else
     * {BatchLengthMismatch}; each bidder not zero, each amount not zero and below 2**128, each
     * price valid for the instrument ({DebtSecurityInvalidPrice}) and below 2**128.
     *
     * Emits an {AllotmentRecorded} event per row. Returns the id of the first row; the others follow.
     */
    function recordAllotments(
        bytes32 auctionId,
        address[] calldata bidders,
        uint256[] calldata amounts,
        uint256[] calldata prices
    ) external returns (uint256 firstId);

    /**
     * @dev Settles allotments `ids` delivery-versus-payment, each on its own and atomically: its
     * cost moves from the bidder to the treasury (the bidder must have approved this contract) and
     * its amount is minted to the bidder under the token's mint rules, both or neither. An
     * allotment that cannot settle (funds, allowance, eligibility, a failing settlement token, or
     * code the token calls that uses more than the step's gas bound) emits {AllotmentFailed} with
     * at most the first 260 bytes of its revert data and stays pending, to be retried or cancelled;
     * the others settle. Each step runs with a fixed gas bound (see {BatchStep}).
     *
     * Requirements: caller has `ISSUER_ROLE`; before the maturity date; every id pending when its
     * turn comes (a repeated id reverts the batch with {DebtSecurityAllotmentNotPending}); enough
     * gas left before each step for its bound ({DebtSecurityBatchGasShort}).
     *
     * Emits {AllotmentSettled} or {AllotmentFailed} per id.
     */
    function settleAllotments(uint256[] calldata ids) external;

    /**
     * @dev Settles one pending allotment; the step of {settleAllotments} that may fail on its own.
     *
     * Requirements: the caller is this contract ({DebtSecurityOnlySelf}).
     */
    function settleAllotment(uint256 id) external;

    /**
     * @dev Cancels a pending allotment (for example a bidder that never pays).
     *
     * Requirements: caller has `ISSUER_ROLE`; allotment `id` is pending.
     *
     * Emits an {AllotmentCancelled} event.
     */
    function cancelAllotment(uint256 id) external;

    /**
     * @dev Pulls from the treasury wallet what the redemption still needs: the face value of the
     * whole supply (plus what the instrument adds, see {redemptionDue}) minus what is funded and not
     * yet paid. May be called before the maturity date, and again after new issuance.
     *
     * Requirements: caller has `TREASURY_ROLE`; something is due ({DebtSecurityNothingToFund});
     * the treasury approved this contract; the settlement token delivers the exact amount.
     *
     * Emits a {RedemptionFunded} event. Returns the amount pulled.
     */
    function fundRedemption() external returns (uint256 amount);

    /**
     * @dev Sends back to the treasury wallet the redemption funds that no holder can claim:
     * funded and not yet paid, minus what the whole remaining supply can still claim
     * (`redemptionFunded - redemptionPaid - liability`, the liability being what {fundRedemption}
     * must hold: the face value of the supply, a bond's final coupon with it). Such a surplus comes
     * from an issuer burn after funding, or from rounding dust left once holders are paid. What the
     * holders can still claim is never touched, nor a bond's coupon funds (booked apart). May be
     * called at any time; {redemptionFunded} is reduced by the amount returned.
     *
     * Requirements: caller has `TREASURY_ROLE`; a surplus exists ({DebtSecurityNothingToSweep}:
     * the sweep reverts rather than send nothing).
     *
     * Emits a {RedemptionSurplusSwept} event. Returns the amount sent.
     */
    function sweepRedemptionSurplus() external returns (uint256 amount);

    /**
     * @dev Burns `amount` of the caller's tokens and pays their face value (rounded down), plus
     * what the instrument pays at maturity besides (for example a bond's final coupon).
     *
     * Requirements: at or after the maturity date; `amount` not zero; the caller may send under
     * the token's rules (a burn by the holder: not paused, verified, not frozen, eligible, within
     * its unfrozen balance). A frozen or unverified holder keeps its claim and redeems once
     * unfrozen or verified again, or after a wallet recovery. The payout is funded.
     *
     * Emits {IERC20-Transfer} and {Redeemed} events. Returns the amount paid.
     */
    function redeem(uint256 amount) external returns (uint256 paid);

    /**
     * @dev Redeems the whole balance of each of `holders`, paying each holder, as {redeem} would.
     * A holder who cannot be paid (no balance, may not send, failing payment, funds short, or code
     * the token calls that uses more than the step's gas bound) is skipped with a
     * {RedemptionSkipped} event (at most the first 260 bytes of the revert data) and keeps its
     * claim. Each step runs with a fixed gas bound (see {BatchStep}).
     *
     * Requirements: caller has `TREASURY_ROLE`; at or after the maturity date; enough gas left
     * before each step for its bound ({DebtSecurityBatchGasShort}).
     */
    function redeemFor(address[] calldata holders) external;

    /**
     * @dev Redeems the whole balance of `holder`; the step of {redeemFor} that may fail on its own.
     *
     * Requirements: the caller is this contract ({DebtSecurityOnlySelf}).
     */
    function redeemBalanceOf(address holder) external;

    /// @dev The ISIN.
    function isin() external view returns (string memory);

    /// @dev The ERC-20 in which the security is bought and repaid.
    function settlementToken() external view returns (IERC20);

    /// @dev The wallet that receives auction proceeds and funds redemptions.
    function treasury() external view returns (address);

    /// @dev Settlement-token base units repaid per whole token (`10 ** decimals()` base units).
    function faceValue() external view returns (uint256);

    /// @dev Unix time (seconds) of issue.
    function issueDate() external view returns (uint64);

    /// @dev Unix time (seconds) of maturity: transfers and mints stop, redemption opens.
    function maturityDate() external view returns (uint64);

    /// @dev Allotment `id` (all fields zero for an unknown id).
    function allotment(uint256 id) external view returns (Allotment memory);

    /// @dev The number of allotments ever recorded; ids run from 0 to this number minus one.
    function allotmentCount() external view returns (uint256);

    /// @dev Total settlement-token base units pulled by {fundRedemption}, less those returned by {sweepRedemptionSurplus}.
    function redemptionFunded() external view returns (uint256);

    /// @dev Total settlement-token base units ever paid to redeeming holders (never above {redemptionFunded}).
    function redemptionPaid() external view returns (uint256);

    /// @dev What {fundRedemption} would pull now (zero when the redemption is fully funded).
    function redemptionDue() external view returns (uint256);
}
