// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943Fungible.sol";
import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {checkBatchLength} from "../utils/Batch.sol";
import {Freezes} from "./Freezes.sol";
import {IRegulatedToken} from "./IRegulatedToken.sol";
import {PackedERC20} from "./PackedERC20.sol";
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
 *
 * A wallet's freeze is kept in {_freezes}; the flag of its balance word ({PackedERC20-_setFlag}) says
 * whether it has one (its wallet frozen or tokens frozen), so that a transfer, which reads the balance
 * anyway, reads the freeze only for a wallet that has one. Every write of a freeze sets the flag
 * ({_syncFreezeFlag}): the flag is set exactly when the freeze is not empty.
 */
abstract contract TokenFreezes is PackedERC20, TokenPolicy, IERC7943Fungible {
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
        _syncFreezeFlag(account);
        emit Frozen(account, amount);
    }

    function _setAddressFrozen(address wallet, bool frozen) internal {
        _freezes[wallet].walletFrozen = frozen;
        _syncFreezeFlag(wallet);
        emit AddressFrozen(wallet, frozen);
    }

    /// @dev Sets the flag of the balance word of `account` exactly when it has a freeze: its wallet frozen or tokens
    /// frozen. Called after every write of {_freezes}, also the recovery's in {Freezes}.
    function _syncFreezeFlag(address account) internal {
        Freezes.Freeze storage freeze = _freezes[account];
        _setFlag(account, freeze.walletFrozen || freeze.frozenTokens != 0);
    }

    /// @dev Whether the wallet `account` is frozen, given the flag of its balance word (`flagged`): no freeze is read
    /// for a wallet without one.
    function _walletFrozen(address account, bool flagged) internal view returns (bool) {
        return flagged && _freezes[account].walletFrozen;
    }

    /// @inheritdoc IERC7943Fungible
    function canSend(address account) external view returns (bool) {
        return _accountRestriction(account, _settingsWord()) == TransferRestriction.SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) external view returns (bool) {
        return _accountRestriction(account, _settingsWord()) == TransferRestriction.SUCCESS;
    }

    /**
     * @dev Account-level rules of `account`, as the restriction code of `account` sending; a
     * receiver's code is that code plus one ({TransferRestriction}).
     */
    function _accountRestriction(address account, uint256 settings) internal view returns (uint8) {
        (uint256 eligibility, ) = _eligibilities(settings, account, address(0));
        (, bool flagged) = _balanceAndFlag(account);
        return _accountRestriction(account, eligibility, flagged, settings);
    }

    /**
     * @dev What the registry of the settings word `settings` answers for `first` and `second`
     * ({IInvestorRegistry-eligibilityOfPair}),
     * each packed in one word for {_accountRestriction}: bit 0 verified, bits 8 to 23 the country,
     * bits 24 to 31 the category. A missing party is the zero address, which the registry answers
     * without a storage read: the one registry call of every balance change, also of a mint or a burn.
     *
     * The call and its decoding are written out: Solidity's decoder of six typed values cost every
     * instrument hundreds of bytes of code (EIP-170) and every transfer a few hundred gas. A
     * registry's revert is passed on; an answer shorter than six words reverts without data.
     */
    function _eligibilities(
        uint256 settings,
        address first,
        address second
    ) internal view returns (uint256 firstEligibility, uint256 secondEligibility) {
        IInvestorRegistry registry_ = _registryIn(settings);
        bytes4 selector = IInvestorRegistry.eligibilityOfPair.selector;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, selector)
            mstore(add(ptr, 4), first)
            mstore(add(ptr, 36), second)
            if iszero(staticcall(gas(), registry_, ptr, 68, ptr, 192)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
            if lt(returndatasize(), 192) {
                revert(0, 0)
            }
            function pack(at) -> eligibility {
                eligibility := or(
                    or(iszero(iszero(mload(at))), shl(8, and(mload(add(at, 32)), 0xffff))),
                    shl(24, and(mload(add(at, 64)), 0xff))
                )
            }
            firstEligibility := pack(ptr)
            secondEligibility := pack(add(ptr, 96))
        }
    }

    /// @dev {_accountRestriction} given what the registry answered for `account` (`eligibility`, see
    /// {_eligibilities}) and the flag of its balance word (`flagged`). One function for both sides: the compiler would
    /// keep a copy of it for each side otherwise (EIP-170 size limit).
    function _accountRestriction(
        address account,
        uint256 eligibility,
        bool flagged,
        uint256 settings
    ) internal view returns (uint8) {
        bool verified = eligibility & 1 != 0;
        uint16 country = uint16(eligibility >> 8);
        uint8 category = uint8(eligibility >> 24);
        if (!verified) return TransferRestriction.SENDER_NOT_VERIFIED;
        if (_walletFrozen(account, flagged)) return TransferRestriction.SENDER_FROZEN;
        if (_isSet(settings, COUNTRY_RESTRICTED_BIT) && !isCountryAllowed(country)) {
            return TransferRestriction.SENDER_COUNTRY_NOT_ALLOWED;
        }
        if ((settings >> ALLOWED_CATEGORIES_BIT) & (uint256(1) << category) == 0) {
            return TransferRestriction.SENDER_CATEGORY_NOT_ALLOWED;
        }
        return TransferRestriction.SUCCESS;
    }
}
