// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {DayCount} from "../../utils/DayCount.sol";
import {CouponSchedule} from "./CouponSchedule.sol";
import {ISovereignBond} from "./ISovereignBond.sol";
import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev The coupon book of {SovereignBond}: rates, funding, payment and sweeping of coupons, and the
 * entitlements moved by wallet recoveries. An external library, deployed once and linked: its code
 * runs on the bond's storage (`DELEGATECALL`) and keeps the bond under the contract size limit.
 *
 * The bond moves the money; these functions check the rules, keep the books and emit the events
 * (from the bond's address). The rules are those of {ISovereignBond}.
 */
library SovereignBondLogic {
    using BitMaps for BitMaps.BitMap;
    using RecordSnapshots for RecordSnapshots.History;

    uint256 private constant BPS = 10_000;

    /// @dev What the bond fixed at deployment and the logic reads.
    struct Config {
        CouponSchedule.Schedule schedule;
        /// @dev A {DayCount-Convention}, as its number (library ABIs cannot carry enums of other contracts).
        uint8 dayCount;
        bool floatingRate;
        uint256 fixedRateBps;
        uint256 recordDateOffset;
        uint256 claimWindow;
        bool isSukuk;
        uint256 faceValue;
        /// @dev `10 ** decimals()`.
        uint256 unit;
    }

    /// @dev The coupon state of the bond.
    struct Book {
        mapping(uint256 period => ISovereignBond.Coupon) coupons;
        /// @dev Periods for which a holder was paid, or whose entitlement a wallet recovery moved away.
        mapping(address holder => BitMaps.BitMap) settled;
        /// @dev Balances at record dates moved in by wallet recoveries and not yet paid.
        mapping(address holder => mapping(uint256 period => uint256)) movedIn;
    }

    /// @dev See {ISovereignBond-setCouponRate}; the caller checked the role.
    function setCouponRate(Book storage book, Config memory config, uint256 period, uint16 rateBps) external {
        if (!config.floatingRate) revert ISovereignBond.SovereignBondNotFloating();
        uint256 recordDate_ = recordDate(config, period);
        if (block.timestamp >= recordDate_) revert ISovereignBond.SovereignBondRecordDatePassed(period, recordDate_);
        ISovereignBond.Coupon storage coupon = book.coupons[period];
        coupon.rateBps = rateBps;
        coupon.rateFixed = true;
        if (config.isSukuk) emit ISovereignBond.RentalRateFixed(period, rateBps);
        else emit ISovereignBond.CouponRateFixed(period, rateBps);
    }

    /**
     * @dev Books the funding of coupon `period` and returns the amount the bond must pull, from the
     * total supply's history (`supplyHistory`, the supply now being `liveSupply`). See
     * {ISovereignBond-fundCoupon}.
     */
    function fundCoupon(
        Book storage book,
        Config memory config,
        RecordSnapshots.History storage supplyHistory,
        uint256 liveSupply,
        uint256 period
    ) external returns (uint256 amount) {
        if (period + 1 == config.schedule.count) revert ISovereignBond.SovereignBondPaidAtRedemption(period);
        _checkRecordDatePassed(config, period);
        ISovereignBond.Coupon storage coupon = book.coupons[period];
        if (coupon.status != ISovereignBond.CouponStatus.Unfunded) {
            revert ISovereignBond.SovereignBondCouponAlreadyFunded(period);
        }
        uint256 perToken = couponPerToken(book, config, period);
        uint256 supply = supplyHistory.valueAt(period, liveSupply);
        amount = Math.mulDiv(supply, perToken, config.unit);
        coupon.funded = SafeCast.toUint128(amount);
        coupon.perToken = SafeCast.toUint128(perToken);
        coupon.status = ISovereignBond.CouponStatus.Funded;
        if (config.isSukuk) emit ISovereignBond.RentalFunded(period, amount, supply, perToken);
        else emit ISovereignBond.CouponFunded(period, amount, supply, perToken);
    }

    /**
     * @dev Books the payment of coupon `period` to `holder` (whose balance history is `history`, its
     * balance now `liveBalance`) and returns the amount the bond must transfer: reverts unless the
     * coupon is funded, due, within its claim window, and something is owed. The caller checked that
     * `holder` may be paid.
     */
    function settle(
        Book storage book,
        Config memory config,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        uint256 period
    ) external returns (uint256 amount) {
        ISovereignBond.Coupon storage coupon = _fundedCoupon(book, period);
        uint256 date = couponDate(config, period);
        if (block.timestamp < date) revert ISovereignBond.SovereignBondCouponNotDue(period, date);
        uint256 closesAt = date + config.claimWindow;
        if (block.timestamp >= closesAt) revert ISovereignBond.SovereignBondClaimWindowClosed(period, closesAt);
        amount = Math.mulDiv(
            _recordBalanceDue(book, history, liveBalance, holder, period),
            coupon.perToken,
            config.unit
        );
        if (amount == 0) revert ISovereignBond.SovereignBondNothingToPay(period, holder);
        book.settled[holder].set(period);
        if (book.movedIn[holder][period] != 0) delete book.movedIn[holder][period];
        // Never above the funded amount: the balances at the record date add up to the supply then, and
        // each amount is rounded down. Checked all the same.
        uint256 paid = coupon.paid + amount;
        if (paid > coupon.funded) revert ISovereignBond.SovereignBondCouponOverpaid(period, paid, coupon.funded);
        coupon.paid = uint128(paid);
        if (config.isSukuk) emit ISovereignBond.RentalPaid(period, holder, amount);
        else emit ISovereignBond.CouponPaid(period, holder, amount);
    }

    /// @dev Books the sweep of coupon `period` and returns the amount the bond must send to the treasury.
    function sweepUnclaimed(Book storage book, Config memory config, uint256 period) external returns (uint256 amount) {
        ISovereignBond.Coupon storage coupon = _fundedCoupon(book, period);
        uint256 closesAt = couponDate(config, period) + config.claimWindow;
        if (block.timestamp < closesAt) revert ISovereignBond.SovereignBondClaimWindowOpen(period, closesAt);
        amount = coupon.funded - coupon.paid;
        coupon.status = ISovereignBond.CouponStatus.Swept;
        if (config.isSukuk) emit ISovereignBond.RentalUnclaimedSwept(period, amount);
        else emit ISovereignBond.CouponUnclaimedSwept(period, amount);
    }

    /**
     * @dev Moves the unpaid entitlements of `lost` (balance history `lostHistory`, balance now
     * `lostBalance`) to coupons `0` to `passed - 1` over to `replacement`.
     */
    function moveEntitlements(
        Book storage book,
        RecordSnapshots.History storage lostHistory,
        uint256 lostBalance,
        address lost,
        address replacement,
        uint256 passed
    ) external {
        for (uint256 period = 0; period < passed; ++period) {
            uint256 balance = _recordBalanceDue(book, lostHistory, lostBalance, lost, period);
            if (balance == 0) continue;
            book.settled[lost].set(period);
            delete book.movedIn[lost][period];
            book.movedIn[replacement][period] += balance;
            emit ISovereignBond.EntitlementMoved(period, lost, replacement, balance);
        }
    }

    /// @dev See {ISovereignBond-couponDue}.
    function couponDue(
        Book storage book,
        Config memory config,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        uint256 period
    ) external view returns (uint256) {
        uint256 perToken = _fundedCoupon(book, period).perToken;
        return Math.mulDiv(_recordBalanceDue(book, history, liveBalance, holder, period), perToken, config.unit);
    }

    /// @dev The value at the record date of coupon `period` of `history` (now `live`), which must have passed.
    function valueAtRecord(
        Config memory config,
        RecordSnapshots.History storage history,
        uint256 live,
        uint256 period
    ) external view returns (uint256) {
        _checkRecordDatePassed(config, period);
        return history.valueAt(period, live);
    }

    /// @dev See {ISovereignBond-couponPerToken}.
    function couponPerToken(Book storage book, Config memory config, uint256 period) public view returns (uint256) {
        (uint256 numerator, uint256 denominator) = accrualFraction(config, period);
        uint256 rateBps = config.fixedRateBps;
        if (config.floatingRate) {
            ISovereignBond.Coupon storage coupon = book.coupons[period];
            if (!coupon.rateFixed) revert ISovereignBond.SovereignBondRateNotFixed(period);
            rateBps = coupon.rateBps;
        }
        return Math.mulDiv(config.faceValue, rateBps * numerator, BPS * denominator);
    }

    /// @dev See {ISovereignBond-couponDate}.
    function couponDate(Config memory config, uint256 period) public pure returns (uint256) {
        return CouponSchedule.couponDate(config.schedule, period);
    }

    /// @dev See {ISovereignBond-recordDate}.
    function recordDate(Config memory config, uint256 period) public pure returns (uint256) {
        return couponDate(config, period) - config.recordDateOffset;
    }

    /// @dev See {ISovereignBond-accrualFraction}.
    function accrualFraction(
        Config memory config,
        uint256 period
    ) public pure returns (uint256 numerator, uint256 denominator) {
        return CouponSchedule.accrualFraction(config.schedule, period, DayCount.Convention(config.dayCount));
    }

    /// @dev The balance at the record date of coupon `period` for which `holder` is still to be paid.
    function _recordBalanceDue(
        Book storage book,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        uint256 period
    ) private view returns (uint256) {
        uint256 own = book.settled[holder].get(period) ? 0 : history.valueAt(period, liveBalance);
        return own + book.movedIn[holder][period];
    }

    /// @dev Coupon `period`, which must be funded and not swept.
    function _fundedCoupon(
        Book storage book,
        uint256 period
    ) private view returns (ISovereignBond.Coupon storage coupon) {
        coupon = book.coupons[period];
        if (coupon.status == ISovereignBond.CouponStatus.Unfunded) {
            revert ISovereignBond.SovereignBondCouponNotFunded(period);
        }
        if (coupon.status == ISovereignBond.CouponStatus.Swept) revert ISovereignBond.SovereignBondCouponSwept(period);
    }

    function _checkRecordDatePassed(Config memory config, uint256 period) private view {
        uint256 recordDate_ = recordDate(config, period);
        if (block.timestamp <= recordDate_) {
            revert ISovereignBond.SovereignBondRecordDateNotPassed(period, recordDate_);
        }
    }
}
