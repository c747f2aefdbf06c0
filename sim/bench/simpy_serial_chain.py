#!/usr/bin/env python3
"""The chain of scenarios/bench/serial-chain-4.yaml written for SimPy 3, the baseline of
c2msim-bench --suite simpy: factory (ample) -> warehouse -> distributor -> retailer -> consumers.

It follows c2msim's semantics (docs/model.md), so that the two simulate the same chain:
- consumers arrive as a Poisson process, one unit each, and are served at once from the
  retailer's stock or wait first come, first served (infinitely patient);
- every tier reviews at the end of each day (times 0, 1, ..., horizon), after everything else at
  that instant: installation base stock, order S - (on hand + on order - backorders);
- the orders of a day's reviews reach their suppliers after all the reviews of that instant (no
  information delay): the supplier ships what it has and backorders the rest, first come first
  served, partial shipments allowed; a shipment arrives a constant lead time later;
- what arrives serves the backlog first.
Measured over [warm-up, horizon]: customers arriving in it, time-averages over it.

Usage: simpy_serial_chain.py [--replications N] [--seed K] [--json] [--quiet]
Prints one CSV row of metrics per replication (or one JSON document with --json, with the wall
and CPU times) and, on stderr, the wall time per replication-year.
"""

import argparse
import collections
import json
import random
import sys
import time

import simpy

# The chain of scenarios/bench/serial-chain-4.yaml (tests/bench/simpy_chain_test.cpp checks that
# the two agree). Tiers from the top; lead_time is the lane into the tier.
DEMAND_PER_DAY = 20.0
TIERS = [("warehouse", 66, 2.0), ("distributor", 68, 2.0), ("retailer", 36, 1.0)]
HORIZON_DAYS = 365.0
WARMUP_DAYS = 14.0


class TimeAverage:
    """The time-average of a piecewise-constant quantity over [start, end]."""

    def __init__(self, env, start, value):
        self.env, self.start, self.value = env, start, value
        self.since, self.area = 0.0, 0.0

    def set(self, value):
        now = self.env.now
        if now > self.start:
            self.area += self.value * (now - max(self.since, self.start))
        self.since, self.value = now, value

    def mean(self, end):
        self.set(self.value)
        return self.area / (end - self.start)


class Tier:
    """A stock under installation base stock: on hand, on order, and a first come, first served
    backlog of what it owes (customers at the retailer, the tier below's orders elsewhere)."""

    def __init__(self, chain, name, level, lead_time):
        self.chain, self.name, self.level, self.lead_time = chain, name, level, lead_time
        self.supplier = None  # the tier above; None: the factory, which is never short
        self.below = None  # the tier it ships to; None: consumers
        self.on_hand, self.on_order, self.owed = level, 0, 0
        # Entries [units still owed, arrival time of the customer] (time unused for orders).
        self.backlog = collections.deque()
        self.on_hand_avg = TimeAverage(chain.env, chain.warmup, level)
        self.owed_avg = TimeAverage(chain.env, chain.warmup, 0)

    def position(self):
        return self.on_hand + self.on_order - self.owed

    def _take(self, units):
        self.on_hand -= units
        self.on_hand_avg.set(self.on_hand)

    def _owe(self, units):
        self.owed += units
        self.owed_avg.set(self.owed)

    def order(self, units):
        """An order of the tier below reaches this tier: ship what is on hand, owe the rest."""
        shipped = min(self.on_hand, units)
        if shipped > 0:
            self._take(shipped)
            self.chain.ship(self.below, shipped)
        if units > shipped:
            self._owe(units - shipped)
            self.backlog.append([units - shipped, 0.0])

    def customer(self):
        """A consumer wanting one unit arrives at the retailer."""
        chain = self.chain
        measured = chain.env.now >= chain.warmup
        if measured:
            chain.customers += 1
        if self.on_hand > 0:
            self._take(1)
            if measured:
                chain.filled += 1
                chain.served_in_full += 1
        else:
            self._owe(1)
            self.backlog.append([1, chain.env.now])

    def receive(self, units):
        """A shipment arrives: into stock, then the backlog first come, first served."""
        self.on_order -= units
        self.on_hand += units
        self.on_hand_avg.set(self.on_hand)
        chain = self.chain
        while self.backlog and self.on_hand > 0:
            entry = self.backlog[0]
            units = min(self.on_hand, entry[0])
            self._take(units)
            self._owe(-units)
            entry[0] -= units
            if self.below is not None:
                chain.ship(self.below, units)
            if entry[0] > 0:
                break
            self.backlog.popleft()
            if self.below is None and entry[1] >= chain.warmup:
                chain.served_in_full += 1
                chain.waited += chain.env.now - entry[1]


