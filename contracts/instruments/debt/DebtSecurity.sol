// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IInvestorRegistry} from "../../registry/IInvestorRegistry.sol";
import {RegulatedToken} from "../../token/RegulatedToken.sol";
import {HandOver} from "../../utils/HandOver.sol";
import {DebtSecurityLogic} from "./DebtSecurityLogic.sol";
import {DebtRestriction} from "./DebtRestriction.sol";
import {IDebtSecurity} from "./IDebtSecurity.sol";
import {Isin} from "./Isin.sol";

/**
 * @dev The abstract base of the debt instruments (treasury bill, sovereign bond): a
 * {RegulatedToken} with fixed terms, delivery-versus-payment settlement of auction allotments and
 * redemption at maturity (see {IDebtSecurity} for the behaviour, the money rules and the rounding).
 *
 * Extension points for instruments:
 * - {_redemptionPayout} and {_redemptionLiability}: what a redemption pays and what the treasury
 *   must fund (face value by default; a bond adds its final coupon);
 * - {_maxPrice}: the highest price an allotment may carry (none by default; a bill says face
 *   value); {_checkPrice} applies it with "not zero";
 * - {_redeem}, {_pullExact}, {_checkReceived}, {_costUp}, {_faceValueDown}, {_matured},
 *   {_requireMatured}, {_requireNotMatured}: the money movements, their rounding and the date
 *   checks, for the instrument's own operations;
 * - restriction codes: {DebtRestriction} uses 32 to 63; an instrument numbers its own from 64 and
 *   extends {_transferRestriction}, {_revertRestricted} and {messageForTransferRestriction}.
 *
 * The allotment rows and their settlement loop live in the external library {DebtSecurityLogic}
 * (linked at deployment), which keeps every debt instrument under the contract size limit; this
 * contract moves the tokens and the money.
 *
 * Every function that moves settlement tokens is `nonReentrant`. The one-allotment and
 * one-holder steps ({settleAllotment}, {redeemBalanceOf}) are external only so that a batch (run
 * by the library, under the rule of {BatchStep}: bounded gas and revert data) can catch the
 * failure of one step; they accept calls from this contract alone, inside the batch's re-entrancy
 * lock.
 *
 * Arithmetic is checked: a product that would overflow (amounts times prices beyond 2**256, far
 * beyond any issue size) reverts rather than wraps.
 *
 * Not checked: the core's {mint} and {batchMint} still let `ISSUER_ROLE` issue without payment
 * (and then need another {fundRedemption}), and its issuer {burn} destroys a claim without paying
 * it. Redemption funds no holder can claim (claims burnt by the issuer, rounding dust) go back to
 * the treasury with {sweepRedemptionSurplus}.
 */
