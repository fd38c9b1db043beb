// Price a 182-day bill at a 12.5% money-market yield, and back: the same integer math as the contract.
import { tbillMath } from "@sovereign-toolkit/sdk";

const terms = { faceValue: 1_000_000_000n, dayCount: tbillMath.DayCount.ACT_365_FIXED }; // 1,000.000000 per bill
const price = tbillMath.priceForYield(terms, 125n * 10n ** 15n, 182n); // yield 0.125e18
const back = tbillMath.yieldForPrice(terms, price, 182n);
console.log(JSON.stringify({ price: price.toString(), yieldAtThatPrice: back.toString() }));
