#include "sim/model/chain_model.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "sim/engine/simulation.hpp"
#include "sim/model/daily_rate.hpp"
#include "sim/model/demand_forecast.hpp"
#include "sim/model/lane_capacity.hpp"
#include "sim/model/object_pool.hpp"
#include "sim/model/prices.hpp"
#include "sim/model/ring_queue.hpp"
#include "sim/random/random_stream.hpp"
#include "sim/stats/running_moments.hpp"
#include "sim/stats/time_weighted_average.hpp"

namespace c2msim::model {

double ReplicationResult::get(const std::string& scope, const std::string& metric) const {
  for (const MetricValue& m : metrics) {
    if (m.scope == scope && m.metric == metric) return m.value;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

namespace {

constexpr std::uint32_t kNoId = ~std::uint32_t{0};
constexpr double kDaysPerYear = 365.0;

enum class EventKind : std::uint8_t {
  kCustomerArrival,  // a: market
  kDailyArrivals,    // a: market (over-dispersed demand: draws the day's customers)
  kCustomerForward,  // a: customer (a platform's order reaching the factory)
  kOrderArrival,     // a: order (a node's replenishment order reaching its supplier)
  kShipmentArrival,  // a: shipment
  kProductionDone,   // a: factory index, b: line
  kPatienceExpiry,   // a: customer
  kDayEnd,           // daily books, forecasts and periodic reviews
  kBatchRelease,     // a: factory index
  kWarmupEnd,
  kSeasonEnd,  // a: product
};

struct ModelEvent {
  EventKind kind = EventKind::kDayEnd;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

// A customer's order, from arrival until it is served in full or lost.
struct Customer {
  Index market = 0;
  Index node = 0;        // the consumer-facing node that took the order
  Index sku = 0;         // what the customer receives (the preferred variant or a substitute)
  double remaining = 0;  // units not yet shipped
  double arrival = 0;
  double last_delivery = 0;
  double patience = std::numeric_limits<double>::infinity();
  double substitution_draw = 1.0;  // uniform; substitutes when below the node's probability
  double customisation_draw =
      1.0;                   // uniform; built to order at a hybrid factory when below its share
  Index waiting_at = kNone;  // the node whose backlog holds the customer, if any
  bool preferred = true;
  bool open = true;
  bool measured = true;  // arrived after the warm-up: its outcome counts in the service metrics
  engine::EventHandle patience_event;
};

// A replenishment order from a node to its supplier, until shipped in full.
struct Order {
  Index buyer = 0;
  Index lane = 0;
  Index sku = 0;
  double remaining = 0;
};

struct Shipment {
  Index lane = 0;
  Index sku = 0;
  double quantity = 0;
};

struct Job {
  Index sku = 0;
  double quantity = 0;
  std::uint32_t customer = kNoId;  // make-to-order: the customer it is for; else for stock
  double planned_days = 0;         // production time plus the changeover expected before it
  double queued_at = 0;            // when it joined the factory's queue (or batch)
};

// A backlog entry at a node: a customer or a downstream order waiting for stock.
struct Request {
  bool is_customer = false;
  std::uint32_t id = 0;
};

struct Line {
  bool busy = false;
  Index last_sku = kNone;
  std::uint32_t job = kNoId;
  double busy_until = 0;
};

struct Factory {
  Index node = 0;
  const FactorySpec* spec = nullptr;
  std::vector<Line> lines;
  RingQueue<std::uint32_t> queue;
  std::vector<std::uint32_t> batch;  // make-to-order jobs waiting for the next batch release
  double queued_work_days = 0;       // planned time of the queued jobs, changeovers included
  Index last_queued_sku = kNone;
  double busy_days = 0;  // post-warm-up busy time, all lines
  // Post-warm-up queueing measurements: jobs waiting or in production (time average), and the
  // wait from joining the queue to the start of production of the jobs queued after the warm-up.
  stats::TimeWeightedAverage jobs_in_system;
  stats::RunningMoments job_waits;
};

// Post-warm-up measurements of one node; reset at the end of the warm-up.
struct NodeStats {
  double revenue = 0;
  double purchases = 0;
  double production_cost = 0;
  double transport_cost = 0;
  double salvage_revenue = 0;
  double units_sold = 0;
  double cogs = 0;  // units sold x their purchase (or production) cost
  double consumer_units_demanded = 0;
  // Fill rate: of the units demanded from a stock (here, or the factory's for a drop shipment),
  // those shipped at once. Make-to-order demand meets no stock and is in neither.
  double consumer_units_at_stock = 0;
  double consumer_units_from_stock = 0;
  double consumer_units_lost = 0;
  stats::TimeWeightedAverage on_hand_value;
  stats::TimeWeightedAverage on_hand_units;
  stats::TimeWeightedAverage backordered_units;
  stats::RunningMoments daily_demand, daily_orders, weekly_demand, weekly_orders;
};

// Whole-run unit and money books, for the conservation check.
struct NodeLedger {
  double units_in = 0;   // received from suppliers + produced
  double units_out = 0;  // shipped to nodes and consumers
  double units_salvaged = 0;
  double paid_to_suppliers = 0;
  double received_from_nodes = 0;
};

class ChainRun {
 public:
  ChainRun(const ChainSpec& spec, std::uint64_t seed, std::uint64_t replication,
           const DailyObserver& observer)
      : spec_(spec), seed_(seed), replication_(replication), observer_(observer) {
    index_skus();
    index_lanes();
    derive_prices();
    derive_stocked_variants();
    init_state();
  }

  ReplicationResult run() {
    start();
    sim_.run_until(spec_.horizon_days, [this](const auto& event) { handle(event.payload); });
    close_books();
    check_conservation();
    return measure();
  }

 private:
  using Sim = engine::Simulation<ModelEvent>;

  // ---- static structure ------------------------------------------------------------------

  void index_skus() {
    sku_offset_.reserve(spec_.products.size());
    for (const ProductSpec& p : spec_.products) {
      sku_offset_.push_back(sku_count_);
      for (Index v = 0; v < p.variants; ++v)
        sku_product_.push_back(static_cast<Index>(sku_offset_.size() - 1));
      sku_count_ += p.variants;
    }
  }

  Index product_of(Index sku) const { return sku_product_[sku]; }
  Index variant_of(Index sku) const { return sku - sku_offset_[product_of(sku)]; }
  std::size_t at(Index node, Index sku) const {
    return static_cast<std::size_t>(node) * sku_count_ + sku;
  }

  void index_lanes() {
    const std::size_t n = spec_.nodes.size();
    supplier_lane_.assign(n, kNone);
    market_lanes_.assign(spec_.markets.size(), {});
    lane_to_market_of_node_.assign(n, std::vector<Index>(spec_.markets.size(), kNone));
    for (Index l = 0; l < spec_.lanes.size(); ++l) {
      const LaneSpec& lane = spec_.lanes[l];
      if (lane.from >= n) throw std::invalid_argument("lane from an unknown node");
      if (lane.to_market) {
        if (lane.to >= spec_.markets.size())
          throw std::invalid_argument("lane to an unknown market");
        market_lanes_[lane.to].push_back(l);
        lane_to_market_of_node_[lane.from][lane.to] = l;
      } else {
        if (lane.to >= n) throw std::invalid_argument("lane to an unknown node");
        // One supplier per node (single sourcing; the loader explains this to the user).
        if (supplier_lane_[lane.to] != kNone) {
          throw std::invalid_argument(
              fmt::format("node {} has more than one supplier", spec_.nodes[lane.to].id));
        }
        supplier_lane_[lane.to] = l;
      }
    }
    for (Index node = 0; node < n; ++node) {
      if (spec_.nodes[node].kind == NodeKind::kFactory && !spec_.nodes[node].factory) {
        throw std::invalid_argument(
            fmt::format("factory {} has no production settings", spec_.nodes[node].id));
      }
      if (spec_.nodes[node].kind != NodeKind::kFactory && supplier_lane_[node] == kNone) {
        throw std::invalid_argument(fmt::format("node {} has no supplier", spec_.nodes[node].id));
      }
    }
    // Nodes from the factories down, so that prices can be derived along the chain.
    topo_order_.clear();
    std::vector<int> state(n, 0);
    auto visit = [&](auto&& self, Index node) -> void {
      if (state[node] == 2) return;
      if (state[node] == 1) throw std::invalid_argument("the supply graph has a cycle");
      state[node] = 1;
      if (supplier_lane_[node] != kNone) self(self, spec_.lanes[supplier_lane_[node]].from);
      state[node] = 2;
      topo_order_.push_back(node);
    };
    for (Index node = 0; node < n; ++node) visit(visit, node);
    market_share_cumulative_.resize(spec_.markets.size());
    for (Index m = 0; m < spec_.markets.size(); ++m) {
      if (market_lanes_[m].empty()) {
        throw std::invalid_argument(
            fmt::format("market {} is served by no node", spec_.markets[m].id));
      }
      double total = 0;
      for (Index l : market_lanes_[m]) total += spec_.lanes[l].share;
      double running = 0;
      for (Index l : market_lanes_[m]) {
        running += spec_.lanes[l].share / total;
        market_share_cumulative_[m].push_back(running);
      }
    }
  }

  // Each node's purchase cost and price along the chain, and the markets' price response
  // (sim/model/prices.hpp).
  void derive_prices() {
    Prices prices = model::derive_prices(spec_);
    purchase_cost_ = std::move(prices.purchase_cost);
    price_ = std::move(prices.price);
    market_rate_factor_ = std::move(prices.rate_factor);
  }

  double price(Index node, Index product) const {
    return price_[node * spec_.products.size() + product];
  }
  double purchase_cost(Index node, Index product) const {
    return purchase_cost_[node * spec_.products.size() + product];
  }
  double unit_cost(Index sku) const { return spec_.products[product_of(sku)].unit_cost; }

  // A stocking node keeps the top-N variants (variant 0 is the most popular) of every product
  // it handles, plus whatever any node it supplies keeps, so that every order can be filled.
  void derive_stocked_variants() {
    const std::size_t n = spec_.nodes.size();
    handles_.assign(n * spec_.products.size(), 0);
    for (Index m = 0; m < spec_.markets.size(); ++m) {
      for (Index l : market_lanes_[m]) {
        for (Index node = spec_.lanes[l].from; node != kNone;) {
          handles_[node * spec_.products.size() + spec_.markets[m].product] = 1;
          node = supplier_lane_[node] == kNone ? kNone : spec_.lanes[supplier_lane_[node]].from;
        }
      }
    }
    stocked_.assign(n * sku_count_, 0);
    for (Index node = 0; node < n; ++node) {
      const auto& stock = spec_.nodes[node].stock;
      if (!stock) continue;
      for (Index p = 0; p < spec_.products.size(); ++p) {
        if (!handles_[node * spec_.products.size() + p]) continue;
        const Index variants = spec_.products[p].variants;
        if (!stock->stocked_variant_list.empty()) {
          for (Index v : stock->stocked_variant_list) {
            if (v < variants) stocked_[at(node, sku_offset_[p] + v)] = 1;
          }
          continue;
        }
        const Index keep =
            stock->stocked_variants == 0 ? variants : std::min(variants, stock->stocked_variants);
        for (Index v = 0; v < keep; ++v) stocked_[at(node, sku_offset_[p] + v)] = 1;
      }
    }
    for (auto it = topo_order_.rbegin(); it != topo_order_.rend(); ++it) {
      const Index node = *it;
      if (supplier_lane_[node] == kNone || !spec_.nodes[node].stock) continue;
      const Index supplier = spec_.lanes[supplier_lane_[node]].from;
      if (!spec_.nodes[supplier].stock) continue;
      for (Index s = 0; s < sku_count_; ++s) {
        if (stocked_[at(node, s)]) stocked_[at(supplier, s)] = 1;
      }
    }
  }

  void init_state() {
    const std::size_t n = spec_.nodes.size();
    const std::size_t ns = n * sku_count_;
    on_hand_.assign(ns, 0.0);
    on_order_.assign(ns, 0.0);
    backorders_.assign(ns, 0.0);
    backlog_.resize(ns);
    demand_total_.assign(ns, 0.0);
    signal_at_last_review_.assign(ns, 0.0);
    pos_today_.assign(sku_count_, 0.0);
    pos_total_.assign(sku_count_, 0.0);
    forecasts_.resize(ns);
    node_demand_today_.assign(n, 0.0);
    node_orders_today_.assign(n, 0.0);
    node_received_today_.assign(n, 0.0);
    node_demand_week_.assign(n, 0.0);
    node_orders_week_.assign(n, 0.0);
    stats_.resize(n);
    ledger_.resize(n);
    full_.consumer_received.assign(n, 0.0);
    factory_of_node_.assign(n, kNone);
    for (Index node = 0; node < n; ++node) {
      const NodeSpec& spec = spec_.nodes[node];
      if (spec.kind == NodeKind::kFactory) {
        factory_of_node_[node] = static_cast<Index>(factories_.size());
        Factory f;
        f.node = node;
        f.spec = &*spec.factory;
        f.lines.resize(std::max<Index>(1, spec.factory->lines));
        factories_.push_back(std::move(f));
      }
      if (const auto* fp =
              spec.stock ? std::get_if<ForecastPolicy>(&spec.stock->policy) : nullptr) {
        for (Index s = 0; s < sku_count_; ++s) forecasts_[at(node, s)] = DemandForecast(*fp);
      }
    }
    lane_streams_.reserve(spec_.lanes.size());
    lane_capacity_.reserve(spec_.lanes.size());
    for (const LaneSpec& lane : spec_.lanes) {
      lane_capacity_.emplace_back(
          lane.capacity_per_day.value_or(std::numeric_limits<double>::infinity()));
    }
    for (Index l = 0; l < spec_.lanes.size(); ++l) {
      lane_streams_.emplace_back(random::StreamKey{seed_, replication_, kLaneLeadTimes, l});
    }
    arrival_streams_.reserve(spec_.markets.size());
    attribute_streams_.reserve(spec_.markets.size());
    variant_choice_.reserve(spec_.markets.size());
    for (Index m = 0; m < spec_.markets.size(); ++m) {
      arrival_streams_.emplace_back(random::StreamKey{seed_, replication_, kCustomerArrivals, m});
      attribute_streams_.emplace_back(
          random::StreamKey{seed_, replication_, kCustomerAttributes, m});
      std::vector<double> weights = spec_.markets[m].variant_weights;
      weights.resize(spec_.products[spec_.markets[m].product].variants, 0.0);
      variant_choice_.emplace_back(weights);
    }
    in_season_.assign(spec_.products.size(), 1);
  }

  // ---- the run ---------------------------------------------------------------------------

  void start() {
    const double expected_customers = std::accumulate(
        spec_.markets.begin(), spec_.markets.end(), 0.0, [](double sum, const MarketSpec& m) {
          return sum + std::accumulate(m.arrivals_per_day.begin(), m.arrivals_per_day.end(), 0.0);
        });
    lead_times_.reserve(static_cast<std::size_t>(expected_customers * 1.2) + 16);
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      const auto& stock = spec_.nodes[node].stock;
      if (!stock) continue;
      for (Index s = 0; s < sku_count_; ++s) {
        if (stocked_[at(node, s)]) set_on_hand(node, s, stock->initial_on_hand);
      }
      // Opening stock is bought at the node's purchase cost, as if it had been ordered.
      for (Index s = 0; s < sku_count_; ++s) {
        if (stocked_[at(node, s)])
          stats_[node].purchases += stock->initial_on_hand * purchase_cost(node, product_of(s));
      }
    }
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      for (Index s = 0; s < sku_count_; ++s) initial_units_ += on_hand_[at(node, s)];
    }
    for (Index m = 0; m < spec_.markets.size(); ++m) {
      if (spec_.markets[m].process == ArrivalProcess::kNegativeBinomial) {
        sim_.schedule_at(0.0, {EventKind::kDailyArrivals, m, 0});
      } else {
        schedule_next_arrival(m);
      }
    }
    for (Index f = 0; f < factories_.size(); ++f) {
      if (factories_[f].spec->batching_window_days > 0) {
        sim_.schedule_at(factories_[f].spec->batching_window_days,
                         {EventKind::kBatchRelease, f, 0});
      }
    }
    for (Index p = 0; p < spec_.products.size(); ++p) {
      const auto& end = spec_.products[p].season_end_day;
      if (end && *end < spec_.horizon_days) sim_.schedule_at(*end, {EventKind::kSeasonEnd, p, 0});
    }
    if (spec_.warmup_days > 0) sim_.schedule_at(spec_.warmup_days, {EventKind::kWarmupEnd, 0, 0});
    if (spec_.horizon_days >= 1.0) sim_.schedule_at(1.0, {EventKind::kDayEnd, 0, 0});
    review_all(0);
  }

  void handle(const ModelEvent& e) {
    switch (e.kind) {
      case EventKind::kCustomerArrival:
        customer_arrives(e.a);
        if (e.b != kNoId) schedule_next_arrival(e.a);  // over-dispersed days are drawn whole
        break;
      case EventKind::kDailyArrivals:
        daily_arrivals(e.a);
        break;
      case EventKind::kCustomerForward:
        customer_reaches_factory(e.a);
        break;
      case EventKind::kOrderArrival:
        order_reaches_supplier(e.a);
        break;
      case EventKind::kShipmentArrival:
        shipment_arrives(e.a);
        break;
      case EventKind::kProductionDone:
        production_done(e.a, e.b);
        break;
      case EventKind::kPatienceExpiry:
        patience_runs_out(e.a);
        break;
      case EventKind::kDayEnd:
        day_end();
        break;
      case EventKind::kBatchRelease:
        release_batch(e.a);
        break;
      case EventKind::kWarmupEnd:
        end_warmup();
        break;
      case EventKind::kSeasonEnd:
        end_season(e.a);
        break;
    }
  }

  // ---- consumers -------------------------------------------------------------------------

  void schedule_next_arrival(Index m) {
    const MarketSpec& ms = spec_.markets[m];
    const double unit = ms.process == ArrivalProcess::kDeterministic
                            ? 1.0
                            : -std::log(arrival_streams_[m].uniform_open01());
    // The k-th customer arrives at Lambda^-1(E_1 + ... + E_k), the rate scaled by price response.
    const double t =
        advance_daily_rate(ms.arrivals_per_day, sim_.now(), unit / market_rate_factor_[m]);
    if (t <= spec_.horizon_days) sim_.schedule_at(t, {EventKind::kCustomerArrival, m, 0});
  }

  void daily_arrivals(Index m) {
    const MarketSpec& ms = spec_.markets[m];
    const double day = sim_.now();
    const auto d = static_cast<std::size_t>(day);
    if (d < ms.arrivals_per_day.size()) {
      const double mean = ms.arrivals_per_day[d] * market_rate_factor_[m];
      const auto count = random::NegativeBinomial(mean, ms.dispersion)(arrival_streams_[m]);
      day_times_.resize(count);
      for (double& t : day_times_) t = day + arrival_streams_[m].uniform01();
      std::sort(day_times_.begin(), day_times_.end());
      for (double t : day_times_) {
        if (t < spec_.horizon_days) sim_.schedule_at(t, {EventKind::kCustomerArrival, m, kNoId});
      }
    }
    if (day + 1.0 < spec_.horizon_days)
      sim_.schedule_at(day + 1.0, {EventKind::kDailyArrivals, m, 0});
  }

  void customer_arrives(Index m) {
    const MarketSpec& ms = spec_.markets[m];
    random::RandomStream& rng = attribute_streams_[m];
    // Every attribute is drawn for every customer, in a fixed order, so that the k-th customer of
    // a market is the same person in every arm.
    const double quantity = std::max(1.0, std::round(random::sample(ms.quantity, rng)));
    const auto variant = static_cast<Index>(variant_choice_[m](rng));
    const double patience = ms.patience_days ? std::max(0.0, random::sample(*ms.patience_days, rng))
                                             : std::numeric_limits<double>::infinity();
    const double channel = rng.uniform01();
    const double substitution = rng.uniform01();
    const double customisation = rng.uniform01();
    if (!in_season_[ms.product]) return;

    std::size_t pick = 0;
    while (pick + 1 < market_lanes_[m].size() && channel >= market_share_cumulative_[m][pick])
      ++pick;
    const Index lane = market_lanes_[m][pick];
    const Index node = spec_.lanes[lane].from;
    const Index wanted = sku_offset_[ms.product] + variant;

    NodeStats& st = stats_[node];
    st.consumer_units_demanded += quantity;
    system_.units_demanded += quantity;
    system_.customers += 1;
    system_.list_value += price(node, ms.product) * quantity;
    system_.list_cost += spec_.products[ms.product].unit_cost * quantity;
    pos_today_[wanted] += quantity;
    pos_total_[wanted] += quantity;
    add_demand(node, wanted, quantity);

    Customer c;
    c.market = m;
    c.node = node;
    c.sku = wanted;
    c.remaining = quantity;
    c.arrival = sim_.now();
    c.patience = patience;
    c.substitution_draw = substitution;
    c.customisation_draw = customisation;
    c.measured = sim_.now() >= spec_.warmup_days;
    const std::uint32_t id = customers_.add(c);

    const NodeSpec& ns = spec_.nodes[node];
    if (ns.kind == NodeKind::kFactory) {
      customer_reaches_factory(id);
    } else if (ns.kind == NodeKind::kPlatform && !(ns.stock && stocked_[at(node, wanted)]) &&
               supplier_is_factory(node)) {
      // C2M: the platform passes the order straight to the factory.
      const LaneSpec& up = spec_.lanes[supplier_lane_[node]];
      node_orders_today_[node] += quantity;
      sim_.schedule_in(up.information_delay_days, {EventKind::kCustomerForward, id, 0});
    } else {
      fill_from_stock(id, node);
    }
  }

  bool supplier_is_factory(Index node) const {
    return supplier_lane_[node] != kNone &&
           spec_.nodes[spec_.lanes[supplier_lane_[node]].from].kind == NodeKind::kFactory;
  }

  // The customer's variant if `node` stocks it, else, with the node's substitution probability,
  // the most popular variant it stocks.
  bool choose_stocked_sku(Index node, Customer& c) {
    if (stocked_[at(node, c.sku)]) return true;
    const auto& stock = spec_.nodes[node].stock;
    if (!stock || c.substitution_draw >= stock->substitution_probability) return false;
    const Index first = sku_offset_[product_of(c.sku)];
    for (Index v = 0; v < spec_.products[product_of(c.sku)].variants; ++v) {
      if (stocked_[at(node, first + v)]) {
        c.sku = first + v;
        c.preferred = false;
        return true;
      }
    }
    return false;
  }

  // Serves a customer from the stock of `node` (the consumer-facing node, or a factory shipping
  // direct): what is on hand ships now; the rest waits in the node's backlog, or is lost.
  void fill_from_stock(std::uint32_t id, Index node) {
    Customer& c = customers_[id];
    if (c.measured) stats_[c.node].consumer_units_at_stock += c.remaining;
    if (!spec_.nodes[node].stock || !choose_stocked_sku(node, c)) {
      lose_customer(id);
      return;
    }
    const Index sku = c.sku;
    const std::size_t k = at(node, sku);
    const double from_stock = std::min(on_hand_[k], c.remaining);
    if (c.measured) stats_[c.node].consumer_units_from_stock += from_stock;
    if (from_stock > 0) ship_to_customer(id, node, from_stock, true);
    // A sale from stock lowers the inventory position: continuous review acts on it now, whether
    // or not the customer is served in full.
    if (!customers_[id].open) {
      consider_continuous_review(node, sku);
      return;
    }
    // Lost sales, or a customer whose patience ran out before the order got here (a platform's
    // order reaches the factory after the information delay).
    if (spec_.nodes[node].stock->shortage == ShortageMode::kLostSales ||
        c.arrival + c.patience <= sim_.now()) {
      lose_customer(id);
      consider_continuous_review(node, sku);
      return;
    }
    Customer& waiting = customers_[id];
    waiting.waiting_at = node;
    backlog_[k].push_back({true, id});
    add_backorders(node, waiting.sku, waiting.remaining, true);
    if (std::isfinite(waiting.patience)) {
      waiting.patience_event =
          sim_.schedule_at(waiting.arrival + waiting.patience, {EventKind::kPatienceExpiry, id, 0});
    }
    consider_continuous_review(node, waiting.sku);
  }

  void patience_runs_out(std::uint32_t id) {
    Customer& c = customers_[id];
    // Still referenced by the backlog, which skips and releases it when it gets there.
    add_backorders(c.waiting_at, c.sku, -c.remaining, true);
    lose_customer(id);
  }

  void lose_customer(std::uint32_t id) {
    Customer& c = customers_[id];
    if (c.measured) {
      stats_[c.node].consumer_units_lost += c.remaining;
      system_.units_lost += c.remaining;
    }
    close_customer(id, false);
  }

  void close_customer(std::uint32_t id, bool served_in_full) {
    Customer& c = customers_[id];
    c.open = false;
    if (served_in_full && c.measured) {
      lead_times_.push_back(c.last_delivery - c.arrival);
      system_.customers_served += 1;
      if (c.preferred) system_.customers_matched += 1;
    }
    sim_.cancel(c.patience_event);
    if (c.waiting_at == kNone) customers_.release(id);
  }

  // Ships units to a customer: from the consumer-facing node's stock, or from a factory that
  // makes to order for a platform (the goods then travel both lanes).
  void ship_to_customer(std::uint32_t id, Index from, double units, bool from_stock) {
    Customer& c = customers_[id];
    const Index p = product_of(c.sku);
    const Index consumer_node = c.node;
    const Index market_lane = lane_to_market_of_node_[consumer_node][c.market];
    // A drop shipment takes capacity on both lanes on the day it leaves the factory.
    double delivery = departure(market_lane, units) + draw_lead_time(market_lane);
    const double value = price(consumer_node, p) * units;
    NodeStats& seller = stats_[consumer_node];
    seller.revenue += value;
    seller.units_sold += units;
    seller.cogs += purchase_cost(consumer_node, p) * units;
    seller.transport_cost += spec_.lanes[market_lane].cost_per_unit * units;
    system_.consumer_revenue += value;
    system_.consumer_units += units;
    system_.consumer_cost_value += unit_cost(c.sku) * units;
    full_.consumer_paid += value;
    full_.consumer_received[consumer_node] += value;
    if (from != consumer_node) {
      // Drop shipment: the factory sells to the platform and sends the goods itself.
      const Index up_lane = supplier_lane_[consumer_node];
      delivery += departure(up_lane, units) - sim_.now() + draw_lead_time(up_lane);
      record_b2b_sale(from, consumer_node, up_lane, p, units);
    }
    if (from_stock) take_from_stock(from, c.sku, units);
    ledger_[from].units_out += units;
    full_.consumer_units += units;
    c.remaining -= units;
    c.last_delivery = std::max(c.last_delivery, delivery);
    if (c.remaining <= 0) close_customer(id, true);
  }

  // ---- factories -------------------------------------------------------------------------

  void customer_reaches_factory(std::uint32_t id) {
    Customer& c = customers_[id];
    const Index factory_node = spec_.nodes[c.node].kind == NodeKind::kFactory
                                   ? c.node
                                   : spec_.lanes[supplier_lane_[c.node]].from;
    Factory& f = factories_[factory_of_node_[factory_node]];
    add_demand(factory_node, c.sku, c.remaining);
    const FactoryMode mode = f.spec->mode;
    if (mode == FactoryMode::kMakeToStock ||
        (mode == FactoryMode::kHybrid && stocked_[at(factory_node, c.sku)] &&
         c.customisation_draw >= f.spec->to_order_share)) {
      fill_from_stock(id, factory_node);  // finished goods, shipped direct
      return;
    }
    // Make to order: the quoted delivery is the factory's backlog spread over its lines, plus
    // this job, plus the expected transport; beyond the customer's patience the sale is lost.
    double in_process = 0;
    for (const Line& line : f.lines) in_process += line.busy ? line.busy_until - sim_.now() : 0.0;
    const double own_work = c.remaining * f.spec->unit_production_days + f.spec->changeover_days;
    double transport =
        random::mean(spec_.lanes[lane_to_market_of_node_[c.node][c.market]].lead_time_days);
    if (c.node != factory_node)
      transport += random::mean(spec_.lanes[supplier_lane_[c.node]].lead_time_days);
    const double quoted = sim_.now() +
                          (f.queued_work_days + in_process) / static_cast<double>(f.lines.size()) +
                          own_work + transport;
    if (quoted - c.arrival > c.patience) {
      lose_customer(id);
      return;
    }
    node_orders_today_[factory_node] += c.remaining;
    factory_orders_today_ += c.remaining;
    enqueue_job(f, Job{c.sku, c.remaining, id});
  }

  void enqueue_job(Factory& f, Job job) {
    // Plan a changeover whenever the job follows one of another variant in the queue, so that
    // make-to-order quotes see the setups a long queue of mixed variants will need.
    job.planned_days =
        job.quantity * f.spec->unit_production_days +
        (f.last_queued_sku != kNone && f.last_queued_sku != job.sku ? f.spec->changeover_days
                                                                    : 0.0);
    f.last_queued_sku = job.sku;
    job.queued_at = sim_.now();
    f.jobs_in_system.add(sim_.now(), 1.0);
    const std::uint32_t id = jobs_.add(job);
    f.queued_work_days += job.planned_days;
    if (f.spec->batching_window_days > 0 && job.customer != kNoId) {
      f.batch.push_back(id);
      return;
    }
    f.queue.push_back(id);
    start_free_lines(f);
  }

  void release_batch(Index fi) {
    Factory& f = factories_[fi];
    // Variant-sorted, so that a batch changes over once per variant; first come first served
    // within a variant. Sorting (variant, position) keys in a reused buffer keeps the order of
    // std::stable_sort without its temporary buffer, which would allocate at every release.
    batch_keys_.clear();
    for (std::uint32_t i = 0; i < f.batch.size(); ++i)
      batch_keys_.push_back({jobs_[f.batch[i]].sku, i});
    std::sort(batch_keys_.begin(), batch_keys_.end());
    for (const auto& [sku, position] : batch_keys_) f.queue.push_back(f.batch[position]);
    f.batch.clear();
    start_free_lines(f);
    sim_.schedule_in(f.spec->batching_window_days, {EventKind::kBatchRelease, fi, 0});
  }

  void start_free_lines(Factory& f) {
    for (Index l = 0; l < f.lines.size() && !f.queue.empty(); ++l) {
      Line& line = f.lines[l];
      if (line.busy) continue;
      const std::uint32_t id = f.queue.front();
      f.queue.pop_front();
      const Job& job = jobs_[id];
      const double work = job.quantity * f.spec->unit_production_days;
      f.queued_work_days -= job.planned_days;
      if (job.queued_at >= spec_.warmup_days) f.job_waits.add(sim_.now() - job.queued_at);
      const double setup =
          line.last_sku != kNone && line.last_sku != job.sku ? f.spec->changeover_days : 0.0;
      line.busy = true;
      line.job = id;
      line.last_sku = job.sku;
      line.busy_until = sim_.now() + setup + work;
      f.busy_days += setup + work;
      sim_.schedule_at(line.busy_until, {EventKind::kProductionDone, factory_of_node_[f.node], l});
    }
  }

  void production_done(Index fi, Index l) {
    Factory& f = factories_[fi];
    Line& line = f.lines[l];
    const Job job = jobs_[line.job];
    jobs_.release(line.job);
    f.jobs_in_system.add(sim_.now(), -1.0);
    line.busy = false;
    line.job = kNoId;
    const Index node = f.node;
    ledger_[node].units_in += job.quantity;
    full_.produced += job.quantity;
    stats_[node].production_cost += purchase_cost(node, product_of(job.sku)) * job.quantity;
    if (job.customer != kNoId) {
      // Accepted make-to-order customers wait for their job: they are never lost after the quote.
      ship_to_customer(job.customer, node, job.quantity, false);
    } else {
      on_order_[at(node, job.sku)] -= job.quantity;
      receive_into_stock(node, job.sku, job.quantity);
    }
    start_free_lines(f);
  }

  // ---- stock, orders and shipments -------------------------------------------------------

  void set_on_hand(Index node, Index sku, double units) {
    const std::size_t k = at(node, sku);
    const double delta = units - on_hand_[k];
    on_hand_[k] = units;
    const Index p = product_of(sku);
    stats_[node].on_hand_value.add(sim_.now(), delta * purchase_cost(node, p));
    stats_[node].on_hand_units.add(sim_.now(), delta);
    system_units_.add(sim_.now(), delta * spec_.products[p].unit_cost);
  }

  void take_from_stock(Index node, Index sku, double units) {
    set_on_hand(node, sku, on_hand_[at(node, sku)] - units);
  }

  void add_backorders(Index node, Index sku, double units, bool consumer) {
    backorders_[at(node, sku)] += units;
    if (consumer) stats_[node].backordered_units.add(sim_.now(), units);
  }

  void add_demand(Index node, Index sku, double units) {
    demand_total_[at(node, sku)] += units;
    node_demand_today_[node] += units;
  }

  // New stock: serve the backlog first come first served, then consider reordering.
  void receive_into_stock(Index node, Index sku, double units) {
    node_received_today_[node] += units;
    const Index p = product_of(sku);
    if (!in_season_[p]) {
      salvage(node, sku, units, /*arrived=*/true);
      return;
    }
    set_on_hand(node, sku, on_hand_[at(node, sku)] + units);
    serve_backlog(node, sku);
    consider_continuous_review(node, sku);
  }

  void serve_backlog(Index node, Index sku) {
    const std::size_t k = at(node, sku);
    RingQueue<Request>& queue = backlog_[k];
    while (!queue.empty()) {
      const Request r = queue.front();
      if (r.is_customer && !customers_[r.id].open) {  // lost while waiting
        queue.pop_front();
        customers_.release(r.id);
        continue;
      }
      if (on_hand_[k] <= 0) break;
      double left = 0;
      if (r.is_customer) {
        const double units = std::min(on_hand_[k], customers_[r.id].remaining);
        add_backorders(node, sku, -units, true);
        ship_to_customer(r.id, node, units, true);
        left = customers_[r.id].remaining;
      } else {
        const double units = std::min(on_hand_[k], orders_[r.id].remaining);
        add_backorders(node, sku, -units, false);
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
    on_order_[at(node, sku)] += units;
    node_orders_today_[node] += units;
    if (spec_.nodes[node].kind == NodeKind::kFactory) {
      enqueue_job(factories_[factory_of_node_[node]], Job{sku, units, kNoId});
      factory_orders_today_ += units;
      return;
    }
    const Index lane = supplier_lane_[node];
    const std::uint32_t id = orders_.add(Order{node, lane, sku, units});
    sim_.schedule_in(spec_.lanes[lane].information_delay_days, {EventKind::kOrderArrival, id, 0});
  }

  void order_reaches_supplier(std::uint32_t id) {
    const Order& o = orders_[id];
    const Index supplier = spec_.lanes[o.lane].from;
    add_demand(supplier, o.sku, o.remaining);
    const std::size_t k = at(supplier, o.sku);
    const double units = std::min(on_hand_[k], o.remaining);
    if (units > 0) ship_order(id, units);
    if (orders_[id].remaining > 0) {
      add_backorders(supplier, o.sku, orders_[id].remaining, false);
      backlog_[k].push_back({false, id});
    } else {
      orders_.release(id);
    }
    consider_continuous_review(supplier, o.sku);
  }

  void record_b2b_sale(Index seller, Index buyer, Index lane, Index product, double units) {
    const double value = price(seller, product) * units;
    NodeStats& s = stats_[seller];
    s.revenue += value;
    s.units_sold += units;
    s.cogs += purchase_cost(seller, product) * units;
    s.transport_cost += spec_.lanes[lane].cost_per_unit * units;
    stats_[buyer].purchases += value;
    ledger_[seller].received_from_nodes += value;
    ledger_[buyer].paid_to_suppliers += value;
  }

  void ship_order(std::uint32_t id, double units) {
    Order& o = orders_[id];
    const Index supplier = spec_.lanes[o.lane].from;
    take_from_stock(supplier, o.sku, units);
    ledger_[supplier].units_out += units;
    record_b2b_sale(supplier, o.buyer, o.lane, product_of(o.sku), units);
    o.remaining -= units;
    in_transit_ += units;
    system_in_transit_.add(sim_.now(), units * unit_cost(o.sku));
    const std::uint32_t shipment = shipments_.add(Shipment{o.lane, o.sku, units});
    sim_.schedule_at(departure(o.lane, units) + draw_lead_time(o.lane),
                     {EventKind::kShipmentArrival, shipment, 0});
  }

  // When a shipment of `units` ready now leaves on the lane, after its daily capacity.
  double departure(Index lane, double units) {
    return lane_capacity_[lane].book(sim_.now(), units);
  }

  void shipment_arrives(std::uint32_t id) {
    const Shipment s = shipments_[id];
    shipments_.release(id);
    const Index buyer = spec_.lanes[s.lane].to;
    in_transit_ -= s.quantity;
    system_in_transit_.add(sim_.now(), -s.quantity * unit_cost(s.sku));
    on_order_[at(buyer, s.sku)] -= s.quantity;
    ledger_[buyer].units_in += s.quantity;
    receive_into_stock(buyer, s.sku, s.quantity);
  }

  double draw_lead_time(Index lane) {
    return std::max(0.0, random::sample(spec_.lanes[lane].lead_time_days, lane_streams_[lane]));
  }

  double position(Index node, Index sku) const {
    const std::size_t k = at(node, sku);
    return on_hand_[k] + on_order_[k] - backorders_[k];
  }

  // Continuous review (r, Q) acts on every change of the inventory position.
  void consider_continuous_review(Index node, Index sku) {
    const auto& stock = spec_.nodes[node].stock;
    if (!stock || !stocked_[at(node, sku)] || !in_season_[product_of(sku)]) return;
    if (const auto* rq = std::get_if<RQPolicy>(&stock->policy)) {
      place_order(node, sku, stock->constraints.apply(order_quantity(*rq, position(node, sku))));
    }
  }

  void review_all(std::int64_t day) {
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      const auto& stock = spec_.nodes[node].stock;
      if (!stock || std::holds_alternative<RQPolicy>(stock->policy)) continue;
      const auto period =
          static_cast<std::int64_t>(std::max(1.0, std::round(review_period(stock->policy))));
      if (day % period != 0) continue;
      for (Index sku = 0; sku < sku_count_; ++sku) {
        if (!stocked_[at(node, sku)] || !in_season_[product_of(sku)]) continue;
        place_order(node, sku, stock->constraints.apply(periodic_order(node, sku, stock->policy)));
      }
    }
  }

  static double review_period(const ReplenishmentPolicy& policy) {
    return std::visit(
        [](const auto& p) -> double {
          if constexpr (requires { p.review_period_days; }) {
            return p.review_period_days;
          } else {
            return 0.0;
          }
        },
        policy);
  }

  double periodic_order(Index node, Index sku, const ReplenishmentPolicy& policy) {
    const double ip = position(node, sku);
    if (const auto* ss = std::get_if<SsPolicy>(&policy)) return order_quantity(*ss, ip);
    if (const auto* bs = std::get_if<BaseStockPolicy>(&policy)) return order_quantity(*bs, ip);
    const auto& fp = std::get<ForecastPolicy>(policy);
    // The forecast observes the demand signal once per review period (Chen et al. 2000 take
    // the review period as the period of the forecast): daily buckets of orders that arrive
    // once a week would make the demand look far more variable than it is.
    const std::size_t k = at(node, sku);
    const double total = fp.signal == DemandSignal::kPos ? pos_total_[sku] : demand_total_[k];
    DemandForecast& forecast = forecasts_[k];
    if (sim_.now() > 0) forecast.observe_period(total - signal_at_last_review_[k]);
    signal_at_last_review_[k] = total;
    const double lead = expected_replenishment_days(node);
    return order_up_to(forecast_level(fp, forecast.per_day(), forecast.sd_per_day(), lead), ip);
  }

  // The mean time from placing an order to receiving it, ignoring waits for the supplier's stock.
  double expected_replenishment_days(Index node) const {
    if (spec_.nodes[node].kind == NodeKind::kFactory) {
      return spec_.nodes[node].factory->unit_production_days;
    }
    const LaneSpec& lane = spec_.lanes[supplier_lane_[node]];
    return lane.information_delay_days + random::mean(lane.lead_time_days);
  }

  // ---- the calendar ----------------------------------------------------------------------

  void day_end() {
    const double now = sim_.now();
    const auto day = static_cast<std::int64_t>(std::llround(now));
    const bool measured = now - 1.0 >= spec_.warmup_days - 1e-9;
    if (observer_) observe_day(day);
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      NodeStats& st = stats_[node];
      node_demand_week_[node] += node_demand_today_[node];
      node_orders_week_[node] += node_orders_today_[node];
      if (measured) {
        st.daily_demand.add(node_demand_today_[node]);
        st.daily_orders.add(node_orders_today_[node]);
      }
      if (day % 7 == 0) {
        if (measured) {
          st.weekly_demand.add(node_demand_week_[node]);
          st.weekly_orders.add(node_orders_week_[node]);
        }
        node_demand_week_[node] = 0;
        node_orders_week_[node] = 0;
      }
      node_demand_today_[node] = 0;
      node_orders_today_[node] = 0;
      node_received_today_[node] = 0;
    }
    const double consumer_demand = std::accumulate(pos_today_.begin(), pos_today_.end(), 0.0);
    consumer_demand_week_ += consumer_demand;
    factory_orders_week_ += factory_orders_today_;
    if (measured) {
      system_.daily_consumer_demand.add(consumer_demand);
      system_.daily_factory_orders.add(factory_orders_today_);
      if (day % 7 == 0) {
        system_.weekly_consumer_demand.add(consumer_demand_week_);
        system_.weekly_factory_orders.add(factory_orders_week_);
      }
    }
    if (day % 7 == 0) consumer_demand_week_ = factory_orders_week_ = 0;
    factory_orders_today_ = 0;
    std::fill(pos_today_.begin(), pos_today_.end(), 0.0);
    review_all(day);
    if (now + 1.0 <= spec_.horizon_days) sim_.schedule_at(now + 1.0, {EventKind::kDayEnd, 0, 0});
  }

  void observe_day(std::int64_t day) const {
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      DailySnapshot snap;
      snap.day = static_cast<Index>(day);
      snap.node = node;
      for (Index sku = 0; sku < sku_count_; ++sku) {
        snap.on_hand += on_hand_[at(node, sku)];
        snap.backorders += backorders_[at(node, sku)];
        snap.on_order += on_order_[at(node, sku)];
      }
      snap.orders_placed = node_orders_today_[node];
      snap.demand_received = node_demand_today_[node];
      snap.received = node_received_today_[node];
      observer_(snap);
    }
  }

  void end_warmup() {
    const double now = sim_.now();
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      NodeStats fresh;
      fresh.on_hand_value = stats_[node].on_hand_value;
      fresh.on_hand_value.restart(now);
      fresh.on_hand_units = stats_[node].on_hand_units;
      fresh.on_hand_units.restart(now);
      fresh.backordered_units = stats_[node].backordered_units;
      fresh.backordered_units.restart(now);
      stats_[node] = std::move(fresh);
    }
    for (Factory& f : factories_) {
      // Busy time already committed past the warm-up belongs to the measured period.
      double committed = 0;
      for (const Line& line : f.lines) committed += line.busy ? line.busy_until - now : 0.0;
      f.busy_days = committed;
      f.jobs_in_system.restart(now);
      f.job_waits = stats::RunningMoments{};
    }
    system_units_.restart(now);
    system_in_transit_.restart(now);
    system_ = SystemStats{};  // its daily and weekly moments only ever saw measured days
    lead_times_.clear();
  }

  void end_season(Index p) {
    in_season_[p] = 0;
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      for (Index v = 0; v < spec_.products[p].variants; ++v) {
        const Index sku = sku_offset_[p] + v;
        const double units = on_hand_[at(node, sku)];
        if (units > 0) salvage(node, sku, units, false);
        drop_backlog(node, sku);
      }
    }
  }

