// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {BitMaps} from "@openzeppelin/contracts/utils/structs/BitMaps.sol";
import {IInvestorRegistry} from "../../registry/IInvestorRegistry.sol";
import {Freezes} from "../../token/Freezes.sol";
import {TransferRestriction} from "../../token/TransferRestriction.sol";
import {HandOver} from "../../utils/HandOver.sol";
import {BatchStep} from "../debt/BatchStep.sol";
import {DebtRestriction} from "../debt/DebtRestriction.sol";
import {DebtSecurityLogic} from "../debt/DebtSecurityLogic.sol";
import {IDebtSecurity} from "../debt/IDebtSecurity.sol";
import {CouponTerms} from "./CouponTerms.sol";
import {ISovereignBond} from "./ISovereignBond.sol";
import {RecordSnapshots} from "./RecordSnapshots.sol";

/**
 * @dev The coupon book of {SovereignBond}: its schedule, rates, funding, payment and sweeping of
 * coupons, the treasury's paging loop, the entitlements moved by wallet recoveries, the terms and
 * the final coupon read by the bond, and the rare paths of the core that the bond runs from here
 * (the errors of a refused transfer, the freeze bookkeeping of a wallet recovery, the ERC-1404
 * messages). An external library, linked: it runs as the bond (`DELEGATECALL`: the bond's storage
 * and address) and keeps the bond's own code under the size limit of EIP-170.
 *
 * The bond moves the money; these functions check the rules, keep the books and emit the events
 * (from the bond's address). The rules are those of {ISovereignBond}. What a function needs is
 * passed to it (values, or the bond's storage); none calls back into the bond but {answerRequest}, which
 * reads balances through the bond's ERC-20 views (read-only calls), and the paging loop, whose
 * steps must each run in their own call to be bounded and caught ({BatchStep}).
 *
 * External function names set the selectors, so the order of the library's lookup: renaming or
 * adding one can change what {fundCoupon} or {claim} cost (`npm run bench`). So the functions that
 * take over a call of the bond ({HandOver}) have names of their own, placed not to move the hot ones.
 */
