// The replication: it owns the calendar and the parts of the model, hands each event to the part
// it concerns, and carries goods, orders and customers from one part to the next. The mechanisms
// themselves live in the parts: arrivals and customers' draws (market_arrivals), customers' orders
// and service (customers), stock and backlogs (stock), reorders (replenishment), factories
// (production), lanes (transport), money and units (books), bullwhip counts (flow_counters).

#include "sim/model/replication.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/model/books.hpp"
#include "sim/model/customers.hpp"
#include "sim/model/flow_counters.hpp"
#include "sim/model/market_arrivals.hpp"
#include "sim/model/metrics.hpp"
#include "sim/model/model_event.hpp"
#include "sim/model/object_pool.hpp"
#include "sim/model/production.hpp"
#include "sim/model/replenishment.hpp"
#include "sim/model/stock.hpp"
#include "sim/model/transport.hpp"

namespace c2msim::model {
namespace {

// Lost customers a backlog keeps before it considers dropping them (see patience_runs_out).
constexpr std::size_t kBacklogCompactionMinimum = 64;

class Replication {
 public:
  Replication(const ArmPlan& plan, std::uint64_t seed, std::uint64_t replication,
              const DailyObserver& observer)
      : plan_(plan),
        observer_(observer),
        books_(plan),
        stock_(plan, books_),
        transport_(plan, seed, replication, books_, calendar_),
        markets_(plan, seed, replication, calendar_),
        customers_(plan, calendar_),
        production_(plan, calendar_),
        replenishment_(plan, stock_, production_),
        flows_(plan),
        in_season_(plan.product_count(), 1) {}

  ReplicationResult run() {
    start();
    calendar_.run_until(plan_.spec().horizon_days,
                        [this](const Calendar::Event& event) { handle(event.payload); });
    close_books();
    books_.settle(plan_.spec().horizon_days);
    check_conservation(plan_, books_, stock_, transport_.units_in_transit());
    return measure({plan_, books_, stock_, customers_, production_, flows_, transport_,
                    calendar_.events_processed(), calendar_.counters().heap_pushes,
                    markets_.customers_arrived()});
  }

 private:
  double now() const { return calendar_.now(); }

  // The customer's patience, drawn the first time it is needed.
  double patience(Customer& c) const {
    if (std::isnan(c.patience)) c.patience = markets_.patience_days(c.market, c.number);
    return c.patience;
  }

  void start() {
    const ChainSpec& spec = plan_.spec();
    for (Index node = 0; node < plan_.node_count(); ++node) {
      const auto& stock = plan_.node(node).stock;
      if (!stock) continue;
      for (Index s = 0; s < plan_.sku_count(); ++s) {
        if (plan_.stocks(node, s)) stock_.set_on_hand(0.0, node, s, stock->initial_on_hand);
      }
      // Opening stock is bought at the node's purchase cost, as if it had been ordered.
      for (Index s = 0; s < plan_.sku_count(); ++s) {
        if (plan_.stocks(node, s)) {
          books_.buy_opening_stock(
              node, stock->initial_on_hand * plan_.purchase_cost(node, plan_.product_of(s)));
        }
      }
    }
    markets_.start();
    production_.start();
    for (Index p = 0; p < plan_.product_count(); ++p) {
      const auto& end = spec.products[p].season_end_day;
      if (end && *end < spec.horizon_days) {
        calendar_.schedule_at(*end, {EventKind::kSeasonEnd, false, p, 0});
      }
    }
    if (spec.warmup_days > 0) {
      calendar_.schedule_at(spec.warmup_days, {EventKind::kWarmupEnd, false, 0, 0});
    }
    if (spec.horizon_days >= 1.0) calendar_.schedule_at(1.0, {EventKind::kDayEnd, false, 0, 0});
    review(0);
    flows_.opening_review_done();
  }