  // At the season's end waiting customers are lost and open orders cancelled.
  void drop_backlog(Index node, Index sku) {
    RingQueue<Request>& queue = backlog_[at(node, sku)];
    while (!queue.empty()) {
      const Request r = queue.front();
      queue.pop_front();
      if (r.is_customer) {
        Customer& c = customers_[r.id];
        if (c.open) {
          add_backorders(node, sku, -c.remaining, true);
          lose_customer(r.id);
        }
        customers_.release(r.id);
      } else {
        Order& o = orders_[r.id];
        add_backorders(node, sku, -o.remaining, false);
        on_order_[at(o.buyer, o.sku)] -= o.remaining;
        orders_.release(r.id);
      }
    }
  }

  // Left stock is sold off at the product's salvage fraction of unit cost.
  void salvage(Index node, Index sku, double units, bool arrived) {
    if (!arrived) take_from_stock(node, sku, units);
    const ProductSpec& p = spec_.products[product_of(sku)];
    const double recovered = units * p.unit_cost * p.salvage_fraction;
    stats_[node].salvage_revenue += recovered;
    system_.salvage_revenue += recovered;
    system_.salvage_cost_value += units * p.unit_cost;
    system_.unsold_value_at_cost += units * purchase_cost(node, product_of(sku));
    ledger_[node].units_salvaged += units;
    full_.salvaged += units;
  }

