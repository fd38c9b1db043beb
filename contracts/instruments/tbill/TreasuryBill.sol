// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IInvestorRegistry} from "../../registry/IInvestorRegistry.sol";
import {DebtSecurity} from "../debt/DebtSecurity.sol";
import {ITreasuryBill} from "./ITreasuryBill.sol";

/**
 * @dev A treasury bill on {DebtSecurity}: money-market pricing on a fixed day-count basis,
 * prices at most the face value (a discount security), and rollover into a newer bill at the
 * price of the day (see {ITreasuryBill-setRolloverPrice}).
 */
contract TreasuryBill is DebtSecurity, ITreasuryBill {
    using SafeERC20 for IERC20;

    /**
     * @dev Held by a newer bill, to redeem holders' matured bills into it ({redeemTo}). It can
     * redeem any holder's bills to any recipient: grant it only to a `TreasuryBill` contract.
     */
    bytes32 public constant ROLLOVER_ROLE = keccak256("ROLLOVER_ROLE");

    uint256 private constant WAD = 1e18;

    /**
     * @dev An open or closed rollover of a matured bill: the money-market yield that the price set
     * implied for the days then remaining, from which the price of each day is computed.
     */
    struct RolloverOffer {
        bool open;
        uint256 yieldRate;
    }

    DayCount private immutable _dayCount;
    mapping(ITreasuryBill maturedBill => RolloverOffer) private _rollovers;

    /**
     * @dev `name_` to `adminDelay`: as {RegulatedToken}; `terms`: as {DebtSecurity};
     * `dayCount_`: the day-count basis of the yield.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay,
        DebtTerms memory terms,
        DayCount dayCount_
    ) DebtSecurity(name_, symbol_, decimals_, registry_, admin, adminDelay, terms) {
        _dayCount = dayCount_;
    }

    /// @inheritdoc ITreasuryBill
    function setRolloverPrice(ITreasuryBill maturedBill, uint256 price) external onlyRole(ISSUER_ROLE) {
        if (
            address(maturedBill) == address(this) ||
            address(maturedBill.settlementToken()) != address(settlementToken())
        ) {
            revert TreasuryBillInvalidRolloverSource(address(maturedBill));
        }
        uint256 yieldRate = price == 0 ? 0 : yieldForPrice(price, block.timestamp);
        _rollovers[maturedBill] = RolloverOffer(price != 0, yieldRate);
        emit RolloverPriceSet(address(maturedBill), price, yieldRate);
    }

    /// @inheritdoc ITreasuryBill
    function rollover(
        ITreasuryBill maturedBill,
        uint256 amount
    ) external nonReentrant returns (uint256 newAmount, uint256 change) {
        _requireNotMatured();
        uint256 price = rolloverPrice(maturedBill);
        if (price == 0) revert TreasuryBillRolloverClosed(address(maturedBill));
        address holder = _msgSender();
        IERC20 token = settlementToken();
        uint256 balanceBefore = token.balanceOf(address(this));
        uint256 proceeds = maturedBill.redeemTo(holder, amount, address(this));
        _checkReceived(address(this), balanceBefore, proceeds);

        newAmount = (proceeds * _baseUnitsPerToken()) / faceValue();
        if (newAmount == 0) revert DebtSecurityInvalidAmount(newAmount);
        uint256 cost = _costUp(newAmount, price);
        change = proceeds - cost; // price <= faceValue, so cost <= the face value of newAmount <= proceeds
        _mint(holder, newAmount);
        token.safeTransfer(treasury(), cost);
        if (change != 0) token.safeTransfer(holder, change);
        emit RolledOver(holder, address(maturedBill), amount, newAmount, cost, change);
    }

    /// @inheritdoc ITreasuryBill
    function redeemTo(
        address holder,
        uint256 amount,
        address recipient
    ) external nonReentrant onlyRole(ROLLOVER_ROLE) returns (uint256 paid) {
        return _redeem(holder, recipient, amount);
    }

    /// @dev Answers true for {ITreasuryBill} and every interface of {DebtSecurity}.
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(ITreasuryBill).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @inheritdoc ITreasuryBill
    function dayCount() external view returns (DayCount) {
        return _dayCount;
    }

    /// @inheritdoc ITreasuryBill
    function daysToMaturity(uint256 asOf) public view returns (uint256) {
        uint256 maturity = maturityDate();
        if (asOf > maturity) revert TreasuryBillInvalidDate(asOf);
        return maturity / 1 days - asOf / 1 days;
    }

    /// @inheritdoc ITreasuryBill
    function priceForYield(uint256 yieldRate, uint256 asOf) public view returns (uint256 price) {
        uint256 basis = _basisWad();
        return (faceValue() * basis) / (basis + yieldRate * daysToMaturity(asOf));
    }

    /// @inheritdoc ITreasuryBill
    function yieldForPrice(uint256 price, uint256 asOf) public view returns (uint256 yieldRate) {
        _checkPrice(price);
        uint256 days_ = daysToMaturity(asOf);
        if (days_ == 0) revert TreasuryBillInvalidDate(asOf);
        return ((faceValue() - price) * _basisWad()) / (price * days_);
    }

    /// @inheritdoc ITreasuryBill
    function rolloverPrice(ITreasuryBill maturedBill) public view returns (uint256) {
        RolloverOffer memory offer = _rollovers[maturedBill];
        if (!offer.open || _matured()) return 0;
        return priceForYield(offer.yieldRate, block.timestamp);
    }

    /// @inheritdoc ITreasuryBill
    function rolloverYield(ITreasuryBill maturedBill) external view returns (uint256) {
        return _rollovers[maturedBill].yieldRate;
    }

    /// @dev A bill is sold at a discount: a price is at most the face value.
    function _maxPrice() internal view override returns (uint256) {
        return faceValue();
    }

    /// @dev The day-count basis in days, times 1e18.
    function _basisWad() private view returns (uint256) {
        return (_dayCount == DayCount.Actual360 ? 360 : 365) * WAD;
    }
}