  void handle(const ModelEvent& e) {
    switch (e.kind) {
      case EventKind::kCustomerArrival:
        customer_arrives(e.target);
        if (!e.drawn_with_day) markets_.schedule_next(e.target);
        break;
      case EventKind::kDailyArrivals:
        markets_.draw_day(e.target);
        break;
      case EventKind::kCustomerForward:
        customer_reaches_factory(e.target);
        break;
      case EventKind::kOrderArrival:
        order_reaches_supplier(e.target);
        break;
      case EventKind::kShipmentArrival:
        shipment_arrives(e.target);
        break;
      case EventKind::kProductionDone:
        production_done(e.target, e.line);
        break;
      case EventKind::kPatienceExpiry:
        patience_runs_out(e.target);
        break;
      case EventKind::kDayEnd:
        // The day's end comes after everything else due at that instant (a customer, a shipment
        // or a release at exactly the day's end belongs to the day that ends, and its review sees
        // it): while other events are due now, it steps behind them.
        if (calendar_.next_time() <= now()) {
          calendar_.schedule_at(now(), {EventKind::kDayEnd, false, 0, 0});
        } else {
          day_end();
        }
        break;
      case EventKind::kDayClose:
        day_close();
        break;
      case EventKind::kBatchRelease:
        production_.release_batch(e.target);
        break;
      case EventKind::kWarmupEnd:
        end_warmup();
        break;
      case EventKind::kSeasonEnd:
        end_season(e.target);
        break;
    }
  }

  // ---- consumers ------------------------------------------------------------------------------

  void customer_arrives(Index m) {
    const MarketSpec& ms = plan_.market(m);
    // Numbered whether or not the product is in season, so that the k-th customer is the same
    // person in every arm; its attributes are drawn as they are needed.
    const std::uint64_t k = markets_.next_customer(m);
    if (!in_season_[ms.product]) return;

    const Index node = plan_.lane(markets_.channel_lane(m, k)).from;
    const Index wanted = plan_.first_sku(ms.product) + markets_.variant(m, k);
    const double quantity = markets_.quantity(m, k);
    Customer c = customers_.arriving(m, k, node, now());
    c.sku = wanted;
    c.remaining = quantity;
    customers_.count_demand(c, plan_.price(node, ms.product), plan_.product(ms.product).unit_cost);
    flows_.consumer_demand(quantity);
    replenishment_.record_consumer_demand(node, wanted, quantity);
    add_demand(node, wanted, quantity);

    if (plan_.node_kind(node) == NodeKind::kFactory) {
      customer_reaches_factory(customers_.add(c));
    } else if (plan_.forwards_to_factory(node, wanted)) {
      // C2M: the platform passes the order straight to the factory.
      flows_.order(node, quantity);
      calendar_.schedule_in(plan_.lane(plan_.supplier_lane(node)).information_delay_days,
                            {EventKind::kCustomerForward, false, customers_.add(c), 0});
    } else {
      // A shop's customer gets a record only if it has to wait.
      fill_from_stock(c, kNoRecord, node);
    }
  }

  // The customer's variant if `node` stocks it, else, with the node's substitution probability,
  // the most popular variant it stocks.
  bool choose_stocked_sku(Index node, Customer& c) const {
    if (plan_.stocks(node, c.sku)) return true;
    const auto& stock = plan_.node(node).stock;
    if (!stock || stock->substitution_probability <= 0 ||
        markets_.substitution_draw(c.market, c.number) >= stock->substitution_probability) {
      return false;
    }
    const Index product = plan_.product_of(c.sku);
    const Index first = plan_.first_sku(product);
    for (Index v = 0; v < plan_.product(product).variants; ++v) {
      if (plan_.stocks(node, first + v)) {
        c.sku = first + v;
        c.preferred = false;
        return true;
      }
    }
    return false;
  }

