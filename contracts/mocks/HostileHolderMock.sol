// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ITokenHookMock} from "./HookSettlementTokenMock.sol";

/**
 * @dev A hostile holder or bidder for {HookSettlementTokenMock}: a contract wallet whose token hook
 * burns all the gas it is given (mode 1) or reverts with `revertSize` bytes of data, 0xdeadbeef
 * then zeros (mode 2); mode 0 accepts.
 */
contract HostileHolderMock is ITokenHookMock {
    uint8 public mode;
    uint256 public revertSize;

    function setMode(uint8 mode_, uint256 revertSize_) external {
        mode = mode_;
        revertSize = revertSize_;
    }

    /// @dev Lets a test approve a spender of this wallet's settlement tokens.
    function approve(IERC20 token, address spender, uint256 amount) external {
        token.approve(spender, amount);
    }

    function onTokenTransfer(address, address, uint256) external view {
        if (mode == 1) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                for {} 1 {} {}
            }
        }
        if (mode == 2) {
            uint256 size = revertSize;
            // From the free memory, never written before: 0xdeadbeef, then zeros.
            // solhint-disable-next-line no-inline-assembly
            assembly {
                let data := mload(0x40)
                mstore(data, 0xdeadbeef00000000000000000000000000000000000000000000000000000000)
                revert(data, size)
            }
        }
    }
}