abstract contract DebtSecurity is RegulatedToken, ReentrancyGuardTransient, IDebtSecurity {
    using SafeERC20 for IERC20;

    /// @dev Funds redemptions from the treasury wallet and redeems on behalf of holders.
    bytes32 public constant TREASURY_ROLE = keccak256("TREASURY_ROLE");

    IERC20 private immutable _settlementToken;
    uint256 private immutable _faceValue;
    bytes12 private immutable _isin;
    uint64 private immutable _issueDate;
    uint64 private immutable _maturityDate;

    address private _treasury;
    uint256 private _redemptionFunded;
    uint256 private _redemptionPaid;
    Allotment[] private _allotments;

    /// @dev Lets only this contract call: the steps of a batch that may fail on their own.
    modifier onlySelf() {
        if (msg.sender != address(this)) revert DebtSecurityOnlySelf(msg.sender);
        _;
    }

    /**
     * @dev `name_` to `adminDelay`: as {RegulatedToken}. `terms`: see {DebtTerms}; the ISIN must be
     * valid, the settlement token a contract, the treasury not zero, the face value not zero and
     * the maturity after the issue date.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay,
        DebtTerms memory terms
    ) RegulatedToken(name_, symbol_, decimals_, registry_, admin, adminDelay) {
        if (!Isin.isValid(bytes(terms.isin))) revert DebtSecurityInvalidIsin(terms.isin);
        if (address(terms.settlementToken).code.length == 0) {
            revert DebtSecurityInvalidSettlementToken(address(terms.settlementToken));
        }
        if (terms.faceValue == 0) revert DebtSecurityInvalidFaceValue(terms.faceValue);
        if (terms.maturityDate <= terms.issueDate) {
            revert DebtSecurityInvalidDates(terms.issueDate, terms.maturityDate);
        }
        _isin = bytes12(bytes(terms.isin));
        _settlementToken = terms.settlementToken;
        _faceValue = terms.faceValue;
        _issueDate = terms.issueDate;
        _maturityDate = terms.maturityDate;
        _setTreasury(terms.treasury);
    }

    // ---------------------------------------------------------------------------------------------
    // Treasury and auction allotments

    /// @inheritdoc IDebtSecurity
    function setTreasury(address newTreasury) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setTreasury(newTreasury);
    }

    /// @inheritdoc IDebtSecurity
    function recordAllotments(
        bytes32 auctionId,
        address[] calldata bidders,
        uint256[] calldata amounts,
        uint256[] calldata prices
    ) external onlyRole(ISSUER_ROLE) returns (uint256 firstId) {
        (auctionId, bidders, amounts, prices); // named for the ABI; the library reads them from the call data
        _requireNotMatured();
        return _handOverToDebtLogic();
    }

    /// @inheritdoc IDebtSecurity
    function settleAllotments(uint256[] calldata ids) external nonReentrant onlyRole(ISSUER_ROLE) {
        ids; // named for the ABI; the library reads it from the call data
        _requireNotMatured();
        _handOverToDebtLogic();
    }

    /// @inheritdoc IDebtSecurity
    function settleAllotment(uint256 id) external onlySelf {
        // Pending: {DebtSecurityLogic-settleAllotments} checked it before calling.
        Allotment storage allotment_ = _allotments[id];
        (address bidder, uint256 amount) = (allotment_.bidder, allotment_.amount);
        uint256 cost = _costUp(amount, allotment_.price);
        allotment_.status = AllotmentStatus.Settled;
        _mint(bidder, amount);
        _pullExact(bidder, _treasury, cost);
        emit AllotmentSettled(id, bidder, amount, cost);
    }

    /// @inheritdoc IDebtSecurity
    function cancelAllotment(uint256 id) external onlyRole(ISSUER_ROLE) {
        id; // named for the ABI; the library reads it from the call data
        _handOverToDebtLogic();
    }

    // ---------------------------------------------------------------------------------------------
    // Redemption at maturity

    /// @inheritdoc IDebtSecurity
    function fundRedemption() external nonReentrant onlyRole(TREASURY_ROLE) returns (uint256 amount) {
        (uint256 liability, uint256 available) = _redemptionBook();
        if (liability <= available) revert DebtSecurityNothingToFund(liability, available);
        amount = liability - available;
        _redemptionFunded += amount;
        _pullExact(_treasury, address(this), amount);
        emit RedemptionFunded(amount);
    }

    /// @inheritdoc IDebtSecurity
    function sweepRedemptionSurplus() external nonReentrant onlyRole(TREASURY_ROLE) returns (uint256 amount) {
        (uint256 liability, uint256 available) = _redemptionBook();
        if (available <= liability) revert DebtSecurityNothingToSweep(available, liability);
        amount = available - liability;
        _redemptionFunded -= amount;
        _settlementToken.safeTransfer(_treasury, amount);
        emit RedemptionSurplusSwept(amount);
    }

    /// @inheritdoc IDebtSecurity
    function redeem(uint256 amount) external nonReentrant returns (uint256 paid) {
        address holder = _msgSender();
        return _redeem(holder, holder, amount);
    }

    /// @inheritdoc IDebtSecurity
    function redeemFor(address[] calldata holders) external nonReentrant onlyRole(TREASURY_ROLE) {
        holders; // named for the ABI; the library reads it from the call data
        _requireMatured();
        _handOverToDebtLogic();
    }

    /// @inheritdoc IDebtSecurity
    function redeemBalanceOf(address holder) external onlySelf {
        _redeem(holder, holder, balanceOf(holder));
    }

    // ---------------------------------------------------------------------------------------------
    // Reads

    /// @dev Explains {DebtRestriction-MATURED} and the core's codes ({DebtRestriction-message}).
    function messageForTransferRestriction(uint8 restrictionCode) public view virtual override returns (string memory) {
        return DebtRestriction.message(restrictionCode);
    }

    /// @dev Answers true for {IDebtSecurity} and every interface of {RegulatedToken}.
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(IDebtSecurity).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IDebtSecurity
    function isin() external view returns (string memory) {
        return string(abi.encodePacked(_isin));
    }

    /// @inheritdoc IDebtSecurity
    function settlementToken() public view returns (IERC20) {
        return _settlementToken;
    }

    /// @inheritdoc IDebtSecurity
    function treasury() public view returns (address) {
        return _treasury;
    }

    /// @inheritdoc IDebtSecurity
    function faceValue() public view returns (uint256) {
        return _faceValue;
    }

    /// @inheritdoc IDebtSecurity
    function issueDate() external view virtual returns (uint64) {
        return _issueDate;
    }

    /// @inheritdoc IDebtSecurity
    function maturityDate() public view returns (uint64) {
        return _maturityDate;
    }

    /// @inheritdoc IDebtSecurity
    function allotment(uint256 id) external view virtual returns (Allotment memory) {
        return DebtSecurityLogic.rowOrEmpty(_allotments, id);
    }

    /// @inheritdoc IDebtSecurity
    function allotmentCount() external view returns (uint256) {
        return _allotments.length;
    }

    /// @inheritdoc IDebtSecurity
    function redemptionFunded() public view returns (uint256) {
        return _redemptionFunded;
    }

    /// @inheritdoc IDebtSecurity
    function redemptionPaid() external view returns (uint256) {
        return _redemptionPaid;
    }

    /// @inheritdoc IDebtSecurity
    function redemptionDue() external view returns (uint256) {
        (uint256 liability, uint256 available) = _redemptionBook();
        return liability > available ? liability - available : 0;
    }

    // ---------------------------------------------------------------------------------------------
    // Money movements

    /**
     * @dev Burns `amount` of `holder` and pays {_redemptionPayout} to `recipient` from the funded
     * redemption. The burn is the core's burn by the holder (not paused, holder verified, not
     * frozen, eligible, within its unfrozen balance); the maturity restriction does not apply to it.
     *
     * Requirements: at or after the maturity date; `amount` not zero; the payout funded.
     *
     * Emits {IERC20-Transfer} and {Redeemed} events. The caller holds the re-entrancy lock.
     */
    function _redeem(address holder, address recipient, uint256 amount) internal returns (uint256 paid) {
        _requireMatured();
        if (amount == 0) revert DebtSecurityInvalidAmount(amount);
        paid = _redemptionPayout(holder, amount);
        uint256 available = _redemptionAvailable();
        if (paid > available) revert DebtSecurityInsufficientFunding(paid, available);
        _redemptionPaid += paid;
        _burn(holder, amount);
        _settlementToken.safeTransfer(recipient, paid);
        emit Redeemed(holder, amount, paid);
    }

    /**
     * @dev Moves `amount` settlement-token base units from `from` to `to` with `transferFrom`
     * (this contract must be approved) and reverts with {DebtSecurityTransferAmountMismatch}
     * unless `to` received exactly `amount`.
     */
    function _pullExact(address from, address to, uint256 amount) internal {
        uint256 balanceBefore = _settlementToken.balanceOf(to);
        _settlementToken.safeTransferFrom(from, to, amount);
        _checkReceived(to, balanceBefore, amount);
    }

    /**
     * @dev Reverts with {DebtSecurityTransferAmountMismatch} unless the settlement-token balance of
     * `account` is now exactly `balanceBefore + expected`.
     */
    function _checkReceived(address account, uint256 balanceBefore, uint256 expected) internal view {
        uint256 balanceAfter = _settlementToken.balanceOf(account);
        if (balanceAfter != balanceBefore + expected) {
            uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
            revert DebtSecurityTransferAmountMismatch(expected, received);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Transfer rules

    /// @dev Maturity first (code {DebtRestriction-MATURED} for mints and transfers from the maturity date), then the core's rules.
    function _transferRestriction(
        address from,
        address to,
        uint256 amount
    ) internal view virtual override returns (uint8) {
        if (to != address(0) && _matured()) return DebtRestriction.MATURED;
        return super._transferRestriction(from, to, amount);
    }

    /// @dev {DebtSecurityMatured} for {DebtRestriction-MATURED}, else the core's errors.
    function _revertRestricted(uint8 code, address from, address to, uint256 value) internal view virtual override {
        DebtRestriction.revertIfMatured(code, _maturityDate);
        super._revertRestricted(code, from, to, value);
    }

    // ---------------------------------------------------------------------------------------------
    // Extension points, rounding and dates

    /**
     * @dev What redeeming `amount` of `holder` pays, read before the burn: its face value. An
     * instrument that pays more at maturity (a bond's final coupon) extends it, and
     * {_redemptionLiability} with it.
     */
    function _redemptionPayout(address /* holder */, uint256 amount) internal view virtual returns (uint256) {
        return _faceValueDown(amount);
    }

    /**
     * @dev What {fundRedemption} must hold to pay every holder in full: the face value of the
     * whole supply. It is never below the sum of {_redemptionPayout} over the holders' balances,
     * since each payout is rounded down. An override must keep that property.
     */
    function _redemptionLiability() internal view virtual returns (uint256) {
        return _faceValueDown(totalSupply());
    }

    /// @dev Reverts with {DebtSecurityInvalidPrice} unless `price` may be allotted: not zero and at most {_maxPrice}.
    function _checkPrice(uint256 price) internal view {
        DebtSecurityLogic.checkPrice(price, _maxPrice());
    }

    /// @dev The highest price an allotment may carry: no limit by default; a bill sold at a discount says face value.
    function _maxPrice() internal view virtual returns (uint256) {
        return type(uint256).max;
    }

    /// @dev Face value of `amount` base units: `amount * faceValue / 10 ** decimals()`, rounded down (to the holder).
    function _faceValueDown(uint256 amount) internal view returns (uint256) {
        return (amount * _faceValue) / _baseUnitsPerToken();
    }

    /**
     * @dev Cost of `amount` base units at `price` per whole token: `amount * price / 10 ** decimals()`,
     * rounded up (the treasury never receives less than the price).
     */
    function _costUp(uint256 amount, uint256 price) internal view returns (uint256) {
        return Math.ceilDiv(amount * price, _baseUnitsPerToken());
    }

    /// @dev The allotment rows, for a linked library that answers {allotment} on this contract's storage.
    function _allotmentBook() internal view returns (Allotment[] storage) {
        return _allotments;
    }

    /// @dev Reverts with {DebtSecurityMatured} from the maturity date on.
    function _requireNotMatured() internal view {
        if (_matured()) revert DebtSecurityMatured(_maturityDate);
    }

    /// @dev Reverts with {DebtSecurityNotMatured} before the maturity date.
    function _requireMatured() internal view {
        if (!_matured()) revert DebtSecurityNotMatured(_maturityDate);
    }

    /// @dev Whether the maturity date has come.
    function _matured() internal view returns (bool) {
        return block.timestamp >= _maturityDate;
    }

    /// @dev Funded and not yet paid.
    function _redemptionAvailable() private view returns (uint256) {
        return _redemptionFunded - _redemptionPaid;
    }

    /// @dev What the whole supply can claim at redemption ({_redemptionLiability}), and the funds held for it.
    function _redemptionBook() private view returns (uint256 liability, uint256 available) {
        return (_redemptionLiability(), _redemptionAvailable());
    }

    /**
     * @dev Runs this call's function in {DebtSecurityLogic}, which has the same signature, handing
     * over the allotment book and {_maxPrice} ({HandOver}); returns its first return word.
     */
    function _handOverToDebtLogic() private returns (uint256) {
        Allotment[] storage book = _allotments;
        uint256 slot;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            slot := book.slot
        }
        return HandOver.run(address(DebtSecurityLogic), msg.sig, slot, _maxPrice());
    }

    function _setTreasury(address newTreasury) private {
        if (newTreasury == address(0)) revert DebtSecurityInvalidTreasury(newTreasury);
        emit TreasuryChanged(_treasury, newTreasury);
        _treasury = newTreasury;
    }
}
