// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943Fungible.sol";
import {checkBatchLength} from "../utils/Batch.sol";
import {Freezes} from "./Freezes.sol";
import {IRegulatedToken} from "./IRegulatedToken.sol";
import {TokenPolicy} from "./TokenPolicy.sol";
import {TransferRestriction} from "./TransferRestriction.sol";

/**
 * @dev The freezes of {RegulatedToken}: whole wallets and tokens within a wallet, set by
 * `ENFORCEMENT_ROLE`, and the freeze bookkeeping of a wallet recovery ({Freezes}), which an
 * instrument near the contract size limit may run from its linked library through
 * {_beginRecovery} and {_completeRecovery}. The core's transfer and enforcement rules read and
 * lower the freezes through the internal functions here.
 *
 * Also the account-level rules that read the freezes with the policy ({_accountRestriction}:
 * verified, wallet not frozen, country and category allowed), which ERC-7943's {canSend} and
 * {canReceive} answer and every transfer applies to its sender and receiver.
 */
abstract contract TokenFreezes is TokenPolicy, IERC7943Fungible {
    /// @dev Freezes wallets and tokens, forces transfers and recovers wallets.
    bytes32 public constant ENFORCEMENT_ROLE = keccak256("ENFORCEMENT_ROLE");

    mapping(address account => Freezes.Freeze) internal _freezes;

    /// @inheritdoc IERC7943Fungible
    function setFrozenTokens(address account, uint256 amount) external onlyRole(ENFORCEMENT_ROLE) returns (bool) {
        _setFrozenTokens(account, amount);
        return true;
    }

    /// @inheritdoc IRegulatedToken
    function batchSetFrozenTokens(
        address[] calldata accounts,
        uint256[] calldata amounts
    ) external onlyRole(ENFORCEMENT_ROLE) {
        checkBatchLength(accounts.length, amounts.length);
        for (uint256 i = 0; i < accounts.length; ++i) {
            _setFrozenTokens(accounts[i], amounts[i]);
        }
    }

    /// @inheritdoc IRegulatedToken
    function setAddressFrozen(address wallet, bool frozen) external onlyRole(ENFORCEMENT_ROLE) {
        _setAddressFrozen(wallet, frozen);
    }

    /// @inheritdoc IRegulatedToken
    function batchSetAddressFrozen(
        address[] calldata wallets,
        bool[] calldata frozen
    ) external onlyRole(ENFORCEMENT_ROLE) {
        checkBatchLength(wallets.length, frozen.length);
        for (uint256 i = 0; i < wallets.length; ++i) {
            _setAddressFrozen(wallets[i], frozen[i]);
        }
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) public view returns (uint256) {
        return _freezes[account].frozenTokens;
    }

    /// @inheritdoc IRegulatedToken
    function isAddressFrozen(address wallet) external view returns (bool) {
        return _freezes[wallet].walletFrozen;
    }

    /// @dev The checks and the freeze bookkeeping of {recoverWallet} before its forced transfer ({Freezes-beginRecovery}).
    function _beginRecovery(address lost, address replacement) internal virtual returns (bool, uint256) {
        return Freezes.beginRecovery(_freezes, _settings.registry, lost, replacement);
    }

    /// @dev The freeze bookkeeping of {recoverWallet} after its forced transfer ({Freezes-completeRecovery}).
    function _completeRecovery(
        address lost,
        address replacement,
        bool walletFrozen,
        uint256 frozenTokens,
        uint256 amount
    ) internal virtual {
        Freezes.completeRecovery(_freezes, lost, replacement, walletFrozen, frozenTokens, amount);
    }

    /// @dev The freezes, for a linked library that runs {_beginRecovery} and {_completeRecovery} on this contract's storage.
    function _freezeBook() internal view returns (mapping(address => Freezes.Freeze) storage) {
        return _freezes;
    }

    /// @dev Tokens of `account` (holding `balance`) that are not frozen.
    function _unfrozenBalance(address account, uint256 balance) internal view returns (uint256) {
        uint256 frozen = _freezes[account].frozenTokens;
        return balance > frozen ? balance - frozen : 0;
    }

    function _setFrozenTokens(address account, uint256 amount) internal {
        _freezes[account].frozenTokens = SafeCast.toUint248(amount);
        emit Frozen(account, amount);
    }

    function _setAddressFrozen(address wallet, bool frozen) internal {
        _freezes[wallet].walletFrozen = frozen;
        emit AddressFrozen(wallet, frozen);
    }

    /// @inheritdoc IERC7943Fungible
    function canSend(address account) external view returns (bool) {
        return _accountRestriction(account, _settings) == TransferRestriction.SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) external view returns (bool) {
        return _accountRestriction(account, _settings) == TransferRestriction.SUCCESS;
    }

    /**
     * @dev Account-level rules of `account`, as the restriction code of `account` sending; a
     * receiver's code is that code plus one ({TransferRestriction}). One function for both sides:
     * the compiler would keep a copy of it for each side otherwise (EIP-170 size limit).
     */
    function _accountRestriction(address account, Settings memory settings) internal view returns (uint8) {
        (bool verified, uint16 country, uint8 category) = settings.registry.eligibilityOf(account);
        if (!verified) return TransferRestriction.SENDER_NOT_VERIFIED;
        if (_freezes[account].walletFrozen) return TransferRestriction.SENDER_FROZEN;
        if (settings.countryRestricted && !isCountryAllowed(country)) {
            return TransferRestriction.SENDER_COUNTRY_NOT_ALLOWED;
        }
        if (settings.allowedCategories & (uint256(1) << category) == 0) {
            return TransferRestriction.SENDER_CATEGORY_NOT_ALLOWED;
        }
        return TransferRestriction.SUCCESS;
    }
}