  // Serves customer `c` (record `id`, or kNoRecord for one just arrived, which gets a record only
  // if it has to wait) from the stock of `node` (the consumer-facing node, or a factory shipping
  // direct): what is on hand ships now; the rest waits in the node's backlog, or is lost.
  void fill_from_stock(Customer& c, std::uint32_t id, Index node) {
    if (!plan_.node(node).stock || !choose_stocked_sku(node, c)) {
      customers_.lose(c, id, plan_.node(node).stock ? node : kNone);
      return;
    }
    const Index sku = c.sku;
    const double from_stock = std::min(stock_.on_hand(node, sku), c.remaining);
    customers_.count_from_stock(c, from_stock);
    if (from_stock > 0) ship_to_customer(c, id, node, from_stock, true);
    // A sale from stock lowers the inventory position: continuous review acts on it now, whether
    // or not the customer is served in full.
    if (!c.open) {
      consider_continuous_review(node, sku);
      return;
    }
    // Lost sales, or a customer whose patience ran out before the order got here (a platform's
    // order reaches the factory after the information delay).
    if (plan_.node(node).stock->shortage == ShortageMode::kLostSales ||
        c.arrival + patience(c) <= now()) {
      customers_.lose(c, id, node);
      consider_continuous_review(node, sku);
      return;
    }
    c.waiting_at = node;
    if (id == kNoRecord) id = customers_.add(c);  // `c` is the caller's copy: done with it
    stock_.backlog(node, sku).queue.push_back({true, id});
    stock_.add_backorders(now(), node, sku, customers_[id].remaining, true);
    customers_.await_patience(id);
    consider_continuous_review(node, sku);
  }

  void patience_runs_out(std::uint32_t id) {
    const Customer& c = customers_[id];
    const Index node = c.waiting_at;
    const Index sku = c.sku;
    stock_.add_backorders(now(), node, sku, -c.remaining, true);
    customers_.lose(id, node);
    // The backlog still holds the customer and skips it when it gets there. So that a long
    // stock-out does not keep every lost customer's record, the backlog drops its lost customers
    // once they are most of it: memory stays proportional to the customers really waiting.
    Backlog& backlog = stock_.backlog(node, sku);
    if (++backlog.lost < kBacklogCompactionMinimum || 2 * backlog.lost < backlog.queue.size()) {
      return;
    }
    backlog.queue.erase_if([this](const BacklogEntry& e) {
      if (!e.is_customer || customers_[e.id].open) return false;
      customers_.release(e.id);
      return true;
    });
    backlog.lost = 0;
  }

  // Ships units to a customer: from the consumer-facing node's stock, or from a factory that
  // makes to order for a platform (the goods then travel both lanes).
  void ship_to_customer(Customer& c, std::uint32_t id, Index from, double units, bool from_stock) {
    const Index p = plan_.product_of(c.sku);
    const Index consumer_node = c.node;
    const Index market_lane = plan_.lane_to_market(consumer_node, c.market);
    // A drop shipment takes capacity on both lanes on the day it leaves the factory.
    double delivery = transport_.departure(market_lane, units) + transport_.lead_time(market_lane);
    // A platform's consumers pay when they order; a shop's when they buy (the sale).
    const double paid_after =
        plan_.node_kind(consumer_node) == NodeKind::kPlatform ? c.arrival - now() : 0.0;
    books_.sell_to_consumer(consumer_node, from, p, market_lane, units, paid_after);
    if (from != consumer_node) {
      // Drop shipment: the factory sells to the platform and sends the goods itself.
      const Index up_lane = plan_.supplier_lane(consumer_node);
      delivery += transport_.departure(up_lane, units) - now() + transport_.lead_time(up_lane);
      sell_to_node(from, consumer_node, up_lane, p, units);
    }
    if (from_stock) stock_.take(now(), from, c.sku, units);
    books_.ship(from, units);
    books_.to_consumer(now(), delivery, plan_.unit_cost(c.sku) * units);
    customers_.count_delivery(c, units, delivery);
    c.remaining -= units;
    c.last_delivery = std::max(c.last_delivery, delivery);
    if (c.remaining <= 0) customers_.close(c, id, true);
  }

  // ---- factories ------------------------------------------------------------------------------

