// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IInvestorRegistry} from "../../registry/IInvestorRegistry.sol";
import {TransferRestriction} from "../../token/TransferRestriction.sol";
import {HandOver} from "../../utils/HandOver.sol";
import {DebtSecurity} from "../debt/DebtSecurity.sol";
import {CouponSchedule} from "./CouponSchedule.sol";
import {CouponTerms} from "./CouponTerms.sol";
import {ISovereignBond} from "./ISovereignBond.sol";
import {RecordDateBalances} from "./RecordDateBalances.sol";
import {RecordSnapshots} from "./RecordSnapshots.sol";
import {SovereignBondLogic} from "./SovereignBondLogic.sol";

/**
 * @dev A fixed- or floating-rate sovereign bond, or an Ijara sukuk (see {ISovereignBond}): a
 * {DebtSecurity} (auction settlement, maturity, redemption) that pays coupons on the schedule of
 * {CouponSchedule} to the holders of record kept by {RecordDateBalances}.
 *
 * No operation loops over holders: a coupon is funded in one amount computed from the supply at its
 * record date, and each holder is paid from its own balance at that date, by claim or by pages of
 * holders pushed by the treasury.
 *
 * The coupon book lives in the external library {SovereignBondLogic} (linked at deployment, like
 * {DebtSecurityLogic}), which checks the rules and keeps the books on this contract's storage; this
 * contract moves the money,
 * through the settlement-token functions of {DebtSecurity}, and keeps the transfer path (the
 * record-date balances) in its own code.
 */
