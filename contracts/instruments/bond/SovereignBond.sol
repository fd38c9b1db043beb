// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IInvestorRegistry} from "../../registry/IInvestorRegistry.sol";
import {TransferRestriction} from "../../token/TransferRestriction.sol";
import {DayCount} from "../../utils/DayCount.sol";
import {DebtSecurity} from "../debt/DebtSecurity.sol";
import {CouponSchedule} from "./CouponSchedule.sol";
import {ISovereignBond} from "./ISovereignBond.sol";
import {RecordDateBalances} from "./RecordDateBalances.sol";
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
 * The coupon book lives in the external library {SovereignBondLogic} (linked at deployment), which
 * checks the rules and keeps the books on this contract's storage; this contract moves the money,
 * through the settlement-token functions of {DebtSecurity}.
 */
contract SovereignBond is DebtSecurity, RecordDateBalances, ISovereignBond {
    using SafeERC20 for IERC20;

    /// @dev Fixes the rates of the periods of a floating-rate bond.
    bytes32 public constant RATE_SETTER_ROLE = keccak256("RATE_SETTER_ROLE");

    // The schedule ({CouponSchedule-Schedule}) in immutables, for transfers to read it cheaply.
    uint256 private immutable _scheduleIssueDate;
    uint256 private immutable _couponCount;
    uint256 private immutable _maturityMonth;
    uint256 private immutable _maturityDayOfMonth;
    bool private immutable _endOfMonth;
    // The coupon terms.
    uint8 private immutable _frequency;
    bool private immutable _floatingRate;
    uint16 private immutable _fixedRateBps;
    DayCount.Convention private immutable _dayCount;
    uint32 private immutable _recordDateOffset;
    uint32 private immutable _claimWindow;
    bool private immutable _isSukuk;
    bytes32 private immutable _assetDocumentsHash;
    /// @dev The first and last record dates that decide an entitlement (every coupon but the final one).
    uint256 private immutable _firstRecordTime;
    uint256 private immutable _lastRecordTime;

    SovereignBondLogic.Book private _book;

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
        uint256 firstRecordDate = type(uint256).max;
        uint256 lastRecordDate = type(uint256).max;
        if (schedule.count != 0) {
            uint256 firstCouponDate = CouponSchedule.couponDate(schedule, 0);
            if (bondTerms_.recordDateOffset >= firstCouponDate - terms.issueDate) {
                revert SovereignBondInvalidRecordDateOffset(bondTerms_.recordDateOffset);
            }
            if (schedule.count > 1) {
                firstRecordDate = firstCouponDate - bondTerms_.recordDateOffset;
                lastRecordDate = CouponSchedule.couponDate(schedule, schedule.count - 2) - bondTerms_.recordDateOffset;
            }
        }
        _scheduleIssueDate = schedule.issueDate;
        _couponCount = schedule.count;
        _maturityMonth = schedule.maturityMonth;
        _maturityDayOfMonth = schedule.maturityDayOfMonth;
        _endOfMonth = schedule.endOfMonth;
        _frequency = bondTerms_.couponFrequency;
        _floatingRate = bondTerms_.floatingRate;
        _fixedRateBps = bondTerms_.couponRateBps;
        _dayCount = bondTerms_.dayCount;
        _recordDateOffset = bondTerms_.recordDateOffset;
        _claimWindow = bondTerms_.claimWindow;
        _isSukuk = bondTerms_.isSukuk;
        _assetDocumentsHash = bondTerms_.assetDocumentsHash;
        _firstRecordTime = firstRecordDate;
        _lastRecordTime = lastRecordDate;
    }

    /// @inheritdoc ISovereignBond
    function setCouponRate(uint256 period, uint16 rateBps) external onlyRole(RATE_SETTER_ROLE) {
        SovereignBondLogic.setCouponRate(_book, _config(), period, rateBps);
    }

    /// @inheritdoc ISovereignBond
    function fundCoupon(uint256 period) external nonReentrant onlyRole(TREASURY_ROLE) returns (uint256 amount) {
        amount = SovereignBondLogic.fundCoupon(_book, _config(), _supplyHistory(), totalSupply(), period);
        _pullExact(treasury(), address(this), amount);
    }

    /// @inheritdoc ISovereignBond
    function claimCoupon(uint256 period) external nonReentrant returns (uint256 amount) {
        address holder = _msgSender();
        _checkPayable(holder);
        amount = _settle(_config(), holder, period);
        settlementToken().safeTransfer(holder, amount);
    }

    /// @inheritdoc ISovereignBond
    function claimCoupons(uint256[] calldata periods) external nonReentrant returns (uint256 amount) {
        address holder = _msgSender();
        _checkPayable(holder);
        SovereignBondLogic.Config memory config = _config();
        for (uint256 i = 0; i < periods.length; ++i) {
            amount += _settle(config, holder, periods[i]);
        }
        settlementToken().safeTransfer(holder, amount);
    }

    /// @inheritdoc ISovereignBond
    function payCoupon(uint256 period, address[] calldata holders) external nonReentrant onlyRole(TREASURY_ROLE) {
        for (uint256 i = 0; i < holders.length; ++i) {
            try this.payCouponTo(period, holders[i]) {} catch (bytes memory reason) {
                if (_isSukuk) emit RentalPaymentSkipped(period, holders[i], reason);
                else emit CouponPaymentSkipped(period, holders[i], reason);
            }
        }
    }

    /// @inheritdoc ISovereignBond
    function payCouponTo(uint256 period, address holder) external onlySelf {
        _checkPayable(holder);
        settlementToken().safeTransfer(holder, _settle(_config(), holder, period));
    }

    /// @inheritdoc ISovereignBond
    function sweepUnclaimed(uint256 period) external nonReentrant onlyRole(TREASURY_ROLE) returns (uint256 amount) {
        amount = SovereignBondLogic.sweepUnclaimed(_book, _config(), period);
        settlementToken().safeTransfer(treasury(), amount);
    }

    /**
     * @dev The core's wallet recovery, then the unpaid entitlements of `lost` to coupons whose record
     * date has passed move to `replacement` (the tokens themselves, and so later coupons, move with
     * the core's forced transfer). Costs one loop step per such coupon.
     *
     * Emits an {EntitlementMoved} event per coupon with something to move.
     */
    function recoverWallet(address lost, address replacement) public override {
        super.recoverWallet(lost, replacement);
        SovereignBondLogic.moveEntitlements(
            _book,
            _balanceHistory(lost),
            balanceOf(lost),
            lost,
            replacement,
            _recordDatesPassed()
        );
    }

    /// @dev Answers true for {ISovereignBond} and every interface of {DebtSecurity}.
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(ISovereignBond).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc ISovereignBond
    function bondTerms() external view returns (BondTerms memory) {
        return
            BondTerms({
                couponFrequency: _frequency,
                floatingRate: _floatingRate,
                couponRateBps: _fixedRateBps,
                dayCount: _dayCount,
                recordDateOffset: _recordDateOffset,
                claimWindow: _claimWindow,
                isSukuk: _isSukuk,
                assetDocumentsHash: _assetDocumentsHash
            });
    }

    /// @inheritdoc ISovereignBond
    function paymentKind() external view returns (string memory) {
        return _isSukuk ? "rental" : "coupon";
    }

    /// @inheritdoc ISovereignBond
    function couponCount() external view returns (uint256) {
        return _couponCount;
    }

    /// @inheritdoc ISovereignBond
    function couponDate(uint256 period) external view returns (uint256) {
        return SovereignBondLogic.couponDate(_config(), period);
    }

    /// @inheritdoc ISovereignBond
    function recordDate(uint256 period) external view returns (uint256) {
        return SovereignBondLogic.recordDate(_config(), period);
    }

    /// @inheritdoc ISovereignBond
    function accrualFraction(uint256 period) external view returns (uint256 numerator, uint256 denominator) {
        return SovereignBondLogic.accrualFraction(_config(), period);
    }

    /// @inheritdoc ISovereignBond
    function couponPerToken(uint256 period) external view returns (uint256) {
        return SovereignBondLogic.couponPerToken(_book, _config(), period);
    }

    /// @inheritdoc ISovereignBond
    function coupon(uint256 period) external view returns (Coupon memory) {
        return _book.coupons[period];
    }

    /// @inheritdoc ISovereignBond
    function balanceAtRecord(address holder, uint256 period) external view returns (uint256) {
        return SovereignBondLogic.valueAtRecord(_config(), _balanceHistory(holder), balanceOf(holder), period);
    }

    /// @inheritdoc ISovereignBond
    function supplyAtRecord(uint256 period) external view returns (uint256) {
        return SovereignBondLogic.valueAtRecord(_config(), _supplyHistory(), totalSupply(), period);
    }

    /// @inheritdoc ISovereignBond
    function couponDue(address holder, uint256 period) external view returns (uint256) {
        return
            SovereignBondLogic.couponDue(_book, _config(), _balanceHistory(holder), balanceOf(holder), holder, period);
    }

    /**
     * @dev Pays the final coupon with the principal: face value plus
     * `amount * couponPerToken(last) / 10 ** decimals()`, each rounded down.
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

    /**
     * @dev Among the record dates that decide an entitlement (every coupon but the final one): all
     * passed after the last, else computed from the schedule.
     */
    function _recordDateWindow() internal view override returns (uint256 passed, uint256 validUntil) {
        if (block.timestamp > _lastRecordTime) return (_couponCount - 1, type(uint64).max);
        CouponSchedule.Schedule memory schedule = _schedule();
        passed = CouponSchedule.countBefore(schedule, block.timestamp + _recordDateOffset);
        validUntil = CouponSchedule.couponDate(schedule, passed) - _recordDateOffset;
    }

    /// @dev The number of record dates passed that decide an entitlement.
    function _recordDatesPassed() private view returns (uint256 passed) {
        if (block.timestamp <= _firstRecordTime) return 0;
        (passed, ) = _recordDateWindow();
    }

    function _liveBalanceOf(address account) internal view override returns (uint256) {
        return balanceOf(account);
    }

    function _liveTotalSupply() internal view override returns (uint256) {
        return totalSupply();
    }

    /// @dev {SovereignBondLogic-settle} for `holder` and coupon `period`.
    function _settle(
        SovereignBondLogic.Config memory config,
        address holder,
        uint256 period
    ) private returns (uint256) {
        return SovereignBondLogic.settle(_book, config, _balanceHistory(holder), balanceOf(holder), holder, period);
    }

    /// @dev Reverts as a burn by `holder` would (pause, verification, freeze, eligibility): the rule for paying a holder.
    function _checkPayable(address holder) private view {
        uint8 code = _transferRestriction(holder, address(0), 0);
        if (code != TransferRestriction.SUCCESS) _revertRestricted(code, holder, address(0), 0);
    }

    /// @dev The final coupon of `amount` base units: 0 for a zero-coupon bond.
    function _finalCouponOf(uint256 amount) private view returns (uint256) {
        if (_couponCount == 0) return 0;
        uint256 perToken = SovereignBondLogic.couponPerToken(_book, _config(), _couponCount - 1);
        return Math.mulDiv(amount, perToken, 10 ** decimals());
    }

    function _config() private view returns (SovereignBondLogic.Config memory) {
        return
            SovereignBondLogic.Config({
                schedule: _schedule(),
                dayCount: uint8(_dayCount),
                floatingRate: _floatingRate,
                fixedRateBps: _fixedRateBps,
                recordDateOffset: _recordDateOffset,
                claimWindow: _claimWindow,
                isSukuk: _isSukuk,
                faceValue: faceValue(),
                unit: 10 ** decimals()
            });
    }

    function _schedule() private view returns (CouponSchedule.Schedule memory) {
        return
            CouponSchedule.Schedule({
                issueDate: _scheduleIssueDate,
                maturityDate: maturityDate(),
                frequency: _frequency,
                count: _couponCount,
                maturityMonth: _maturityMonth,
                maturityDayOfMonth: _maturityDayOfMonth,
                endOfMonth: _endOfMonth
            });
    }
}