  void customer_reaches_factory(std::uint32_t id) {
    Customer& c = customers_[id];
    const Index factory_node =
        plan_.node_kind(c.node) == NodeKind::kFactory ? c.node : plan_.supplier(c.node);
    const FactorySpec& f = *plan_.node(factory_node).factory;
    // A platform's customer is demand at the factory too; a factory's own was counted on arrival.
    if (c.node != factory_node) add_demand(factory_node, c.sku, c.remaining);
    if (f.mode == FactoryMode::kMakeToStock ||
        (f.mode == FactoryMode::kHybrid && plan_.stocks(factory_node, c.sku) &&
         markets_.customisation_draw(c.market, c.number) >= f.to_order_share)) {
      fill_from_stock(c, id, factory_node);  // finished goods, shipped direct
      return;
    }
    // Make to order: beyond the customer's patience, the quoted delivery loses the sale.
    double transport =
        random::mean(plan_.lane(plan_.lane_to_market(c.node, c.market)).lead_time_days);
    if (c.node != factory_node) {
      transport += random::mean(plan_.lane(plan_.supplier_lane(c.node)).lead_time_days);
    }
    const Index fi = plan_.factory_of(factory_node);
    // Every make-to-order request is an order on the factory's lines, taken or turned away: its
    // bullwhip compares them with the demand that reached it, and the share turned away is
    // reported on its own.
    flows_.order(factory_node, c.remaining);
    flows_.factory_order(c.remaining);
    const double planned = production_.plan(fi, c.sku, c.remaining);
    const bool turned_away = production_.quote(fi, planned, transport) - c.arrival > patience(c);
    if (c.measured) production_.count_request(fi, c.remaining, turned_away);
    if (turned_away) {
      customers_.lose(id, kNone);  // by the quote, not by a stock
      return;
    }
    production_.enqueue(fi, Job{c.sku, c.remaining, id, planned});
  }

  void production_done(Index fi, Index line) {
    const Job job = production_.finish(fi, line);
    const Index node = plan_.factory_node(fi);
    books_.produce(node, job.quantity,
                   plan_.purchase_cost(node, plan_.product_of(job.sku)) * job.quantity);
    if (job.customer != kNoRecord) {
      // Accepted make-to-order customers wait for their job: they are never lost after the quote.
      ship_to_customer(customers_[job.customer], job.customer, node, job.quantity, false);
    } else {
      stock_.add_on_order(node, job.sku, -job.quantity);
      receive_into_stock(node, job.sku, job.quantity);
    }
    production_.start_free_lines(fi);
  }

  // ---- stock, orders and shipments ------------------------------------------------------------

  void add_demand(Index node, Index sku, double units) {
    replenishment_.record_demand(node, sku, units);
    flows_.demand(node, units);
  }

  // New stock: serve the backlog first come first served, then consider reordering.
  void receive_into_stock(Index node, Index sku, double units) {
    flows_.received(node, units);
    if (!in_season_[plan_.product_of(sku)]) {
      salvage(node, sku, units, /*arrived=*/true);
      return;
    }
    stock_.put(now(), node, sku, units);
    serve_backlog(node, sku);
    consider_continuous_review(node, sku);
  }

  void serve_backlog(Index node, Index sku) {
    Backlog& backlog = stock_.backlog(node, sku);
    RingQueue<BacklogEntry>& queue = backlog.queue;
    while (!queue.empty()) {
      const BacklogEntry r = queue.front();
      if (r.is_customer && !customers_[r.id].open) {  // lost while waiting
        queue.pop_front();
        customers_.release(r.id);
        --backlog.lost;
        continue;
      }
      const double on_hand = stock_.on_hand(node, sku);
      if (on_hand <= 0) break;
      double left = 0;
      if (r.is_customer) {
        const double units = std::min(on_hand, customers_[r.id].remaining);
        stock_.add_backorders(now(), node, sku, -units, true);
        ship_to_customer(customers_[r.id], r.id, node, units, true);
        left = customers_[r.id].remaining;
      } else {
        const double units = std::min(on_hand, orders_[r.id].remaining);
        stock_.add_backorders(now(), node, sku, -units, false);
        ship_order(r.id, units);
        left = orders_[r.id].remaining;
      }
      if (left > 0) break;
      queue.pop_front();
      if (r.is_customer) {
        customers_[r.id].waiting_at = kNone;
        customers_.release(r.id);
      } else {
        orders_.release(r.id);
      }
    }
  }

