/**
 * A bond's coupons from the index: each period's book (dates, rate, funding, payments, sweep) and
 * the holders' entitlements at its record date. A sukuk emits Rental… where a bond emits
 * Coupon…: the same book.
 */
import { eventsOf } from "./books.js";
import type { Store } from "./store.js";

const int = (value: unknown) => BigInt(value as string);

const COUPON_EVENTS = ["RateFixed", "Funded", "Paid", "PaymentSkipped", "Withheld", "UnclaimedSwept"];

export interface CouponBook {
  period: number;
  recordDate: number;
  paymentDate: number;
  rateBps: number | undefined;
  funded: bigint;
  supplyAtRecord: bigint;
  perToken: bigint;
  /** Paid to holders who claimed (they sent the transaction) and by the paying agent. */
  claimed: bigint;
  paid: bigint;
  swept: bigint;
  withheld: number;
  skipped: number;
  payments: { holder: string; amount: bigint; claimed: boolean; block: number; time: number }[];
}

/** Each coupon period of bond `instrument`: its dates, rate, funding, payments and sweep. */
export async function couponBook(store: Store, instrument: string, block?: number): Promise<CouponBook[]> {
  const schedule = await store.all<{ period: number; record_date: number; payment_date: number }>(
    "SELECT period, record_date, payment_date FROM coupon_schedule WHERE instrument = ? ORDER BY period",
    [instrument],
  );
  const books = new Map<number, CouponBook>(
    schedule.map((s) => [
      Number(s.period),
      {
        period: Number(s.period),
        recordDate: Number(s.record_date),
        paymentDate: Number(s.payment_date),
        rateBps: undefined,
        funded: 0n,
        supplyAtRecord: 0n,
        perToken: 0n,
        claimed: 0n,
        paid: 0n,
        swept: 0n,
        withheld: 0,
        skipped: 0,
        payments: [],
      },
    ]),
  );
  const names = COUPON_EVENTS.flatMap((e) => [`Coupon${e}`, `Rental${e}`]);
  for (const e of await eventsOf(store, instrument, names, block)) {
    const book = books.get(Number(e.args.period));
    if (book === undefined) continue;
    const kind = e.event.replace(/^(Coupon|Rental)/, "");
    if (kind === "RateFixed") book.rateBps = Number(e.args.rateBps);
    if (kind === "Funded") {
      book.funded += int(e.args.amount);
      book.supplyAtRecord = int(e.args.supplyAtRecord);
      book.perToken = int(e.args.perToken);
    }
    if (kind === "Paid") {
      const amount = int(e.args.amount);
      const claimed = e.sender === e.args.holder;
      book.paid += amount;
      if (claimed) book.claimed += amount;
      book.payments.push({ holder: String(e.args.holder), amount, claimed, block: e.block, time: e.time });
    }
    if (kind === "UnclaimedSwept") book.swept += int(e.args.amount);
    if (kind === "Withheld") book.withheld++;
    if (kind === "PaymentSkipped") book.skipped++;
  }
  return [...books.values()];
}

export interface Entitlement {
  holder: string;
  /** The holder's balance at the record date: at the end of the last block timed at or before it. */
  balanceAtRecord: bigint;
  /** balanceAtRecord × perToken / 10^decimals, rounded down as the bond does; 0 until the coupon is funded. */
  due: bigint;
}

/**
 * The holders of bond `instrument` at the record date of coupon `period` and what each is due
 * (the record date has passed once a block is timed after it).
 */
export async function couponEntitlements(store: Store, instrument: string, period: number): Promise<Entitlement[]> {
  const [schedule] = await store.all<{ record_date: number }>(
    "SELECT record_date FROM coupon_schedule WHERE instrument = ? AND period = ?",
    [instrument, period],
  );
  if (schedule === undefined) return [];
  const [{ decimals }] = await store.all<{ decimals: number }>("SELECT decimals FROM contracts WHERE address = ?", [
    instrument,
  ]);
  const funded = (await couponBook(store, instrument)).find((b) => b.period === period);
  const perToken = funded?.perToken ?? 0n;
  const rows = await store.all<{ wallet: string; balance: string }>(
    `SELECT wallet, balance FROM (
       SELECT b.wallet, b.balance, ROW_NUMBER() OVER (PARTITION BY b.wallet ORDER BY b.block DESC, b.log_index DESC) AS position
       FROM balances b JOIN blocks k ON k.block = b.block
       WHERE b.instrument = ? AND k.time <= ?) latest
     WHERE position = 1 AND balance <> '0' ORDER BY length(balance) DESC, balance DESC, wallet`,
    [instrument, Number(schedule.record_date)],
  );
  return rows.map((r) => {
    const balance = BigInt(r.balance);
    return { holder: r.wallet, balanceAtRecord: balance, due: (balance * perToken) / 10n ** BigInt(decimals) };
  });
}