  void close_books() {
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      for (Index sku = 0; sku < sku_count_; ++sku) {
        const double units = on_hand_[at(node, sku)];
        if (units > 0) {
          system_.unsold_units += units;
          salvage(node, sku, units, false);
        }
      }
    }
  }

  // ---- conservation and metrics ----------------------------------------------------------

  void check_conservation() const {
    constexpr double kTolerance = 1e-6;
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      const NodeLedger& l = ledger_[node];
      double initial = 0, left = 0;
      if (spec_.nodes[node].stock) {
        for (Index sku = 0; sku < sku_count_; ++sku) {
          if (stocked_[at(node, sku)]) initial += spec_.nodes[node].stock->initial_on_hand;
          left += on_hand_[at(node, sku)];
        }
      }
      const double in = initial + l.units_in;
      const double out = l.units_out + l.units_salvaged + left;
      if (std::fabs(in - out) > kTolerance * std::max(1.0, in)) {
        throw ConservationError(fmt::format(
            "units not conserved at node {}: initial {} + received/produced {} != shipped {} + "
            "salvaged {} + on hand {}",
            spec_.nodes[node].id, initial, l.units_in, l.units_out, l.units_salvaged, left));
      }
    }
    const double system_in = initial_units_ + full_.produced;
    const double system_out = full_.consumer_units + full_.salvaged + in_transit_;
    if (std::fabs(system_in - system_out) > kTolerance * std::max(1.0, system_in)) {
      throw ConservationError(fmt::format(
          "units not conserved in the chain: initial {} + produced {} != sold {} + salvaged {} + "
          "in transit {}",
          initial_units_, full_.produced, full_.consumer_units, full_.salvaged, in_transit_));
    }
    double paid = 0, received = 0, consumer_received = 0;
    for (const NodeLedger& l : ledger_) {
      paid += l.paid_to_suppliers;
      received += l.received_from_nodes;
    }
    for (double value : full_.consumer_received) consumer_received += value;
    if (std::fabs(paid - received) > kTolerance * std::max(1.0, paid) ||
        std::fabs(full_.consumer_paid - consumer_received) >
            kTolerance * std::max(1.0, full_.consumer_paid)) {
      throw ConservationError(fmt::format(
          "money not conserved: buyers paid {} but sellers received {}; consumers paid {} but "
          "consumer-facing nodes received {}",
          paid, received, full_.consumer_paid, consumer_received));
    }
  }

  ReplicationResult measure() const {
    ReplicationResult result;
    result.events_processed = sim_.events_processed();
    auto& out = result.metrics;
    const double end = spec_.horizon_days;
    const double measured_days = std::max(1e-9, end - spec_.warmup_days);
    const double years = measured_days / kDaysPerYear;
    auto emit = [&out](const std::string& scope, const std::string& metric, double value) {
      out.push_back({scope, metric, value});
    };
    // Turnover with goods sold but no stock held (make to order) is infinite: zero days of
    // inventory. With nothing sold it is undefined.
    auto turnover_of = [](double cogs_per_year, double average_value) {
      if (average_value > 0) return cogs_per_year / average_value;
      return cogs_per_year > 0 ? std::numeric_limits<double>::infinity()
                               : std::numeric_limits<double>::quiet_NaN();
    };
    auto days_of = [](double turnover) {
      return turnover > 0 ? kDaysPerYear / turnover : std::numeric_limits<double>::quiet_NaN();
    };
    auto ratio = [](double a, double b) {
      return b > 0 ? a / b : std::numeric_limits<double>::quiet_NaN();
    };
    auto bullwhip = [&](const stats::RunningMoments& orders, const stats::RunningMoments& demand) {
      return ratio(orders.variance(), demand.variance());
    };

    double chain_profit = 0;
    double busy = 0, available = 0;
    for (Index node = 0; node < spec_.nodes.size(); ++node) {
      const NodeSpec& ns = spec_.nodes[node];
      const NodeStats& st = stats_[node];
      const std::string& id = ns.id;
      const double average_value = st.on_hand_value.average(end);
      const double holding =
          ns.holding_cost_rate_per_year * st.on_hand_value.integral(end) / kDaysPerYear +
          ns.holding_cost_per_unit_day * st.on_hand_units.integral(end);
      const double profit = st.revenue + st.salvage_revenue - st.purchases - st.production_cost -
                            holding - st.transport_cost;
      chain_profit += profit;
      const double turnover = turnover_of(st.cogs / years, average_value);
      emit(id, "inventory_turnover", turnover);
      emit(id, "days_of_inventory", days_of(turnover));
      emit(id, "average_inventory_value", average_value);
      emit(id, "units_sold", st.units_sold);
      emit(id, "revenue", st.revenue);
      emit(id, "holding_cost", holding);
      emit(id, "transport_cost", st.transport_cost);
      emit(id, "profit", profit);
      emit(id, "bullwhip", bullwhip(st.daily_orders, st.daily_demand));
      emit(id, "bullwhip_weekly", bullwhip(st.weekly_orders, st.weekly_demand));
      if (st.consumer_units_demanded > 0) {
        emit(id, "fill_rate", ratio(st.consumer_units_from_stock, st.consumer_units_at_stock));
        emit(id, "lost_sales_rate", ratio(st.consumer_units_lost, st.consumer_units_demanded));
        emit(id, "backorders_mean", st.backordered_units.average(end));
      }
      // The markup waterfall: what this tier adds to the price, in multiples of unit cost.
      for (Index p = 0; p < spec_.products.size(); ++p) {
        if (!handles_[node * spec_.products.size() + p]) continue;
        const double step = (price(node, p) - purchase_cost(node, p)) / spec_.products[p].unit_cost;
        emit(id, spec_.products.size() == 1 ? "markup_step" : "markup_step_" + spec_.products[p].id,
             step);
      }
      if (factory_of_node_[node] != kNone) {
        const Factory& f = factories_[factory_of_node_[node]];
        const double capacity = static_cast<double>(f.lines.size()) * measured_days;
        // Busy time is booked when a job starts; what runs past the horizon is not in the window.
        double busy_days = f.busy_days;
        for (const Line& line : f.lines)
          busy_days -= line.busy ? std::max(0.0, line.busy_until - end) : 0.0;
        emit(id, "utilisation", busy_days / capacity);
        emit(id, "jobs_in_system_mean", f.jobs_in_system.average(end));
        emit(id, "job_wait_mean", f.job_waits.mean());
        busy += busy_days;
        available += capacity;
      }
    }

    std::vector<double> leads = lead_times_;
    auto quantile = [&leads](double q) {
      if (leads.empty()) return std::numeric_limits<double>::quiet_NaN();
      // The nearest-rank quantile of the customers' lead times.
      const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(leads.size())));
      const std::size_t k = std::min(leads.size() - 1, rank == 0 ? 0 : rank - 1);
      std::nth_element(leads.begin(), leads.begin() + static_cast<std::ptrdiff_t>(k), leads.end());
      return leads[k];
    };
    const double lead_mean = leads.empty() ? std::numeric_limits<double>::quiet_NaN()
                                           : std::accumulate(leads.begin(), leads.end(), 0.0) /
                                                 static_cast<double>(leads.size());
    const SystemStats& s = system_;
    const double system_value = system_units_.average(end) + system_in_transit_.average(end);
    const double system_turnover = turnover_of(s.consumer_cost_value / years, system_value);
    double from_stock = 0, at_stock = 0;
    for (const NodeStats& st : stats_) {
      from_stock += st.consumer_units_from_stock;
      at_stock += st.consumer_units_at_stock;
    }
    const std::string sys = "system";
    emit(sys, "inventory_turnover", system_turnover);
    emit(sys, "days_of_inventory", days_of(system_turnover));
    emit(sys, "list_markup", ratio(s.list_value, s.list_cost));
    emit(sys, "realised_markup",
         ratio(s.consumer_revenue + s.salvage_revenue,
               s.consumer_cost_value + s.salvage_cost_value));
    emit(sys, "fill_rate", ratio(from_stock, at_stock));
    emit(sys, "lost_sales_rate", ratio(s.units_lost, s.units_demanded));
    double backorders = 0;
    for (const NodeStats& st : stats_) backorders += st.backordered_units.average(end);
    emit(sys, "backorders_mean", backorders);
    emit(sys, "lead_time_mean", lead_mean);
    // p05, p25, p75 and p99 draw the distribution (a box plot); p50 and p95 are the headline.
    emit(sys, "lead_time_p05", quantile(0.05));
    emit(sys, "lead_time_p25", quantile(0.25));
    emit(sys, "lead_time_p50", quantile(0.50));
    emit(sys, "lead_time_p75", quantile(0.75));
    emit(sys, "lead_time_p95", quantile(0.95));
    emit(sys, "lead_time_p99", quantile(0.99));
    emit(sys, "bullwhip", bullwhip(s.daily_factory_orders, s.daily_consumer_demand));
    emit(sys, "bullwhip_weekly", bullwhip(s.weekly_factory_orders, s.weekly_consumer_demand));
    emit(sys, "match_rate", ratio(s.customers_matched, s.customers_served));
    emit(sys, "utilisation", ratio(busy, available));
    emit(sys, "profit", chain_profit);
    emit(sys, "consumer_spending", s.consumer_revenue);
    emit(sys, "units_demanded", s.units_demanded);
    emit(sys, "units_sold", s.consumer_units);
    emit(sys, "unsold_units", s.unsold_units);
    emit(sys, "unsold_value", s.unsold_value_at_cost);
    emit(sys, "salvage_revenue", s.salvage_revenue);
    emit(sys, "customers", s.customers);
    return result;
  }

  struct SystemStats {
    double units_demanded = 0, units_lost = 0, customers = 0, customers_served = 0,
           customers_matched = 0;
    double list_value = 0, list_cost = 0;
    double consumer_revenue = 0, consumer_units = 0, consumer_cost_value = 0;
    double salvage_revenue = 0, salvage_cost_value = 0;
    double unsold_units = 0, unsold_value_at_cost = 0;
    stats::RunningMoments daily_consumer_demand, daily_factory_orders;
    stats::RunningMoments weekly_consumer_demand, weekly_factory_orders;
  };

  struct FullRunBooks {
    double produced = 0, consumer_units = 0, salvaged = 0, consumer_paid = 0;
    std::vector<double> consumer_received;  // by node
  };

  const ChainSpec& spec_;
  std::uint64_t seed_;
  std::uint64_t replication_;
  const DailyObserver& observer_;
  Sim sim_;

  // structure
  Index sku_count_ = 0;
  std::vector<Index> sku_offset_, sku_product_;
  std::vector<Index> supplier_lane_, topo_order_;
  std::vector<std::vector<Index>> market_lanes_;
  std::vector<std::vector<double>> market_share_cumulative_;
  std::vector<std::vector<Index>> lane_to_market_of_node_;
  std::vector<double> purchase_cost_, price_, market_rate_factor_;
  std::vector<std::uint8_t> handles_, stocked_, in_season_;
  std::vector<Index> factory_of_node_;

  // state
  std::vector<double> on_hand_, on_order_, backorders_, pos_today_;
  // Running totals of the demand each node received and of consumer demand, and the value of
  // the forecast signal at each node's last review: the forecast sees one observation a period.
  std::vector<double> demand_total_, pos_total_, signal_at_last_review_;
  std::vector<RingQueue<Request>> backlog_;
  std::vector<DemandForecast> forecasts_;
  std::vector<Factory> factories_;
  ObjectPool<Customer> customers_;
  ObjectPool<Order> orders_;
  ObjectPool<Shipment> shipments_;
  ObjectPool<Job> jobs_;
  std::vector<random::RandomStream> lane_streams_, arrival_streams_, attribute_streams_;
  std::vector<LaneCapacity> lane_capacity_;
  std::vector<std::pair<Index, std::uint32_t>> batch_keys_;  // release_batch's sort buffer
  std::vector<random::Categorical> variant_choice_;
  std::vector<double> day_times_;
  double in_transit_ = 0, initial_units_ = 0, factory_orders_today_ = 0;
  double consumer_demand_week_ = 0, factory_orders_week_ = 0;

  // measurement
  std::vector<NodeStats> stats_;
  std::vector<NodeLedger> ledger_;
  std::vector<double> node_demand_today_, node_orders_today_, node_demand_week_, node_orders_week_;
  std::vector<double> node_received_today_;  // for the daily observer only
  stats::TimeWeightedAverage system_units_, system_in_transit_;
  SystemStats system_;
  FullRunBooks full_;
  std::vector<double> lead_times_;
};

}  // namespace

ReplicationResult run_replication(const ChainSpec& spec, std::uint64_t seed,
                                  std::uint64_t replication, const DailyObserver& observer) {
  ChainRun run(spec, seed, replication, observer);
  return run.run();
}

}  // namespace c2msim::model