  void place_order(Index node, Index sku, double units) {
    if (units <= 0) return;
    stock_.add_on_order(node, sku, units);
    flows_.order(node, units);
    if (plan_.node_kind(node) == NodeKind::kFactory) {
      production_.enqueue(plan_.factory_of(node), Job{sku, units, kNoRecord});
      flows_.factory_order(units);
      return;
    }
    const Index lane = plan_.supplier_lane(node);
    const std::uint32_t id = orders_.add(ReplenishmentOrder{node, lane, sku, units});
    calendar_.schedule_in(plan_.lane(lane).information_delay_days,
                          {EventKind::kOrderArrival, false, id, 0});
  }

  void order_reaches_supplier(std::uint32_t id) {
    const ReplenishmentOrder& o = orders_[id];
    const Index supplier = plan_.lane(o.lane).from;
    const Index sku = o.sku;
    add_demand(supplier, sku, o.remaining);
    const double units = std::min(stock_.on_hand(supplier, sku), o.remaining);
    if (units > 0) ship_order(id, units);
    if (orders_[id].remaining > 0) {
      stock_.add_backorders(now(), supplier, sku, orders_[id].remaining, false);
      stock_.backlog(supplier, sku).queue.push_back({false, id});
    } else {
      orders_.release(id);
    }
    consider_continuous_review(supplier, sku);
  }

  void sell_to_node(Index seller, Index buyer, Index lane, Index product, double units) {
    books_.sell_to_node(seller, buyer, plan_.price(seller, product) * units, units,
                        plan_.purchase_cost(seller, product) * units,
                        plan_.lane(lane).cost_per_unit * units,
                        plan_.lane(lane).payment_terms_days);
  }

  void ship_order(std::uint32_t id, double units) {
    ReplenishmentOrder& o = orders_[id];
    const Index supplier = plan_.lane(o.lane).from;
    stock_.take(now(), supplier, o.sku, units);
    books_.ship(supplier, units);
    sell_to_node(supplier, o.buyer, o.lane, plan_.product_of(o.sku), units);
    o.remaining -= units;
    stock_.add_in_transit(o.buyer, o.sku, units);
    transport_.send(o.lane, o.sku, units);
  }

  void shipment_arrives(std::uint32_t id) {
    const Shipment s = transport_.arrive(id);
    const Index buyer = plan_.lane(s.lane).to;
    stock_.add_on_order(buyer, s.sku, -s.quantity);
    stock_.add_in_transit(buyer, s.sku, -s.quantity);
    books_.receive(buyer, s.quantity);
    receive_into_stock(buyer, s.sku, s.quantity);
  }

  // Continuous review (r, Q) acts on every change of the inventory position.
  void consider_continuous_review(Index node, Index sku) {
    if (!replenishment_.reviews_continuously(node) || !plan_.stocks(node, sku) ||
        !in_season_[plan_.product_of(sku)]) {
      return;
    }
    place_order(node, sku, replenishment_.continuous_order(node, sku));
  }

  void review(std::int64_t day) {
    replenishment_.review(day, now(), in_season_, [this](Index node, Index sku, double units) {
      place_order(node, sku, units);
    });
  }

  // ---- the calendar ---------------------------------------------------------------------------

  // The review answers the day's demand: its orders belong to the day that ends. The day's books
  // close in an event of their own at the same instant, scheduled after the review's orders, so
  // that an order with no information delay counts as demand at its supplier on the same day (in
  // the daily snapshot and in the bullwhip buckets alike), as it does in the policy's own books.
  void day_end() {
    const double t = now();
    review(static_cast<std::int64_t>(std::llround(t)));
    calendar_.schedule_at(t, {EventKind::kDayClose, false, 0, 0});
    if (t + 1.0 <= plan_.spec().horizon_days) {
      calendar_.schedule_at(t + 1.0, {EventKind::kDayEnd, false, 0, 0});
    }
  }

  void day_close() {
    const double t = now();
    const auto day = static_cast<std::int64_t>(std::llround(t));
    if (observer_) observe_day(day);
    flows_.end_day(day, t - 1.0 >= plan_.spec().warmup_days - 1e-9);
  }

