// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC1404} from "../interfaces/IERC1404.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943Fungible.sol";
import {IReferencedActions} from "../interfaces/IReferencedActions.sol";
import {CountryCode} from "../registry/CountryCode.sol";
import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {checkBatchLength} from "../utils/Batch.sol";
import {ReferencedActions} from "../utils/ReferencedActions.sol";
import {Freezes} from "./Freezes.sol";
import {IComplianceModule} from "./IComplianceModule.sol";
import {IRegulatedToken} from "./IRegulatedToken.sol";
import {TransferRestriction} from "./TransferRestriction.sol";

/**
 * @dev The abstract core of every instrument: an ERC-20 whose every balance change passes one
 * {_update} override that enforces the pause, the investor registry, freezes and the token's
 * eligibility policy. {detectTransferRestriction} (ERC-1404) and {canTransfer} (ERC-7943) run
 * the very same checks ({_transferRestriction}): the restriction code is non-zero exactly when a
 * transfer with the same arguments reverts. {canTransfer} answers the permissioned rules only, as
 * ERC-7943 requires: it ignores the ERC-20 balance rule, so it is true for an amount above the
 * balance that every other rule allows, and that transfer reverts only with
 * {IERC20Errors-ERC20InsufficientBalance}.
 *
 * Rules, in the order they are checked (the first that fails gives the restriction code):
 * not paused; the sender and the receiver are each verified in the registry, not frozen, and of
 * an allowed country and category; an amount within the sender's balance is within its unfrozen
 * tokens (the frozen rule is evaluated for amounts within the balance: more than the balance is
 * ERC-20's refusal); no lock-up on holder-to-holder transfers; the receiver stays within the
 * maximum balance and the maximum number of holders; the optional compliance module agrees; last,
 * ERC-20's rule: the amount is within the sender's balance. A mint checks the receiver's rules
 * only; a burn by a holder the sender's.
 *
 * Enforcement actions ({forcedTransfer}, {recoverWallet}, the issuer's {burn}) skip the pause and
 * the sender's rules, may move frozen tokens (lowering the frozen amount first, with a {Frozen}
 * event), and still refuse a receiver that may not receive. They skip the maximum balance, the
 * maximum number of holders and the compliance module's check, which govern investors' choices,
 * not the regulator's.
 *
 * Instruments may hold tokens in escrow, this contract's own balance, only through {_escrow},
 * {_returnEscrow} and {_releaseEscrow} (for example redemption requests); no transfer, mint or
 * enforcement action can move tokens into or out of it otherwise, even if the token's address were
 * registered. A holder's own action never bypasses the holder rules: tokens a holder takes back
 * from escrow ({_returnEscrow}) pass the receiver's rules, the maximum balance and holders and the
 * compliance module included; only a privileged role's release ({_releaseEscrow}) is enforcement.
 *
 * Every action can carry a reference to its reason ({ReferencedActions-withReference}).
 *
 * Holders are counted by wallet. No proxy: what was audited is what runs; the admin can point the
 * token to a new registry. Decimals are set at deployment.
 *
 * Not checked: the registry and the compliance module are trusted contracts chosen by the admin.
 */
