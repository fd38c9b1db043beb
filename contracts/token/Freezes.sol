// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IERC7943Fungible} from "../interfaces/IERC7943Fungible.sol";
import {IInvestorRegistry} from "../registry/IInvestorRegistry.sol";
import {IRegulatedToken} from "./IRegulatedToken.sol";

/**
 * @dev The freeze of a wallet in {RegulatedToken} and the freeze bookkeeping of a wallet recovery
 * around its forced transfer ({IRegulatedToken-recoverWallet}). The core runs the recovery inline;
 * an instrument near the contract size limit runs it from its linked library, which calls these
 * same functions (a recovery is rare and its code large). The core's own freeze setters stay in the
 * core, on the path of every freeze, where a library's storage argument would cost gas.
 */
library Freezes {
    /// @dev Freeze state of one wallet, packed in one slot.
    struct Freeze {
        bool walletFrozen;
        uint248 frozenTokens;
    }

    /// @dev Freezes `amount` tokens of `account` (replacing the frozen amount). Emits {IERC7943Fungible-Frozen}.
    function setFrozenTokens(mapping(address => Freeze) storage freezes, address account, uint256 amount) private {
        freezes[account].frozenTokens = SafeCast.toUint248(amount);
        emit IERC7943Fungible.Frozen(account, amount);
    }

    /// @dev Freezes or unfreezes the wallet `wallet`. Emits {IRegulatedToken-AddressFrozen}.
    function setAddressFrozen(mapping(address => Freeze) storage freezes, address wallet, bool frozen) private {
        freezes[wallet].walletFrozen = frozen;
        emit IRegulatedToken.AddressFrozen(wallet, frozen);
    }

    /**
     * @dev The first half of a recovery, before the forced transfer of the balance of `lost`:
     * checks that `replacement` is another wallet of the same investor in `registry`, and takes the
     * frozen amount of `lost` off (it moves as a whole, also a part above the balance). Returns the
     * freeze of `lost` as it stood, for {completeRecovery}.
     */
    function beginRecovery(
        mapping(address => Freeze) storage freezes,
        IInvestorRegistry registry,
        address lost,
        address replacement
    ) internal returns (bool walletFrozen, uint256 frozenTokens) {
        bytes32 investorId = registry.investorOf(lost).investorId;
        if (
            lost == replacement || investorId == bytes32(0) || registry.investorOf(replacement).investorId != investorId
        ) {
            revert IRegulatedToken.RegulatedTokenInvalidRecovery(lost, replacement);
        }
        Freeze storage lostFreeze = freezes[lost];
        (walletFrozen, frozenTokens) = (lostFreeze.walletFrozen, lostFreeze.frozenTokens);
        if (frozenTokens != 0) setFrozenTokens(freezes, lost, 0);
    }

    /**
     * @dev The second half, after the forced transfer of `amount`: the freeze `lost` had
     * (`walletFrozen`, `frozenTokens`) now applies to `replacement`, the frozen amount added to any
     * already there. Emits {IRegulatedToken-WalletRecovered}.
     */
    function completeRecovery(
        mapping(address => Freeze) storage freezes,
        address lost,
        address replacement,
        bool walletFrozen,
        uint256 frozenTokens,
        uint256 amount
    ) internal {
        if (frozenTokens != 0) setFrozenTokens(freezes, replacement, freezes[replacement].frozenTokens + frozenTokens);
        if (walletFrozen) setAddressFrozen(freezes, replacement, true);
        emit IRegulatedToken.WalletRecovered(lost, replacement, amount, frozenTokens);
    }
}