class Chain:
    def __init__(self, seed, replication, horizon, warmup):
        self.env = simpy.Environment()
        self.rng = random.Random(seed * 1_000_003 + replication)
        self.horizon, self.warmup = horizon, warmup
        self.customers = self.filled = self.served_in_full = 0
        self.waited = 0.0
        self.tiers = [Tier(self, name, level, lead) for name, level, lead in TIERS]
        for upper, lower in zip(self.tiers, self.tiers[1:]):
            lower.supplier, upper.below = upper, lower
        self.retailer = self.tiers[-1]
        self.env.process(self.consumers())
        self.env.process(self.day_ends())

    def ship(self, tier, units):
        self.env.process(self.transit(tier, units))

    def transit(self, tier, units):
        """A shipment in transit to `tier` for its lane's lead time."""
        yield self.env.timeout(tier.lead_time)
        tier.receive(units)

    def consumers(self):
        env, rng, retailer = self.env, self.rng, self.retailer
        while True:
            yield env.timeout(rng.expovariate(DEMAND_PER_DAY))
            if env.now > self.horizon:
                return
            retailer.customer()

    def day_ends(self):
        env = self.env
        day = 0
        while True:
            # The day's end comes after everything else due at that instant (c2msim's rule): a
            # shipment whose process scheduled its arrival later than this timeout still arrives
            # first. (Here it changes no figure, since a position counts goods in transit; what
            # does is that the orders reach their suppliers after every review, below.)
            while env.peek() <= env.now:
                yield env.timeout(0)
            orders = []
            for tier in self.tiers:  # every review first, then the orders reach the suppliers
                units = tier.level - tier.position()
                if units > 0:
                    tier.on_order += units
                    orders.append((tier, units))
            for tier, units in orders:
                if tier.supplier is None:
                    self.ship(tier, units)  # the factory ships every order at once
                else:
                    tier.supplier.order(units)
            day += 1
            if day > self.horizon:
                return
            yield env.timeout(1)

    def run(self):
        self.env.run(until=self.horizon + 1e-9)
        end = self.horizon
        metrics = {
            "customers": self.customers,
            "fill_rate": self.filled / self.customers if self.customers else float("nan"),
            "backorders_mean": self.retailer.owed_avg.mean(end),
            "lead_time_mean": (
                self.waited / self.served_in_full if self.served_in_full else float("nan")
            ),
        }
        for tier in self.tiers:
            metrics[tier.name + ".on_hand_mean"] = tier.on_hand_avg.mean(end)
            metrics[tier.name + ".owed_mean"] = tier.owed_avg.mean(end)
        return metrics


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replications", type=int, default=10, help="replications (10)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the random streams (1)")
    parser.add_argument("--horizon-days", type=float, default=HORIZON_DAYS)
    parser.add_argument("--warmup-days", type=float, default=WARMUP_DAYS)
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--quiet", action="store_true", help="no timing line on stderr")
    args = parser.parse_args(argv)
    if args.replications < 1:
        parser.error(f"--replications: must be at least 1, got {args.replications}")
    if not 0 <= args.warmup_days < args.horizon_days:
        parser.error("--warmup-days: must be at least 0 and shorter than --horizon-days")
    rows = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for r in range(args.replications):
        rows.append(Chain(args.seed, r, args.horizon_days, args.warmup_days).run())
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    years = args.replications * args.horizon_days / 365.0
    ms_per_year = 1000.0 * seconds / years
    if args.json:
        json.dump(
            {
                "simpy_version": simpy.__version__,
                "python_version": sys.version.split()[0],
                "replications": args.replications,
                "horizon_days": args.horizon_days,
                "warmup_days": args.warmup_days,
                "seconds": seconds,
                "ms_per_replication_year": ms_per_year,
                "cpu_seconds": cpu_seconds,
                "cpu_ms_per_replication_year": 1000.0 * cpu_seconds / years,
                "metrics": rows,
            },
            sys.stdout,
            indent=1,
        )
        print()
    else:
        names = list(rows[0])
        print(",".join(["replication"] + names))
        for r, row in enumerate(rows):
            print(",".join([str(r)] + [repr(row[n]) for n in names]))
    if not args.quiet:
        print(
            f"simpy {simpy.__version__}: {args.replications} replications in {seconds:.3f} s, "
            f"{ms_per_year:.2f} ms per replication-year",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