abstract contract RegulatedToken is
    ERC20,
    AccessControlDefaultAdminRules,
    ReferencedActions,
    IRegulatedToken,
    IERC7943Fungible,
    IERC1404
{
    /// @dev Mints and burns.
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @dev Freezes wallets and tokens, forces transfers and recovers wallets.
    bytes32 public constant ENFORCEMENT_ROLE = keccak256("ENFORCEMENT_ROLE");
    /// @dev Sets the eligibility policy.
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    /// @dev Pauses and unpauses.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @dev What every balance change reads, packed in one storage slot.
    struct Settings {
        IInvestorRegistry registry;
        uint40 lockUpEndsAt;
        uint16 allowedCategories;
        bool paused;
        bool countryRestricted;
        bool hasMaxBalance;
        bool hasMaxHolders;
        bool hasComplianceModule;
    }

    Settings private _settings;
    // The next three share one slot, read only when a maximum of holders or a module is set.
    IComplianceModule private _complianceModule;
    uint32 private _maxHolders;
    uint32 private _holderCount;
    uint256 private _maxBalance;
    mapping(uint256 word => uint256 bits) private _allowedCountryBits;
    mapping(address account => Freezes.Freeze) private _freezes;
    uint8 private immutable _decimals;
    /// @dev `10 ** decimals()`, kept so that no amount conversion pays for the exponentiation.
    uint256 private immutable _baseUnits;
    /// @dev True while an enforcement action runs, for {_update} to apply the enforcement rules.
    bool private transient _enforcing;
    /// @dev True while {_escrow}, {_returnEscrow} or {_releaseEscrow} runs: only then may this contract hold or give tokens.
    bool private transient _escrowing;

    /// @dev Runs the function as an enforcement action (see the contract's documentation).
    modifier asEnforcement() {
        _enforcing = true;
        _;
        _enforcing = false;
    }

    /**
     * @param name_ ERC-20 name.
     * @param symbol_ ERC-20 symbol.
     * @param decimals_ ERC-20 decimals.
     * @param registry_ The investor registry.
     * @param admin Holder of `DEFAULT_ADMIN_ROLE`, which grants the other roles.
     * @param adminDelay Seconds a new admin must wait after being nominated before accepting.
     *
     * The policy starts open: every category and country allowed, no maximum, no lock-up.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        IInvestorRegistry registry_,
        address admin,
        uint48 adminDelay
    ) ERC20(name_, symbol_) AccessControlDefaultAdminRules(adminDelay, admin) {
        _decimals = decimals_;
        _baseUnits = 10 ** decimals_;
        _setRegistry(registry_);
        _setAllowedCategories(type(uint16).max);
    }

    /// @inheritdoc IRegulatedToken
    function mint(address to, uint256 amount) external onlyRole(ISSUER_ROLE) {
        _mint(to, amount);
    }

    /// @inheritdoc IRegulatedToken
    function batchMint(address[] calldata tos, uint256[] calldata amounts) external onlyRole(ISSUER_ROLE) {
        checkBatchLength(tos.length, amounts.length);
        for (uint256 i = 0; i < tos.length; ++i) {
            _mint(tos[i], amounts[i]);
        }
    }

    /// @inheritdoc IRegulatedToken
    function burn(address from, uint256 amount) external onlyRole(ISSUER_ROLE) asEnforcement {
        _burn(from, amount);
    }

    /// @inheritdoc IERC7943Fungible
    function forcedTransfer(
        address from,
        address to,
        uint256 amount
    ) external onlyRole(ENFORCEMENT_ROLE) returns (bool) {
        _forcedTransfer(from, to, amount);
        return true;
    }

    /// @inheritdoc IRegulatedToken
    function batchForcedTransfer(
        address[] calldata froms,
        address[] calldata tos,
        uint256[] calldata amounts
    ) external onlyRole(ENFORCEMENT_ROLE) {
        checkBatchLength(froms.length, tos.length);
        checkBatchLength(froms.length, amounts.length);
        for (uint256 i = 0; i < froms.length; ++i) {
            _forcedTransfer(froms[i], tos[i], amounts[i]);
        }
    }

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

    /// @inheritdoc IRegulatedToken
    function recoverWallet(address lost, address replacement) public virtual onlyRole(ENFORCEMENT_ROLE) {
        (bool walletFrozen, uint256 frozenTokens) = _beginRecovery(lost, replacement);
        uint256 amount = balanceOf(lost);
        _forcedTransfer(lost, replacement, amount);
        _completeRecovery(lost, replacement, walletFrozen, frozenTokens, amount);
    }

    /// @inheritdoc IRegulatedToken
    function pause() external onlyRole(PAUSER_ROLE) {
        if (_settings.paused) revert EnforcedPause();
        _settings.paused = true;
        emit Paused(_msgSender());
    }

    /// @inheritdoc IRegulatedToken
    function unpause() external onlyRole(PAUSER_ROLE) {
        if (!_settings.paused) revert ExpectedPause();
        _settings.paused = false;
        emit Unpaused(_msgSender());
    }

    /// @inheritdoc IRegulatedToken
    function setRegistry(IInvestorRegistry newRegistry) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setRegistry(newRegistry);
    }

    /// @inheritdoc IRegulatedToken
    function setCountryRestriction(bool restricted) external onlyRole(COMPLIANCE_ROLE) {
        _settings.countryRestricted = restricted;
        emit CountryRestrictionSet(restricted);
    }

    /// @inheritdoc IRegulatedToken
    function setCountriesAllowed(uint16[] calldata countries, bool allowed) external onlyRole(COMPLIANCE_ROLE) {
        for (uint256 i = 0; i < countries.length; ++i) {
            uint16 country = countries[i];
            if (!CountryCode.isValid(country)) revert RegulatedTokenInvalidCountry(country);
            uint256 bit = 1 << (country & 0xff);
            if (allowed) _allowedCountryBits[country >> 8] |= bit;
            else _allowedCountryBits[country >> 8] &= ~bit;
            emit CountryAllowedSet(country, allowed);
        }
    }

    /// @inheritdoc IRegulatedToken
    function setAllowedCategories(uint16 mask) external onlyRole(COMPLIANCE_ROLE) {
        _setAllowedCategories(mask);
    }

    /// @inheritdoc IRegulatedToken
    function setMaxBalance(uint256 newMaxBalance) external onlyRole(COMPLIANCE_ROLE) {
        _maxBalance = newMaxBalance;
        _settings.hasMaxBalance = newMaxBalance != 0;
        emit MaxBalanceSet(newMaxBalance);
    }

    /// @inheritdoc IRegulatedToken
    function setMaxHolders(uint32 newMaxHolders) external onlyRole(COMPLIANCE_ROLE) {
        _maxHolders = newMaxHolders;
        _settings.hasMaxHolders = newMaxHolders != 0;
        emit MaxHoldersSet(newMaxHolders);
    }

    /// @inheritdoc IRegulatedToken
    function setLockUpEnd(uint64 newLockUpEndsAt) external onlyRole(COMPLIANCE_ROLE) {
        _settings.lockUpEndsAt = SafeCast.toUint40(newLockUpEndsAt);
        emit LockUpEndSet(newLockUpEndsAt);
    }

    /// @inheritdoc IRegulatedToken
    function setComplianceModule(IComplianceModule module) external onlyRole(COMPLIANCE_ROLE) {
        if (address(module) != address(0) && address(module).code.length == 0) {
            revert RegulatedTokenInvalidComplianceModule(address(module));
        }
        _complianceModule = module;
        _settings.hasComplianceModule = address(module) != address(0);
        emit ComplianceModuleSet(address(module));
    }

    /// @inheritdoc IERC7943Fungible
    function canSend(address account) external view returns (bool) {
        return _accountRestriction(account, _settings, true) == TransferRestriction.SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    function canReceive(address account) external view returns (bool) {
        return _accountRestriction(account, _settings, false) == TransferRestriction.SUCCESS;
    }

    /// @inheritdoc IERC7943Fungible
    /// @dev The permissioned rules only: {TransferRestriction-INSUFFICIENT_BALANCE}, ERC-20's rule and the
    /// last code checked, counts as allowed (see the contract's documentation).
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        uint8 code = _reportedRestriction(from, to, amount);
        return code == TransferRestriction.SUCCESS || code == TransferRestriction.INSUFFICIENT_BALANCE;
    }

    /// @inheritdoc IERC7943Fungible
    function getFrozenTokens(address account) public view returns (uint256) {
        return _freezes[account].frozenTokens;
    }

    /// @inheritdoc IERC1404
    /// @dev With `from` zero, tells whether a mint of `value` to `to` would pass, and if not why.
    function detectTransferRestriction(address from, address to, uint256 value) external view returns (uint8) {
        return _reportedRestriction(from, to, value);
    }

    /// @inheritdoc IERC1404
    function messageForTransferRestriction(uint8 restrictionCode) public view virtual returns (string memory) {
        return TransferRestriction.message(restrictionCode);
    }

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }

    /// @dev Base units per whole token: `10 ** decimals()`.
    function _baseUnitsPerToken() internal view returns (uint256) {
        return _baseUnits;
    }

    /// @dev Answers true for {IERC7943Fungible}, {IERC1404}, {IERC20}, {IReferencedActions} and the access-control interfaces.
    function supportsInterface(
        bytes4 interfaceId
    ) public view virtual override(AccessControlDefaultAdminRules, IERC165) returns (bool) {
        return
            interfaceId == type(IERC7943Fungible).interfaceId ||
            interfaceId == type(IERC1404).interfaceId ||
            interfaceId == type(IERC20).interfaceId ||
            interfaceId == type(IReferencedActions).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    /// @inheritdoc IRegulatedToken
    function registry() public view returns (IInvestorRegistry) {
        return _settings.registry;
    }

    /// @inheritdoc IRegulatedToken
    function paused() external view returns (bool) {
        return _settings.paused;
    }

    /// @inheritdoc IRegulatedToken
    function isAddressFrozen(address wallet) external view returns (bool) {
        return _freezes[wallet].walletFrozen;
    }

    /// @inheritdoc IRegulatedToken
    function countryRestricted() external view returns (bool) {
        return _settings.countryRestricted;
    }

    /// @inheritdoc IRegulatedToken
    function isCountryAllowed(uint16 country) public view returns (bool) {
        return _allowedCountryBits[country >> 8] & (1 << (country & 0xff)) != 0;
    }

    /// @inheritdoc IRegulatedToken
    function allowedCategories() external view returns (uint16) {
        return _settings.allowedCategories;
    }

    /// @inheritdoc IRegulatedToken
    function maxBalance() external view returns (uint256) {
        return _maxBalance;
    }

    /// @inheritdoc IRegulatedToken
    function maxHolders() external view returns (uint32) {
        return _maxHolders;
    }

    /// @inheritdoc IRegulatedToken
    function holderCount() external view returns (uint32) {
        return _holderCount;
    }

    /// @inheritdoc IRegulatedToken
    function lockUpEndsAt() external view returns (uint64) {
        return _settings.lockUpEndsAt;
    }

    /// @inheritdoc IRegulatedToken
    function complianceModule() external view returns (IComplianceModule) {
        return _complianceModule;
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

    /**
     * @dev Moves `amount` of `holder` into escrow, a balance held by this contract (for example a
     * redemption request). The holder's rules apply as for a burn by the holder: not paused,
     * sender verified, not frozen, eligible, amount within its unfrozen tokens.
     */
    function _escrow(address holder, uint256 amount) internal {
        _escrowing = true;
        _transfer(holder, address(this), amount);
        _escrowing = false;
    }

    /**
     * @dev Gives `amount` of escrow back to `holder` at the holder's own request (for example a
     * cancelled redemption request), under the transfer rules for the receiver, as for a mint: not
     * paused, `holder` may receive, the maximum balance and the maximum number of holders, the
     * compliance module (which sees the token's address as the sender). No lock-up: the tokens were
     * the holder's.
     */
    function _returnEscrow(address holder, uint256 amount) internal {
        _escrowing = true;
        _transfer(address(this), holder, amount);
        _escrowing = false;
    }

    /**
     * @dev Takes `amount` out of escrow by a privileged role's decision, to `to` (for example back
     * to a holder whose request a custodian rejected), or burnt when `to` is zero. An enforcement
     * action: it works while paused, and `to` must be allowed to receive, but the maximum balance,
     * the maximum number of holders and the compliance module's check do not apply. A holder's own
     * request goes through {_returnEscrow}.
     */
    function _releaseEscrow(address to, uint256 amount) internal asEnforcement {
        _escrowing = true;
        if (to == address(0)) _burn(address(this), amount);
        else _transfer(address(this), to, amount);
        _escrowing = false;
    }

    /**
     * @dev The one hook of every balance change: applies the transfer rules (or, during an
     * enforcement action, the enforcement rules), counts holders and informs the compliance module.
     */
    function _update(address from, address to, uint256 value) internal virtual override {
        if (_enforcing) {
            _checkEnforcement(from, to, value);
        } else {
            uint8 code = _transferRestriction(from, to, value);
            if (code != TransferRestriction.SUCCESS) _revertRestricted(code, from, to, value);
        }
        bool toWasEmpty = balanceOf(to) == 0;
        super._update(from, to, value);
        _countHolders(from, to, value, toWasEmpty);
        if (_settings.hasComplianceModule) _complianceModule.transferred(from, to, value);
    }

    /**
     * @dev The restriction code of moving `amount` from `from` to `to` (zero `from`: a mint; zero
     * `to`: a burn by the holder); {TransferRestriction-SUCCESS} when it would pass. Instruments
     * extend it with their own codes (from 32) and {_revertRestricted} with their errors. The core
     * reports {TransferRestriction-INSUFFICIENT_BALANCE} only after every other rule passed, and
     * {canTransfer} counts it as allowed: an override that adds rules after the core's must apply
     * them to that code too.
     */
    function _transferRestriction(address from, address to, uint256 amount) internal view virtual returns (uint8) {
        // The escrow, this contract's own balance, is no wallet: tokens enter it only through {_escrow},
        // under the holder's rules as for a burn, and leave it through {_returnEscrow}, under the
        // receiver's rules as for a mint (or {_releaseEscrow}, enforcement). The compliance module
        // still sees the token's address on that side ({IComplianceModule}).
        (address sender, address receiver) = (from, to);
        if (to == address(this)) {
            if (!_escrowing) return TransferRestriction.RECEIVER_NOT_VERIFIED;
            receiver = address(0);
        }
        if (from == address(this)) {
            if (!_escrowing) return TransferRestriction.SENDER_NOT_VERIFIED;
            sender = address(0);
        }
        Settings memory settings = _settings;
        if (settings.paused) return TransferRestriction.PAUSED;
        uint8 code;
        if (sender != address(0)) {
            code = _accountRestriction(sender, settings, true);
            if (code != TransferRestriction.SUCCESS) return code;
        }
        if (receiver != address(0)) {
            code = _accountRestriction(receiver, settings, false);
            if (code != TransferRestriction.SUCCESS) return code;
        }
        uint256 balance;
        if (sender != address(0)) {
            balance = balanceOf(sender);
            if (amount <= balance && amount > _unfrozenBalance(sender, balance)) {
                return TransferRestriction.INSUFFICIENT_UNFROZEN_BALANCE;
            }
            if (receiver != address(0) && block.timestamp < settings.lockUpEndsAt) return TransferRestriction.LOCKED_UP;
        }
        if (receiver != address(0) && sender != receiver) {
            if (settings.hasMaxBalance && _exceedsMaxBalance(receiver, amount)) {
                return TransferRestriction.MAX_BALANCE_EXCEEDED;
            }
            if (settings.hasMaxHolders && _addsHolder(sender, receiver, amount) && _holderCount >= _maxHolders) {
                return TransferRestriction.MAX_HOLDERS_REACHED;
            }
        }
        if (settings.hasComplianceModule && !_complianceModule.canTransfer(from, to, amount)) {
            return TransferRestriction.COMPLIANCE_MODULE_REFUSED;
        }
        // ERC-20's own rule, last: {canTransfer} reports the permissioned rules above only.
        if (sender != address(0) && amount > balance) return TransferRestriction.INSUFFICIENT_BALANCE;
        return TransferRestriction.SUCCESS;
    }

    /**
     * @dev The restriction reported to integrators: {_transferRestriction}, except that no transfer
     * can go to the zero address (ERC-20 refuses it), where a holder burn would pass.
     */
    function _reportedRestriction(address from, address to, uint256 amount) private view returns (uint8) {
        if (to == address(0)) return TransferRestriction.RECEIVER_NOT_VERIFIED;
        return _transferRestriction(from, to, amount);
    }

    /// @dev Reverts with the error that explains restriction `code` of a transfer of `value` from `from` to `to`.
    function _revertRestricted(uint8 code, address from, address to, uint256 value) internal view virtual {
        uint256 fromBalance = balanceOf(from);
        _revertWith(
            code,
            from,
            to,
            value,
            fromBalance,
            _unfrozenBalance(from, fromBalance),
            _settings.lockUpEndsAt,
            balanceOf(to),
            _maxBalance,
            _maxHolders
        );
    }

    /**
     * @dev {TransferRestriction-revertWith}, given the figures {_revertRestricted} read. An
     * instrument near the contract size limit runs it from its linked library instead.
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
    ) internal pure virtual {
        TransferRestriction.revertWith(
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

    /**
     * @dev Enforcement rules: the receiver (unless burning) must be allowed to receive; the frozen
     * tokens that the move takes (the part of `value` above the sender's unfrozen tokens) are
     * unfrozen first, with a {Frozen} event. A freeze above the balance keeps its excess.
     */
    function _checkEnforcement(address from, address to, uint256 value) private {
        if (
            to == address(this) ||
            (to != address(0) && _accountRestriction(to, _settings, false) != TransferRestriction.SUCCESS)
        ) {
            revert ERC7943CannotReceive(to);
        }
        // `from` is never zero here: enforcement actions transfer or burn, and ERC-20 refuses a zero sender.
        if (from == address(this)) {
            if (_escrowing) return; // {_releaseEscrow}
            revert ERC7943CannotSend(from);
        }
        uint256 balance = balanceOf(from);
        // Nothing leaves the wallet, or ERC-20 reports the shortfall.
        if (from == to || value > balance) return;
        uint256 unfrozen = _unfrozenBalance(from, balance);
        if (value > unfrozen) _setFrozenTokens(from, _freezes[from].frozenTokens - (value - unfrozen));
    }

    /// @dev Account-level rules of `account` as sender (`sending`) or receiver, as a restriction code.
    function _accountRestriction(address account, Settings memory settings, bool sending) private view returns (uint8) {
        (bool verified, uint16 country, uint8 category) = settings.registry.eligibilityOf(account);
        if (!verified) {
            return sending ? TransferRestriction.SENDER_NOT_VERIFIED : TransferRestriction.RECEIVER_NOT_VERIFIED;
        }
        if (_freezes[account].walletFrozen) {
            return sending ? TransferRestriction.SENDER_FROZEN : TransferRestriction.RECEIVER_FROZEN;
        }
        if (settings.countryRestricted && !isCountryAllowed(country)) {
            return
                sending
                    ? TransferRestriction.SENDER_COUNTRY_NOT_ALLOWED
                    : TransferRestriction.RECEIVER_COUNTRY_NOT_ALLOWED;
        }
        if (settings.allowedCategories & (uint256(1) << category) == 0) {
            return
                sending
                    ? TransferRestriction.SENDER_CATEGORY_NOT_ALLOWED
                    : TransferRestriction.RECEIVER_CATEGORY_NOT_ALLOWED;
        }
        return TransferRestriction.SUCCESS;
    }

    /// @dev Whether `account` would hold more than the maximum balance after receiving `amount` (no overflow).
    function _exceedsMaxBalance(address account, uint256 amount) private view returns (bool) {
        uint256 balance = balanceOf(account);
        return balance > _maxBalance || amount > _maxBalance - balance;
    }

    /// @dev Tokens of `account` (holding `balance`) that are not frozen.
    function _unfrozenBalance(address account, uint256 balance) private view returns (uint256) {
        uint256 frozen = _freezes[account].frozenTokens;
        return balance > frozen ? balance - frozen : 0;
    }

    /// @dev Whether moving `amount` from `from` to `to` raises the number of holders.
    function _addsHolder(address from, address to, uint256 amount) private view returns (bool) {
        bool toIsNew = amount != 0 && balanceOf(to) == 0;
        bool fromLeaves = from != address(0) && amount != 0 && balanceOf(from) == amount;
        return toIsNew && !fromLeaves;
    }

    /// @dev Keeps {holderCount}: wallets with a non-zero balance, the escrow not included.
    function _countHolders(address from, address to, uint256 value, bool toWasEmpty) private {
        if (value == 0 || from == to) return;
        if (to != address(0) && to != address(this) && toWasEmpty) ++_holderCount;
        if (from != address(0) && from != address(this) && balanceOf(from) == 0) --_holderCount;
    }

    function _forcedTransfer(address from, address to, uint256 amount) private asEnforcement {
        _transfer(from, to, amount);
        emit ForcedTransfer(from, to, amount);
    }

    function _setFrozenTokens(address account, uint256 amount) private {
        _freezes[account].frozenTokens = SafeCast.toUint248(amount);
        emit Frozen(account, amount);
    }

    function _setAddressFrozen(address wallet, bool frozen) private {
        _freezes[wallet].walletFrozen = frozen;
        emit AddressFrozen(wallet, frozen);
    }

    function _setRegistry(IInvestorRegistry newRegistry) private {
        if (address(newRegistry).code.length == 0) revert RegulatedTokenInvalidRegistry(address(newRegistry));
        emit RegistryChanged(address(_settings.registry), address(newRegistry));
        _settings.registry = newRegistry;
    }

    function _setAllowedCategories(uint16 mask) private {
        _settings.allowedCategories = mask;
        emit AllowedCategoriesSet(mask);
    }
}
