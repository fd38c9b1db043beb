// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {DayCount} from "../../utils/DayCount.sol";
import {BatchStep} from "../debt/BatchStep.sol";
import {DebtRestriction} from "../debt/DebtRestriction.sol";
import {CouponSchedule} from "./CouponSchedule.sol";
import {ISovereignBond} from "./ISovereignBond.sol";
import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev The coupon book of {SovereignBond}: its schedule, rates, funding, payment and sweeping of
 * coupons, the treasury's paging loop, the entitlements moved by wallet recoveries, and the bond's
 * ERC-1404 messages. An external library, deployed once and linked: its code runs as the bond
 * (`DELEGATECALL`: the bond's storage and address), which keeps the bond's own code under the
 * contract size limit of EIP-170.
 *
 * The bond moves the money; these functions check the rules, keep the books and emit the events
 * (from the bond's address). The rules are those of {ISovereignBond}.
 */
library SovereignBondLogic {
    using BitMaps for BitMaps.BitMap;
    using RecordSnapshots for RecordSnapshots.History;

    uint256 private constant BPS = 10_000;

    /// @dev The terms the logic reads, written once by the bond's constructor (three storage slots).
    struct Terms {
        uint64 issueDate;
        uint64 maturityDate;
        uint32 maturityMonth;
        uint16 couponCount;
        uint8 frequency;
        uint8 maturityDayOfMonth;
        bool endOfMonth;
        uint8 dayCount;
        bool floatingRate;
        bool isSukuk;
        uint16 fixedRateBps;
        uint32 recordDateOffset;
        uint32 claimWindow;
        uint8 decimals;
        uint256 faceValue;
    }

    /// @dev The coupon state of the bond.
    struct State {
        Terms terms;
        mapping(uint256 period => ISovereignBond.Coupon) coupons;
        /// @dev Periods for which a holder was paid, or whose entitlement a wallet recovery moved away.
        mapping(address holder => BitMaps.BitMap) settled;
        /// @dev Balances at record dates moved in by wallet recoveries and not yet paid.
        mapping(address holder => mapping(uint256 period => uint256)) movedIn;
    }

    /// @dev See {ISovereignBond-setCouponRate}; the caller checked the role.
    function setCouponRate(State storage state, uint256 period, uint256 rateBps) external {
        Terms memory terms = state.terms;
        if (!terms.floatingRate) revert ISovereignBond.SovereignBondNotFloating();
        uint256 recordDate_ = _recordDate(terms, period);
        if (block.timestamp >= recordDate_) revert ISovereignBond.SovereignBondRecordDatePassed(period, recordDate_);
        ISovereignBond.Coupon storage coupon = state.coupons[period];
        coupon.rateBps = SafeCast.toUint16(rateBps);
        coupon.rateFixed = true;
        if (terms.isSukuk) emit ISovereignBond.RentalRateFixed(period, rateBps);
        else emit ISovereignBond.CouponRateFixed(period, rateBps);
    }

    /**
     * @dev Books the funding of coupon `period` and returns the amount the bond must pull, from the
     * total supply's history (`supplyHistory`, the supply now being `liveSupply`). See
     * {ISovereignBond-fundCoupon}.
     */
    function fundCoupon(
        State storage state,
        RecordSnapshots.History storage supplyHistory,
        uint256 liveSupply,
        uint256 period
    ) external returns (uint256 amount) {
        Terms memory terms = state.terms;
        if (period + 1 == terms.couponCount) revert ISovereignBond.SovereignBondPaidAtRedemption(period);
        _checkRecordDatePassed(terms, period);
        ISovereignBond.Coupon storage coupon = state.coupons[period];
        if (coupon.status != ISovereignBond.CouponStatus.Unfunded) {
            revert ISovereignBond.SovereignBondCouponAlreadyFunded(period);
        }
        uint256 perToken = _couponPerToken(state, terms, period);
        uint256 supply = supplyHistory.valueAt(period, liveSupply);
        amount = Math.mulDiv(supply, perToken, 10 ** terms.decimals);
        coupon.funded = SafeCast.toUint128(amount);
        coupon.perToken = SafeCast.toUint128(perToken);
        coupon.status = ISovereignBond.CouponStatus.Funded;
        if (terms.isSukuk) emit ISovereignBond.RentalFunded(period, amount, supply, perToken);
        else emit ISovereignBond.CouponFunded(period, amount, supply, perToken);
    }

    /**
     * @dev Books the payment of coupon `period` to `holder` (whose balance history is `history`, its
     * balance now `liveBalance`) and returns the amount the bond must transfer: reverts unless the
     * coupon is funded, due, within its claim window, and something is owed. The caller checked that
     * `holder` may be paid.
     */
    function settle(
        State storage state,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        uint256 period
    ) external returns (uint256 amount) {
        Terms memory terms = state.terms;
        ISovereignBond.Coupon storage coupon = _fundedCoupon(state, period);
        uint256 date = _couponDate(terms, period);
        if (block.timestamp < date) revert ISovereignBond.SovereignBondCouponNotDue(period, date);
        uint256 closesAt = date + terms.claimWindow;
        if (block.timestamp >= closesAt) revert ISovereignBond.SovereignBondClaimWindowClosed(period, closesAt);
        uint256 balance = _recordBalanceDue(state, history, liveBalance, holder, period);
        amount = Math.mulDiv(balance, coupon.perToken, 10 ** terms.decimals);
        if (amount == 0) revert ISovereignBond.SovereignBondNothingToPay(period, holder);
        state.settled[holder].set(period);
        if (state.movedIn[holder][period] != 0) delete state.movedIn[holder][period];
        // Never above the funded amount: the balances at the record date add up to the supply then, and
        // each amount is rounded down. Checked all the same.
        uint256 paid = coupon.paid + amount;
        if (paid > coupon.funded) revert ISovereignBond.SovereignBondCouponOverpaid(period, paid, coupon.funded);
        coupon.paid = uint128(paid);
        if (terms.isSukuk) emit ISovereignBond.RentalPaid(period, holder, amount);
        else emit ISovereignBond.CouponPaid(period, holder, amount);
    }

    /**
     * @dev See {ISovereignBond-payCoupon}: pays each of `holders` through the bond's own
     * {ISovereignBond-payCouponTo} (this code runs as the bond), each step bounded to
     * {BatchStep-COUPON_GAS}, and reports a holder it cannot pay. Too little gas left for the next
     * step reverts the whole batch.
     */
    function payCoupon(State storage state, uint256 period, address[] calldata holders) external {
        bool isSukuk = state.terms.isSukuk;
        for (uint256 i = 0; i < holders.length; ++i) {
            address holder = holders[i];
            (bool paid, bytes memory reason) = BatchStep.run(
                abi.encodeCall(ISovereignBond.payCouponTo, (period, holder)),
                BatchStep.COUPON_GAS
            );
            if (paid) continue;
            if (isSukuk) emit ISovereignBond.RentalPaymentSkipped(period, holder, reason);
            else emit ISovereignBond.CouponPaymentSkipped(period, holder, reason);
        }
    }

    /// @dev Books the sweep of coupon `period` and returns the amount the bond must send to the treasury.
    function sweepUnclaimed(State storage state, uint256 period) external returns (uint256 amount) {
        Terms memory terms = state.terms;
        ISovereignBond.Coupon storage coupon = _fundedCoupon(state, period);
        uint256 closesAt = _couponDate(terms, period) + terms.claimWindow;
        if (block.timestamp < closesAt) revert ISovereignBond.SovereignBondClaimWindowOpen(period, closesAt);
        amount = coupon.funded - coupon.paid;
        coupon.status = ISovereignBond.CouponStatus.Swept;
        if (terms.isSukuk) emit ISovereignBond.RentalUnclaimedSwept(period, amount);
        else emit ISovereignBond.CouponUnclaimedSwept(period, amount);
    }

    /**
     * @dev Moves the unpaid entitlements of `lost` (balance history `lostHistory`, balance now
     * `lostBalance`) to coupons `0` to `passed - 1` over to `replacement`.
     */
    function moveEntitlements(
        State storage state,
        RecordSnapshots.History storage lostHistory,
        uint256 lostBalance,
        address lost,
        address replacement,
        uint256 passed
    ) external {
        for (uint256 period = 0; period < passed; ++period) {
            uint256 balance = _recordBalanceDue(state, lostHistory, lostBalance, lost, period);
            if (balance == 0) continue;
            state.settled[lost].set(period);
            delete state.movedIn[lost][period];
            state.movedIn[replacement][period] += balance;
            emit ISovereignBond.EntitlementMoved(period, lost, replacement, balance);
        }
    }

    /**
     * @dev The number of record dates passed and the next record date (see
     * {RecordDateBalances-_recordDateWindow}), between the first and the last record date.
     */
    function recordDateWindow(State storage state) external view returns (uint256 passed, uint256 validUntil) {
        Terms memory terms = state.terms;
        passed = CouponSchedule.countBefore(_schedule(terms), block.timestamp + terms.recordDateOffset);
        validUntil = _recordDate(terms, passed);
    }

    /// @dev See {ISovereignBond-couponDue}.
    function couponDue(
        State storage state,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        uint256 period
    ) external view returns (uint256) {
        uint256 perToken = _fundedCoupon(state, period).perToken;
        uint256 balance = _recordBalanceDue(state, history, liveBalance, holder, period);
        return Math.mulDiv(balance, perToken, 10 ** state.terms.decimals);
    }

    /// @dev The value at the record date of coupon `period` of `history` (now `live`), which must have passed.
    function valueAtRecord(
        State storage state,
        RecordSnapshots.History storage history,
        uint256 live,
        uint256 period
    ) external view returns (uint256) {
        _checkRecordDatePassed(state.terms, period);
        return history.valueAt(period, live);
    }

    /**
     * @dev The bond's ERC-1404 messages ({DebtRestriction-message}), answered from this library so that
     * their text is not in the bond's own code (EIP-170 size limit).
     */
    function restrictionMessage(uint8 code) external pure returns (string memory) {
        return DebtRestriction.message(code);
    }

    /// @dev See {ISovereignBond-couponPerToken}.
    function couponPerToken(State storage state, uint256 period) external view returns (uint256) {
        return _couponPerToken(state, state.terms, period);
    }

    /// @dev See {ISovereignBond-couponDate}.
    function couponDate(State storage state, uint256 period) external view returns (uint256) {
        return _couponDate(state.terms, period);
    }

    /// @dev See {ISovereignBond-recordDate}.
    function recordDate(State storage state, uint256 period) external view returns (uint256) {
        return _recordDate(state.terms, period);
    }

    function _couponPerToken(State storage state, Terms memory terms, uint256 period) private view returns (uint256) {
        (uint256 numerator, uint256 denominator) = CouponSchedule.accrualFraction(
            _schedule(terms),
            period,
            DayCount.Convention(terms.dayCount)
        );
        uint256 rateBps = terms.fixedRateBps;
        if (terms.floatingRate) {
            ISovereignBond.Coupon storage coupon = state.coupons[period];
            if (!coupon.rateFixed) revert ISovereignBond.SovereignBondRateNotFixed(period);
            rateBps = coupon.rateBps;
        }
        return Math.mulDiv(terms.faceValue, rateBps * numerator, BPS * denominator);
    }

    function _couponDate(Terms memory terms, uint256 period) private pure returns (uint256) {
        return CouponSchedule.couponDate(_schedule(terms), period);
    }

    function _recordDate(Terms memory terms, uint256 period) private pure returns (uint256) {
        return _couponDate(terms, period) - terms.recordDateOffset;
    }

    function _schedule(Terms memory terms) private pure returns (CouponSchedule.Schedule memory) {
        return
            CouponSchedule.Schedule({
                issueDate: terms.issueDate,
                maturityDate: terms.maturityDate,
                frequency: terms.frequency,
                count: terms.couponCount,
                maturityMonth: terms.maturityMonth,
                maturityDayOfMonth: terms.maturityDayOfMonth,
                endOfMonth: terms.endOfMonth
            });
    }

    /// @dev The balance at the record date of coupon `period` for which `holder` is still to be paid.
    function _recordBalanceDue(
        State storage state,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        uint256 period
    ) private view returns (uint256) {
        uint256 own = state.settled[holder].get(period) ? 0 : history.valueAt(period, liveBalance);
        return own + state.movedIn[holder][period];
    }

    /// @dev Coupon `period`, which must be funded and not swept.
    function _fundedCoupon(
        State storage state,
        uint256 period
    ) private view returns (ISovereignBond.Coupon storage coupon) {
        coupon = state.coupons[period];
        if (coupon.status == ISovereignBond.CouponStatus.Unfunded) {
            revert ISovereignBond.SovereignBondCouponNotFunded(period);
        }
        if (coupon.status == ISovereignBond.CouponStatus.Swept) revert ISovereignBond.SovereignBondCouponSwept(period);
    }

    function _checkRecordDatePassed(Terms memory terms, uint256 period) private view {
        uint256 recordDate_ = _recordDate(terms, period);
        if (block.timestamp <= recordDate_) {
            revert ISovereignBond.SovereignBondRecordDateNotPassed(period, recordDate_);
        }
    }
}