library SovereignBondLogic {
    using BitMaps for BitMaps.BitMap;
    using CouponTerms for CouponTerms.Terms;
    using RecordSnapshots for RecordSnapshots.Book;
    using RecordSnapshots for RecordSnapshots.History;

    /// @dev A wallet recovery: what the lost wallet is owed for coupons `0` to `periods - 1` is paid to `replacement`.
    struct Recovery {
        address replacement;
        uint32 periods;
    }

    /// @dev The fallback rate of a floating final coupon: the rate fixed for the latest earlier period
    /// (`period + 1`; 0 when none), as it stood when the redemption was first funded.
    struct LatestFixing {
        uint16 periodPlusOne;
        uint16 rateBps;
    }

    /// @dev The coupon state of the bond.
    struct State {
        CouponTerms.Terms terms;
        mapping(uint256 period => ISovereignBond.Coupon) coupons;
        /// @dev Periods for which a holder's own balance at the record date was paid (in full, or but a withheld part).
        mapping(address holder => BitMaps.BitMap) settled;
        /// @dev Balances at record dates on which a holder's coupon was withheld (frozen tokens) and is still owed.
        mapping(address holder => mapping(uint256 period => uint256)) withheld;
        /// @dev The latest recovery of each lost wallet; a wallet recovered into has none (it is its own payee).
        mapping(address lost => Recovery) recoveries;
        LatestFixing latestFixing;
        bytes32 assetDocumentsHash;
    }

    /// @dev {ISovereignBond-setCouponRate}, handed over ({HandOver}) with the bond's funded redemption once the
    /// role is checked. Keeps {LatestFixing} until the redemption is funded.
    function recordRateFixing(uint256 period, uint256 rateBps) external {
        (State storage state, uint256 funded) = _handedOver();
        bool redemptionFunded = funded != 0;
        CouponTerms.Terms memory terms = state.terms;
        if (!terms.floatingRate) revert ISovereignBond.SovereignBondNotFloating();
        terms.couponDate(period); // the period exists
        ISovereignBond.Coupon storage coupon = state.coupons[period];
        bool isFinal = period + 1 == terms.couponCount;
        if (isFinal ? redemptionFunded : coupon.status != ISovereignBond.CouponStatus.Unfunded) {
            revert ISovereignBond.SovereignBondCouponAlreadyFunded(period);
        }
        coupon.rateBps = SafeCast.toUint16(rateBps);
        coupon.rateFixed = true;
        if (!isFinal && !redemptionFunded && period + 1 >= state.latestFixing.periodPlusOne) {
            state.latestFixing = LatestFixing(uint16(period + 1), uint16(rateBps));
        }
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
        CouponTerms.Terms memory terms = state.terms;
        if (period + 1 == terms.couponCount) revert ISovereignBond.SovereignBondPaidAtRedemption(period);
        terms.checkRecordDatePassed(period);
        ISovereignBond.Coupon storage coupon = state.coupons[period];
        if (coupon.status != ISovereignBond.CouponStatus.Unfunded) {
            revert ISovereignBond.SovereignBondCouponAlreadyFunded(period);
        }
        uint256 rateBps = _rateBps(state, terms, period);
        uint256 perToken = terms.perToken(period, rateBps);
        uint256 supply = supplyHistory.valueAt(period, liveSupply);
        amount = Math.mulDiv(supply, perToken, 10 ** terms.decimals);
        coupon.funded = SafeCast.toUint128(amount);
        coupon.perToken = SafeCast.toUint128(perToken);
        coupon.rateBps = uint16(rateBps);
        coupon.status = ISovereignBond.CouponStatus.Funded;
        if (terms.isSukuk) emit ISovereignBond.RentalFunded(period, amount, supply, perToken);
        else emit ISovereignBond.CouponFunded(period, amount, supply, perToken);
    }

    /**
     * @dev Books the payment to `payee` (which holds `frozen` frozen tokens) of what `holder` (balance history
     * `history`, balance now `liveBalance`) is owed for each of `periods`, and returns the amount the bond must
     * transfer. Reverts unless `payee` is the holder's payee ({ISovereignBond-couponPayee}) for every period. The
     * caller checked that `payee` may be paid.
     */
    // The bond passes a one-period array built in memory as well as its callers' arrays.
    // solhint-disable-next-line gas-calldata-parameters
    function claim(
        State storage state,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        address payee,
        uint256 frozen,
        uint256[] memory periods
    ) external returns (uint256 amount) {
        for (uint256 i = 0; i < periods.length; ++i) {
            uint256 period = periods[i];
            address to = _payee(state, holder, period);
            if (to != payee) revert ISovereignBond.SovereignBondEntitlementMoved(period, holder, to);
            amount += _settle(state, history, liveBalance, holder, payee, period, frozen);
        }
    }

    /// @dev The wallet paid what `holder` is owed for coupon `period` ({ISovereignBond-couponPayee}).
    function payeeOf(State storage state, address holder, uint256 period) external view returns (address) {
        return _payee(state, holder, period);
    }

    /**
     * @dev {ISovereignBond-payCoupon}, handed over ({HandOver}): pays each of `holders` through the bond's own
     * {ISovereignBond-payCouponTo} (this code runs as the bond), each step bounded to {BatchStep-COUPON_GAS}, and
     * reports a holder it cannot pay. Too little gas left for the next step reverts the whole batch.
     */
    function payCouponHolders(uint256 period, address[] calldata holders) external {
        (State storage state, ) = _handedOver();
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

    /// @dev Books the sweep of coupon `period` (handed over: {HandOver}); returns what the bond sends the treasury.
    function recordSweep(uint256 period) external returns (uint256 amount) {
        (State storage state, ) = _handedOver();
        CouponTerms.Terms memory terms = state.terms;
        ISovereignBond.Coupon storage coupon = _fundedCoupon(state, period);
        uint256 closesAt = terms.couponDate(period) + terms.claimWindow;
        if (block.timestamp < closesAt) revert ISovereignBond.SovereignBondClaimWindowOpen(period, closesAt);
        amount = coupon.funded - coupon.paid;
        coupon.status = ISovereignBond.CouponStatus.Swept;
        if (terms.isSukuk) emit ISovereignBond.RentalUnclaimedSwept(period, amount);
        else emit ISovereignBond.CouponUnclaimedSwept(period, amount);
    }

    /// @dev {RecordDateBalances-_recordStaleBalances}, the window cached in `book` ({CouponTerms-recordDateWindow}).
    function recordBalances(
        State storage state,
        RecordSnapshots.Book storage book,
        address from,
        address to,
        uint256 stale,
        uint256 fromBalance,
        uint256 toBalance,
        uint256 supply
    ) external {
        if (!book.isWindowCurrent()) book.cacheWindow(state.terms.recordDateWindow());
        book.record(RecordSnapshots.Change(from, to, stale, fromBalance, toBalance, supply));
    }

    /**
     * @dev Answers the bond's read functions from their call data (`request`: selector and arguments, as the bond
     * received them), ABI-encoded as the bond returns them: {ISovereignBond}'s `bondTerms`, `couponCount`,
     * `couponDate`, `recordDate`, `couponPerToken`, `coupon`, `balanceAtRecord`, `supplyAtRecord`, `couponDue` and
     * `couponPayee`, and {IDebtSecurity}'s `allotment` and `issueDate`. One library function for all of them keeps
     * their code out of the bond (EIP-170 size limit). `book` has the balances and supply at record dates,
     * `allotments` the auction allotments; balances now are read from the bond.
     */
    function answerRequest(
        State storage state,
        RecordSnapshots.Book storage book,
        IDebtSecurity.Allotment[] storage allotments,
        bytes calldata request
    ) external view returns (bytes memory) {
        bytes4 selector = bytes4(request);
        CouponTerms.Terms memory terms = state.terms;
        if (selector == ISovereignBond.bondTerms.selector) return abi.encode(terms.bondTerms(state.assetDocumentsHash));
        if (selector == ISovereignBond.couponCount.selector) return abi.encode(terms.couponCount);
        if (selector == IDebtSecurity.issueDate.selector) return abi.encode(terms.issueDate);
        if (
            selector == ISovereignBond.couponDue.selector ||
            selector == ISovereignBond.balanceAtRecord.selector ||
            selector == ISovereignBond.couponPayee.selector
        ) {
            (address holder, uint256 holderPeriod) = abi.decode(request[4:], (address, uint256));
            if (selector == ISovereignBond.couponPayee.selector) {
                return abi.encode(_payee(state, holder, holderPeriod));
            }
            RecordSnapshots.History storage history = book.accounts[holder];
            uint256 liveBalance = IERC20(address(this)).balanceOf(holder);
            if (selector == ISovereignBond.balanceAtRecord.selector) {
                terms.checkRecordDatePassed(holderPeriod);
                return abi.encode(history.valueAt(holderPeriod, liveBalance));
            }
            uint256 perToken = _fundedCoupon(state, holderPeriod).perToken;
            uint256 balance = _recordBalanceDue(state, history, liveBalance, holder, holderPeriod);
            return abi.encode(Math.mulDiv(balance, perToken, 10 ** terms.decimals));
        }
        uint256 period = abi.decode(request[4:], (uint256));
        // {IDebtSecurity-allotment}, whose one argument is the row's id
        if (selector == IDebtSecurity.allotment.selector)
            return abi.encode(DebtSecurityLogic.rowOrEmpty(allotments, period));
        if (selector == ISovereignBond.couponDate.selector) return abi.encode(terms.couponDate(period));
        if (selector == ISovereignBond.recordDate.selector) return abi.encode(terms.recordDate(period));
        if (selector == ISovereignBond.coupon.selector) return abi.encode(state.coupons[period]);
        if (selector == ISovereignBond.couponPerToken.selector) {
            ISovereignBond.Coupon storage coupon = state.coupons[period];
            if (coupon.status != ISovereignBond.CouponStatus.Unfunded) return abi.encode(coupon.perToken);
            return abi.encode(terms.perToken(period, _rateBps(state, terms, period)));
        }
        // supplyAtRecord, the one read left
        terms.checkRecordDatePassed(period);
        return abi.encode(book.supply.valueAt(period, IERC20(address(this)).totalSupply()));
    }

    /// @dev The final coupon of `amount` base units (0 for a zero-coupon bond), rounded down.
    function finalCouponOf(State storage state, uint256 amount) external view returns (uint256) {
        CouponTerms.Terms memory terms = state.terms;
        if (terms.couponCount == 0) return 0;
        uint256 period = terms.couponCount - 1;
        uint256 perToken = terms.perToken(period, _rateBps(state, terms, period));
        return Math.mulDiv(amount, perToken, 10 ** terms.decimals);
    }

    /**
     * @dev The bond's ERC-1404 messages ({DebtRestriction-message}), answered from this library so that
     * their text is not in the bond's own code (EIP-170 size limit).
     */
    function transferRestrictionMessage(uint8 code) external pure returns (string memory) {
        return DebtRestriction.message(code);
    }

    /// @dev {TransferRestriction-revertWith}, for the bond ({RegulatedToken-_revertWith}).
    function revertWith(
        uint8 code,
        address from,
        address to,
        uint256 value,
        uint256 fromBalance,
        uint256 fromUnfrozen,
        uint256 lockUpEndsAt,
        uint256 toBalance,
        uint256 maxBalance,
        uint256 maxHolders
    ) external pure {
        TransferRestriction.revertWith(
            code,
            from,
            to,
            value,
            fromBalance,
            fromUnfrozen,
            lockUpEndsAt,
            toBalance,
            maxBalance,
            maxHolders
        );
    }

    /// @dev {Freezes-beginRecovery} on the bond's freezes; `registry` is an address so that the signature has ABI types only.
    function beginRecovery(
        mapping(address => Freezes.Freeze) storage freezes,
        address registry,
        address lost,
        address replacement
    ) external returns (bool walletFrozen, uint256 frozenTokens) {
        return Freezes.beginRecovery(freezes, IInvestorRegistry(registry), lost, replacement);
    }

    /// @dev {Freezes-completeRecovery} on the bond's freezes, then the coupons owed to `lost` move to `replacement`.
    function completeWalletRecovery(
        mapping(address => Freezes.Freeze) storage freezes,
        State storage state,
        address lost,
        address replacement,
        bool walletFrozen,
        uint256 frozenTokens,
        uint256 amount
    ) external {
        Freezes.completeRecovery(freezes, lost, replacement, walletFrozen, frozenTokens, amount);
        _moveEntitlements(state, lost, replacement);
    }

    /**
     * @dev Records that what `lost` is owed for the coupons whose record date has passed (but the final one) is
     * paid to `replacement` from now on, in constant gas: the entitlements stay in the book of `lost` and are paid
     * to whoever {_payee} finds. `replacement` becomes the payee of its own entitlements again (its own recovery,
     * if any, is dropped), which keeps the links free of cycles. A wallet recovered twice sends all it is owed to
     * the latest replacement.
     */
    function _moveEntitlements(State storage state, address lost, address replacement) private {
        delete state.recoveries[replacement];
        uint256 passed = state.terms.recordDateWindow().passed; // the final coupon is paid with the principal
        if (passed == 0) return;
        state.recoveries[lost] = Recovery(replacement, uint32(passed));
        emit ISovereignBond.EntitlementsMoved(lost, replacement, passed);
    }

    /**
     * @dev The rate of an unfunded coupon `period`: the fixed rate of a fixed-rate bond; of a floating one, the
     * rate fixed for the period, or else the fallback: for the final coupon {LatestFixing}, for another the rate
     * fixed for the latest earlier period; 0 if none. The search walks back over unfixed periods only (one
     * storage read each), once when funding.
     */
    function _rateBps(
        State storage state,
        CouponTerms.Terms memory terms,
        uint256 period
    ) private view returns (uint256) {
        if (!terms.floatingRate) return terms.fixedRateBps;
        ISovereignBond.Coupon storage coupon = state.coupons[period];
        if (coupon.rateFixed) return coupon.rateBps;
        if (period + 1 == terms.couponCount) return state.latestFixing.rateBps;
        while (period != 0) {
            coupon = state.coupons[--period];
            if (coupon.rateFixed) return coupon.rateBps;
        }
        return 0;
    }

    /// @dev The bond's coupon state and the value handed over with the call ({HandOver-run}).
    function _handedOver() private pure returns (State storage state, uint256 context) {
        uint256 slot;
        (slot, context) = HandOver.appended();
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            state.slot := slot
        }
    }

    /**
     * @dev Books the payment to `payee` (which holds `frozen` frozen tokens) of what `holder` is owed
     * for coupon `period`, the coupon on up to `frozen` of it withheld, and returns the amount to pay.
     */
    function _settle(
        State storage state,
        RecordSnapshots.History storage history,
        uint256 liveBalance,
        address holder,
        address payee,
        uint256 period,
        uint256 frozen
    ) private returns (uint256 amount) {
        CouponTerms.Terms memory terms = state.terms;
        ISovereignBond.Coupon storage coupon = _fundedCoupon(state, period);
        uint256 date = terms.couponDate(period);
        if (block.timestamp < date) revert ISovereignBond.SovereignBondCouponNotDue(period, date);
        uint256 closesAt = date + terms.claimWindow;
        if (block.timestamp >= closesAt) revert ISovereignBond.SovereignBondClaimWindowClosed(period, closesAt);
        uint256 balance = _recordBalanceDue(state, history, liveBalance, holder, period);
        uint256 withheld = Math.min(balance, frozen);
        amount = Math.mulDiv(balance - withheld, coupon.perToken, 10 ** terms.decimals);
        if (amount == 0) {
            if (withheld != 0) revert ISovereignBond.SovereignBondCouponWithheld(period, payee, withheld);
            revert ISovereignBond.SovereignBondNothingToPay(period, holder);
        }
        state.settled[holder].set(period);
        if (state.withheld[holder][period] != withheld) state.withheld[holder][period] = withheld;
        // Never above the funded amount: the balances at the record date add up to the supply then, and
        // each amount (each part of a withheld one) is rounded down. Checked all the same.
        uint256 paid = coupon.paid + amount;
        if (paid > coupon.funded) revert ISovereignBond.SovereignBondCouponOverpaid(period, paid, coupon.funded);
        coupon.paid = uint128(paid);
        if (terms.isSukuk) {
            emit ISovereignBond.RentalPaid(period, payee, amount);
            if (withheld != 0) emit ISovereignBond.RentalWithheld(period, payee, withheld);
        } else {
            emit ISovereignBond.CouponPaid(period, payee, amount);
            if (withheld != 0) emit ISovereignBond.CouponWithheld(period, payee, withheld);
        }
    }

    /**
     * @dev The wallet paid what `holder` is owed for coupon `period`: the replacement of its
     * recovery if the period's record date had passed then, followed from replacement to
     * replacement; `holder` otherwise. The links have no cycle ({_moveEntitlements}).
     */
    function _payee(State storage state, address holder, uint256 period) private view returns (address) {
        Recovery memory recovery = state.recoveries[holder];
        while (recovery.replacement != address(0) && period < recovery.periods) {
            holder = recovery.replacement;
            recovery = state.recoveries[holder];
        }
        return holder;
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
        return own + state.withheld[holder][period];
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
}