  void observe_day(std::int64_t day) const {
    for (Index node = 0; node < plan_.node_count(); ++node) {
      const StockTotals totals = stock_.totals(node);
      DailySnapshot snap;
      snap.day = static_cast<Index>(day);
      snap.node = node;
      snap.on_hand = totals.on_hand;
      snap.backorders = totals.backorders;
      snap.on_order = totals.on_order;
      snap.orders_placed = flows_.orders_today(node);
      snap.demand_received = flows_.demand_today(node);
      snap.received = flows_.received_today(node);
      observer_(snap);
    }
  }

  void end_warmup() {
    books_.start_measuring(now());
    stock_.start_measuring(now());
    production_.start_measuring(now());
  }

  void end_season(Index p) {
    in_season_[p] = 0;
    for (Index node = 0; node < plan_.node_count(); ++node) {
      for (Index v = 0; v < plan_.product(p).variants; ++v) {
        const Index sku = plan_.first_sku(p) + v;
        const double units = stock_.on_hand(node, sku);
        if (units > 0) salvage(node, sku, units, false);
        drop_backlog(node, sku);
      }
    }
  }

  // At the season's end waiting customers are lost and open orders cancelled.
  void drop_backlog(Index node, Index sku) {
    stock_.backlog(node, sku).lost = 0;
    RingQueue<BacklogEntry>& queue = stock_.backlog(node, sku).queue;
    while (!queue.empty()) {
      const BacklogEntry r = queue.front();
      queue.pop_front();
      if (r.is_customer) {
        if (customers_[r.id].open) {
          stock_.add_backorders(now(), node, sku, -customers_[r.id].remaining, true);
          customers_.lose(r.id, node);
        }
        customers_.release(r.id);
      } else {
        const ReplenishmentOrder& o = orders_[r.id];
        stock_.add_backorders(now(), node, sku, -o.remaining, false);
        stock_.add_on_order(o.buyer, o.sku, -o.remaining);
        orders_.release(r.id);
      }
    }
  }

  // Left stock is sold off at the product's salvage fraction of unit cost.
  void salvage(Index node, Index sku, double units, bool arrived) {
    if (!arrived) stock_.take(now(), node, sku, units);
    const Index p = plan_.product_of(sku);
    const ProductSpec& product = plan_.product(p);
    books_.salvage(node, units, units * product.unit_cost * product.salvage_fraction,
                   units * plan_.purchase_cost(node, p), units * plan_.chain_cost(node, p),
                   units * product.unit_cost);
  }

  // At the horizon stock is ending inventory, valued at cost, unless the scenario closes the
  // chain down: then it is salvaged like stock at a season's end.
  void close_books() {
    if (plan_.spec().terminal_valuation != TerminalValuation::kSalvage) return;
    for (Index node = 0; node < plan_.node_count(); ++node) {
      for (Index sku = 0; sku < plan_.sku_count(); ++sku) {
        const double units = stock_.on_hand(node, sku);
        if (units > 0) salvage(node, sku, units, false);
      }
    }
  }

  const ArmPlan& plan_;
  const DailyObserver& observer_;
  Calendar calendar_;
  Books books_;
  Stock stock_;
  Transport transport_;
  MarketArrivals markets_;
  Customers customers_;
  Production production_;
  Replenishment replenishment_;
  FlowCounters flows_;
  ObjectPool<ReplenishmentOrder> orders_;
  std::vector<std::uint8_t> in_season_;  // per product: its season has not ended
};

}  // namespace

ReplicationResult run_replication(const ArmPlan& plan, std::uint64_t seed,
                                  std::uint64_t replication, const DailyObserver& observer) {
  Replication run(plan, seed, replication, observer);
  return run.run();
}

ReplicationResult run_replication(const ChainSpec& spec, std::uint64_t seed,
                                  std::uint64_t replication, const DailyObserver& observer) {
  return run_replication(ArmPlan(spec), seed, replication, observer);
}

}  // namespace c2msim::model