contract SovereignBond is DebtSecurity, RecordDateBalances, ISovereignBond {
    using SafeERC20 for IERC20;

    /// @dev Fixes the rates of the periods of a floating-rate bond.
    bytes32 public constant RATE_SETTER_ROLE = keccak256("RATE_SETTER_ROLE");

    /**
     * @dev The terms live in `_state.terms`, which the library reads and every read function answers
     * from; this copy (and the maturity date and face value of {DebtSecurity}) stays as an immutable
     * because the transfer and redemption paths read it in code, where `_state.terms` would cost a
     * storage read (2,100 gas cold) on every transfer. The first record date that decides an
     * entitlement: no balance is written down up to it.
     */
    uint256 private immutable _firstRecordTime;

    SovereignBondLogic.State private _state;

    /**
     * @dev `name_` to `terms`: as {DebtSecurity}. `bondTerms_`: see {BondTerms}; the rate is 0 for a
     * floating-rate or zero-coupon bond, the first record date is after the issue date, the claim
     * window is not zero, and only a sukuk has an asset documents hash. The schedule's own rules
     * apply to the frequency and the dates ({CouponSchedule-create}).
     */
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay,
        DebtTerms memory terms,
        BondTerms memory bondTerms_
    ) DebtSecurity(name_, symbol_, decimals_, registry_, admin, adminDelay, terms) {
        CouponSchedule.Schedule memory schedule = CouponSchedule.create(
            terms.issueDate,
            terms.maturityDate,
            bondTerms_.couponFrequency
        );
        _checkBondTerms(bondTerms_, schedule);
        uint256 firstRecordTime = type(uint256).max;
        if (schedule.count > 1) {
            firstRecordTime = CouponSchedule.couponDate(schedule, 0) - bondTerms_.recordDateOffset;
            // No record date has passed until the first: cached now, so that the first transfer after it
            // rewrites the cache rather than writing a fresh slot.
            RecordSnapshots.cacheWindow(_recordBook(), RecordSnapshots.Window(0, SafeCast.toUint64(firstRecordTime)));
        }
        _state.assetDocumentsHash = bondTerms_.assetDocumentsHash;
        _firstRecordTime = firstRecordTime;
        _state.terms = CouponTerms.Terms({
            issueDate: terms.issueDate,
            maturityDate: terms.maturityDate,
            maturityMonth: SafeCast.toUint32(schedule.maturityMonth),
            couponCount: SafeCast.toUint16(schedule.count),
            frequency: bondTerms_.couponFrequency,
            maturityDayOfMonth: uint8(schedule.maturityDayOfMonth),
            endOfMonth: schedule.endOfMonth,
            dayCount: uint8(bondTerms_.dayCount),
            floatingRate: bondTerms_.floatingRate,
            isSukuk: bondTerms_.isSukuk,
            fixedRateBps: bondTerms_.couponRateBps,
            recordDateOffset: bondTerms_.recordDateOffset,
            claimWindow: bondTerms_.claimWindow,
            decimals: decimals_,
            faceValue: terms.faceValue
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Coupons: rates, funding, claims, payment by the treasury, sweep

    /// @inheritdoc ISovereignBond
    function setCouponRate(uint256 period, uint256 rateBps) external onlyRole(RATE_SETTER_ROLE) {
        (period, rateBps); // named for the ABI; the library reads them from the call data
        _handOverToBondLogic();
    }

    /// @inheritdoc ISovereignBond
    function fundCoupon(uint256 period) external nonReentrant onlyRole(TREASURY_ROLE) returns (uint256 amount) {
        amount = SovereignBondLogic.fundCoupon(_state, _supplyHistory(), totalSupply(), period);
        _pullExact(treasury(), address(this), amount);
    }

    /// @inheritdoc ISovereignBond
    function claimCoupon(uint256 period) external nonReentrant returns (uint256) {
        address holder = _msgSender();
        return _pay(holder, holder, _one(period));
    }

    /// @inheritdoc ISovereignBond
    function claimCoupons(uint256[] calldata periods) external nonReentrant returns (uint256) {
        address holder = _msgSender();
        return _pay(holder, holder, periods);
    }

    /// @inheritdoc ISovereignBond
    function claimCouponsOf(address holder, uint256[] calldata periods) external nonReentrant returns (uint256) {
        return _pay(holder, _msgSender(), periods);
    }

    /// @inheritdoc ISovereignBond
    function payCoupon(uint256 period, address[] calldata holders) external nonReentrant onlyRole(TREASURY_ROLE) {
        (period, holders); // named for the ABI; the library reads them from the call data
        _handOverToBondLogic();
    }

    /// @inheritdoc ISovereignBond
    function payCouponTo(uint256 period, address holder) external onlySelf {
        _pay(holder, SovereignBondLogic.payeeOf(_state, holder, period), _one(period));
    }

    /// @inheritdoc ISovereignBond
    function sweepUnclaimed(uint256 period) external nonReentrant onlyRole(TREASURY_ROLE) returns (uint256 amount) {
        period; // named for the ABI; the library reads it from the call data
        amount = _handOverToBondLogic();
        settlementToken().safeTransfer(treasury(), amount);
    }

    // ---------------------------------------------------------------------------------------------
    // Reads: ERC-1404 messages, interfaces, the terms and the coupon book (answered by the library)

    /// @dev The messages of {DebtSecurity}, read from the linked library to keep their text out of this contract's code.
    function messageForTransferRestriction(uint8 restrictionCode) public pure override returns (string memory) {
        return SovereignBondLogic.transferRestrictionMessage(restrictionCode);
    }

    /// @dev Answers true for {ISovereignBond} and every interface of {DebtSecurity}.
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(ISovereignBond).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc ISovereignBond
    function bondTerms() external view returns (BondTerms memory) {
        _query();
    }

    /// @dev Answered by the linked library, as the bond's own reads ({_query}).
    function allotment(uint256) external view override returns (Allotment memory) {
        _query();
    }

    /// @dev Answered by the linked library from the coupon terms, as the bond's own reads ({_query}).
    function issueDate() external view override returns (uint64) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function couponCount() external view returns (uint256) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function couponDate(uint256) external view returns (uint256) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function recordDate(uint256) external view returns (uint256) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function couponPerToken(uint256) external view returns (uint256) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function coupon(uint256) external view returns (Coupon memory) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function balanceAtRecord(address, uint256) external view returns (uint256) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function supplyAtRecord(uint256) external view returns (uint256) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function couponDue(address, uint256) external view returns (uint256) {
        _query();
    }

    /// @inheritdoc ISovereignBond
    function couponPayee(address, uint256) external view returns (address) {
        _query();
    }

    // ---------------------------------------------------------------------------------------------
    // The core's rare paths, run from the linked library

    /**
     * @dev The core's errors, built by the linked library ({SovereignBondLogic-revertWith}): their
     * encoding stays out of this contract's code (EIP-170 size limit), and only a refused transfer
     * pays for the call.
     */
    function _revertWith(
        uint8 code,
        address from,
        address to,
        uint256 value,
        uint256 fromBalance,
        uint256 fromUnfrozen,
        uint256 lockUpEndsAt_,
        uint256 toBalance,
        uint256 maxBalance_,
        uint256 maxHolders_
    ) internal pure override {
        SovereignBondLogic.revertWith(
            code,
            from,
            to,
            value,
            fromBalance,
            fromUnfrozen,
            lockUpEndsAt_,
            toBalance,
            maxBalance_,
            maxHolders_
        );
    }

    /// @dev The core's recovery bookkeeping, run by the linked library ({SovereignBondLogic-beginRecovery}): EIP-170 size limit.
    function _beginRecovery(address lost, address replacement) internal override returns (bool, uint256) {
        return SovereignBondLogic.beginRecovery(_freezeBook(), address(registry()), lost, replacement);
    }

    /**
     * @dev As {_beginRecovery}, after the forced transfer; then what `lost` is owed for the coupons
     * whose record date has passed is paid to `replacement` from now on (one record, constant gas
     * whatever the number of coupons), while the tokens, and so later coupons, moved with the
     * forced transfer ({SovereignBondLogic-completeWalletRecovery}). Emits an {EntitlementsMoved} event
     * when a record date has passed.
     */
    function _completeRecovery(
        address lost,
        address replacement,
        bool walletFrozen,
        uint256 frozenTokens,
        uint256 amount
    ) internal override {
        SovereignBondLogic.completeWalletRecovery(
            _freezeBook(),
            _state,
            lost,
            replacement,
            walletFrozen,
            frozenTokens,
            amount
        );
    }

    // ---------------------------------------------------------------------------------------------
    // Redemption and the transfer path (balances at record dates)

    /**
     * @dev Pays the final coupon with the principal: face value plus
     * `amount * couponPerToken(last) / 10 ** decimals()`, each rounded down (the final rate, fixed
     * or fallback, does not change once the redemption is funded).
     */
    function _redemptionPayout(address holder, uint256 amount) internal view override returns (uint256) {
        return super._redemptionPayout(holder, amount) + _finalCouponOf(amount);
    }

    /// @dev The face value and the final coupon of the whole supply, each rounded down.
    function _redemptionLiability() internal view override returns (uint256) {
        return super._redemptionLiability() + _finalCouponOf(totalSupply());
    }

    /// @dev Writes down the balances at record dates ({RecordDateBalances}), then applies the token's rules.
    function _update(address from, address to, uint256 value) internal override {
        _recordBalances(from, to);
        super._update(from, to, value);
    }

    function _firstRecordDate() internal view override returns (uint256) {
        return _firstRecordTime;
    }

    /// @dev Run by the linked library ({SovereignBondLogic-recordBalances}), where the schedule is; `change` is
    /// passed as its fields, the library's functions taking ABI types only.
    function _recordStaleBalances(RecordSnapshots.Change memory change) internal override {
        SovereignBondLogic.recordBalances(
            _state,
            _recordBook(),
            change.from,
            change.to,
            change.stale,
            change.fromBalance,
            change.toBalance,
            change.supply
        );
    }

    function _liveBalanceOf(address account) internal view override returns (uint256) {
        return balanceOf(account);
    }

    function _liveTotalSupply() internal view override returns (uint256) {
        return totalSupply();
    }

    // ---------------------------------------------------------------------------------------------
    // Private helpers

    /**
     * @dev Answers the read function being called with the library ({SovereignBondLogic-answerRequest},
     * given this call's data) and returns its answer as this function's own: the read functions'
     * code stays out of this contract (EIP-170 size limit).
     */
    function _query() private view {
        bytes memory answer = SovereignBondLogic.answerRequest(_state, _recordBook(), _allotmentBook(), msg.data);
        // Returns the library's answer, already ABI-encoded, as this function's return data.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            return(add(answer, 32), mload(answer))
        }
    }

    /**
     * @dev Runs {sweepUnclaimed} or {payCoupon} in the linked library, as {SovereignBondLogic-recordSweep}
     * or {SovereignBondLogic-payCouponHolders} (the same arguments; the library's own names keep the
     * order of its lookup), with the coupon state handed over ({HandOver}); returns the first word of
     * the answer. One call site for both keeps the call out of this contract's code twice (EIP-170).
     */
    function _handOverToBondLogic() private returns (uint256) {
        bytes4 selector =
            msg.sig == this.sweepUnclaimed.selector
                ? SovereignBondLogic.recordSweep.selector
                : (
                    msg.sig == this.setCouponRate.selector
                        ? SovereignBondLogic.recordRateFixing.selector
                        : SovereignBondLogic.payCouponHolders.selector
                );
        SovereignBondLogic.State storage state = _state;
        uint256 slot;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            slot := state.slot
        }
        return HandOver.run(address(SovereignBondLogic), selector, slot, redemptionFunded());
    }

    /**
     * @dev Pays `payee`, which must be able to be paid, what `holder` is owed for `periods`, each
     * paid to `payee` ({SovereignBondLogic-claim}).
     */
    function _pay(address holder, address payee, uint256[] memory periods) private returns (uint256 amount) {
        _checkPayable(payee);
        amount = SovereignBondLogic.claim(
            _state,
            _balanceHistory(holder),
            balanceOf(holder),
            holder,
            payee,
            getFrozenTokens(payee),
            periods
        );
        settlementToken().safeTransfer(payee, amount);
    }

    /**
     * @dev The final coupon of `amount` base units, rounded down ({SovereignBondLogic-finalCouponOf}):
     * one call site of the library for the payout and the liability, whose encoding would otherwise be
     * compiled into each (EIP-170 size limit).
     */
    function _finalCouponOf(uint256 amount) private view returns (uint256) {
        return SovereignBondLogic.finalCouponOf(_state, amount);
    }

    /// @dev `[period]`.
    function _one(uint256 period) private pure returns (uint256[] memory periods) {
        periods = new uint256[](1);
        periods[0] = period;
    }

    /// @dev Reverts as a burn by `holder` would (pause, verification, freeze, eligibility): the rule for paying a holder.
    function _checkPayable(address holder) private view {
        uint8 code = _transferRestriction(holder, address(0), 0);
        if (code != TransferRestriction.SUCCESS) _revertRestricted(code, holder, address(0), 0);
    }

    /// @dev Reverts unless the coupon terms are consistent with each other and with `schedule`.
    function _checkBondTerms(BondTerms memory bondTerms_, CouponSchedule.Schedule memory schedule) private pure {
        if ((bondTerms_.floatingRate || schedule.count == 0) && bondTerms_.couponRateBps != 0) {
            revert SovereignBondInvalidRate(
                bondTerms_.couponFrequency,
                bondTerms_.floatingRate,
                bondTerms_.couponRateBps
            );
        }
        if (bondTerms_.claimWindow == 0) revert SovereignBondInvalidClaimWindow(bondTerms_.claimWindow);
        if (bondTerms_.isSukuk != (bondTerms_.assetDocumentsHash != bytes32(0))) {
            revert SovereignBondInvalidAssetDocuments(bondTerms_.isSukuk, bondTerms_.assetDocumentsHash);
        }
        if (
            schedule.count != 0 &&
            bondTerms_.recordDateOffset >= CouponSchedule.couponDate(schedule, 0) - schedule.issueDate
        ) {
            revert SovereignBondInvalidRecordDateOffset(bondTerms_.recordDateOffset);
        }
    }
}
