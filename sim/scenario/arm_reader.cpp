#include "sim/scenario/arm_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string_view>

#include "sim/scenario/demand_reader.hpp"

namespace c2msim::scenario {
namespace {

// ---- Policies ---------------------------------------------------------------------------------

void read_forecast(ValueReader& reader, const SourceNode& node, ForecastPolicy& p) {
  const auto* chosen = read_choice(reader, node, Section::kForecast);
  if (!chosen) return;
  if (chosen->first.name == to_string(ForecastMethod::kMovingAverage)) {
    MapReader map(reader, chosen->second, Section::kMovingAverageForecast);
    p.method = ForecastMethod::kMovingAverage;
    map.read("window_days", p.window_days);
  } else {
    MapReader map(reader, chosen->second, Section::kExponentialSmoothingForecast);
    p.method = ForecastMethod::kExponentialSmoothing;
    map.read("alpha", p.alpha);
  }
}

// `low` must not exceed `high`; reported at `low`.
void report_if_above(ValueReader& reader, MapReader& map, std::string_view low_key,
                     std::optional<double> low, std::string_view high_key,
                     std::optional<double> high) {
  if (low && high && *low > *high) {
    reader.error(*map.get(low_key), fmt::format("must be <= {} ({}), got {}", high_key, *high,
                                                map.get(low_key)->scalar));
  }
}

Policy read_policy(ValueReader& reader, const SourceNode& node) {
  const auto* chosen = read_choice(reader, node, Section::kPolicy);
  if (!chosen) return BaseStockPolicy{};
  const std::string& name = chosen->first.name;
  const SourceNode& params = chosen->second;
  if (name == "s_S") {
    MapReader map(reader, params, Section::kSsPolicy);
    SsPolicy p;
    map.read("review_period_days", p.review_period_days);
    const auto s = map.number("s");
    const auto S = map.number("S");
    report_if_above(reader, map, "s", s, "S", S);
    p.s = s.value_or(p.s);
    p.S = S.value_or(p.S);
    return p;
  }
  if (name == "base_stock") {
    MapReader map(reader, params, Section::kBaseStockPolicy);
    BaseStockPolicy p;
    map.read("review_period_days", p.review_period_days);
    map.read("level", p.level);
    map.read("position", p.position);
    return p;
  }
  if (name == "r_Q") {
    MapReader map(reader, params, Section::kRqPolicy);
    RQPolicy p;
    map.read("r", p.r);
    map.read("Q", p.Q);
    return p;
  }
  MapReader map(reader, params, Section::kForecastOrderUpToPolicy);
  ForecastPolicy p;
  map.read("review_period_days", p.review_period_days);
  if (const SourceNode* f = map.get("forecast")) read_forecast(reader, *f, p);
  map.read("signal", p.signal);
  map.read("safety_factor", p.safety_factor);
  return p;
}

// ---- Stock and production ---------------------------------------------------------------------

// Variants are numbered from 1 in the file and from 0 in the structs.
StockedVariants read_stocked_variants(ValueReader& reader, const SourceNode& node,
                                      const Bounds& numbers, std::uint32_t max_variants) {
  StockedVariants out;
  const auto in_range = [&](const SourceNode& v) -> std::optional<std::uint32_t> {
    const auto n = reader.count(v, static_cast<std::uint32_t>(numbers.low.value_or(1.0)),
                                static_cast<std::uint32_t>(numbers.high.value_or(1.0)));
    if (n && *n > max_variants) {
      reader.error(v, fmt::format("must be at most {}, the variants of the products this node "
                                  "handles, got {}",
                                  max_variants, v.scalar));
      return std::nullopt;
    }
    return n;
  };
  if (node.is_scalar() && node.scalar == "all") return out;
  if (node.is_list()) {
    for (const SourceNode& item : node.items) {
      const auto n = in_range(item);
      if (!n) continue;
      if (std::find(out.listed.begin(), out.listed.end(), *n - 1) != out.listed.end()) {
        reader.error(item, fmt::format("variant {} is listed twice", *n));
      }
      out.listed.push_back(*n - 1);
    }
    if (node.items.empty()) reader.error(node, "expected at least one variant number");
    return out;
  }
  if (!node.is_scalar()) {
    reader.error(node, fmt::format("expected 'all', a number of top variants, or a list of "
                                   "variant numbers, got {}",
                                   describe(node)));
    return out;
  }
  out.top = in_range(node).value_or(0);
  return out;
}

Stock read_stock(ValueReader& reader, const SourceNode& node, std::uint32_t max_variants) {
  MapReader map(reader, node, Section::kStock);
  Stock s;
  if (const SourceNode* policy = map.get("policy")) s.policy = read_policy(reader, *policy);
  map.read("min_order_qty", s.min_order_qty);
  map.read("case_pack", s.case_pack);
  map.read("initial_on_hand", s.initial_on_hand);
  if (const SourceNode* v = map.get("stocked_variants")) {
    s.stocked_variants =
        read_stocked_variants(reader, *v, map.range("stocked_variants"), max_variants);
    s.stocked_variants.given = true;
  }
  map.read("substitution_probability", s.substitution_probability);
  map.read("shortage", s.shortage);
  map.read("holding_cost_rate_per_year", s.holding_cost.rate_per_year);
  map.read("holding_cost_per_unit_day", s.holding_cost.per_unit_day);
  if (map.has("holding_cost_rate_per_year") && map.has("holding_cost_per_unit_day")) {
    reader.error(*map.get("holding_cost_per_unit_day"),
                 "give holding_cost_rate_per_year or holding_cost_per_unit_day, not both");
  }
  map.read("backorder_cost_per_unit_day", s.backorder_cost_per_unit_day);
  map.read("lost_sale_cost_per_unit", s.lost_sale_cost_per_unit);
  return s;
}

Production read_production(ValueReader& reader, const SourceNode& node) {
  MapReader map(reader, node, Section::kProduction);
  Production p;
  const auto mode = map.word<FactoryMode>("mode");
  p.mode = mode.value_or(p.mode);
  p.to_order_share = p.mode == FactoryMode::kMakeToOrder ? 1.0 : 0.0;
  if (const SourceNode* share = map.get("to_order_share")) {
    if (mode && p.mode != FactoryMode::kHybrid) {
      reader.error(*share,
                   fmt::format("applies to mode: hybrid only (a {} factory builds {} to "
                               "order)",
                               to_string(p.mode),
                               p.mode == FactoryMode::kMakeToOrder ? "everything" : "nothing"));
    } else {
      map.read("to_order_share", p.to_order_share);
    }
  } else if (mode && p.mode == FactoryMode::kHybrid) {
    map.missing("to_order_share", "a hybrid factory builds this share of demand to order");
  }
  map.read("lines", p.lines);
  const auto unit_days = map.number("unit_production_days");
  const auto capacity = map.number("capacity_per_day");
  if (map.has("unit_production_days") && map.has("capacity_per_day")) {
    reader.error(*map.get("capacity_per_day"),
                 "give unit_production_days or capacity_per_day, not both");
  } else if (!map.has("unit_production_days") && !map.has("capacity_per_day") && map.is_map()) {
    map.missing("capacity_per_day", "give capacity_per_day or unit_production_days");
  }
  // capacity_per_day is the whole factory's: each of its lines makes capacity / lines a day.
  if (capacity) p.unit_production_days = static_cast<double>(p.lines) / *capacity;
  if (unit_days) p.unit_production_days = *unit_days;
  map.read("changeover_days", p.changeover_days);
  map.read("batching_window_days", p.batching_window_days);
  map.read("unit_cost_multiplier", p.unit_cost_multiplier);
  return p;
}

// ---- Nodes ------------------------------------------------------------------------------------

Section section_of(NodeKind kind) {
  switch (kind) {
    case NodeKind::kFactory:
      return Section::kFactoryNode;
    case NodeKind::kWarehouse:
      return Section::kWarehouseNode;
    case NodeKind::kRetailer:
      return Section::kRetailerNode;
    case NodeKind::kPlatform:
    case NodeKind::kMarket:
      break;
  }
  return Section::kPlatformNode;
}

std::optional<NodeKind> read_kind(ValueReader& reader, const SourceNode* kind) {
  if (!kind) return std::nullopt;
  if (kind->is_scalar() && kind->scalar == "market") {
    reader.error(*kind,
                 "markets are declared once under the top-level `markets`; lanes of an "
                 "arm end at them");
    return std::nullopt;
  }
  const auto i = reader.word(*kind, section(Section::kNodeOverride).key("kind").words);
  if (!i) return std::nullopt;
  return static_cast<NodeKind>(*i);
}

std::uint32_t max_variants(const Node& node, const Scenario& scenario) {
  std::uint32_t out = 1;
  for (std::size_t p = 0; p < scenario.products.size(); ++p) {
    if (node.handles(p)) out = std::max(out, scenario.products[p].variants);
  }
  return out;
}

void read_node_products(ValueReader& reader, const SourceNode& list, const Scenario& scenario,
                        Node& node) {
  if (!reader.expect_list(list, "product ids")) return;
  if (list.items.empty())
    reader.error(list, "expected at least one product id (leave `products` out for all)");
  for (const SourceNode& item : list.items) {
    if (auto p = read_product_reference(reader, item, scenario.products))
      node.products.push_back(*p);
  }
}

void read_factory(ValueReader& reader, MapReader& map, const Scenario& scenario, Node& node) {
  if (const SourceNode* production = map.get("production")) {
    node.production = read_production(reader, *production);
  }
  if (const SourceNode* price = map.get("price")) {
    const bool one_product =
        node.products.size() == 1 || (node.products.empty() && scenario.products.size() == 1);
    if (map.has("markup")) {
      reader.error(*price, "give markup or price, not both");
    } else if (!one_product) {
      reader.error(*price, "a price needs a factory that makes one product; use markup");
    } else {
      map.read("price", node.price);
    }
  }
  if (!node.production) return;
  const FactoryMode mode = node.production->mode;
  const SourceNode* stock = map.get("stock");
  if (mode == FactoryMode::kMakeToOrder && stock) {
    reader.error(*stock,
                 "a make_to_order factory holds no finished stock; remove `stock` or use "
                 "mode make_to_stock or hybrid");
  } else if (mode != FactoryMode::kMakeToOrder && !stock) {
    map.missing("stock", fmt::format("a {} factory needs its finished-goods stock and policy",
                                     to_string(mode)));
  }
}

Node read_node(ValueReader& reader, const SourceNode& source, const Scenario& scenario) {
  Node node;
  const std::optional<NodeKind> kind =
      source.is_map() ? read_kind(reader, source.find("kind")) : std::nullopt;
  // An entry of unknown kind is still checked for misspelt keys, against every node key.
  MapReader map(reader, source, kind ? section_of(*kind) : Section::kNodeOverride);
  if (!map.is_map()) return node;
  if (!kind && !map.has("kind")) map.missing("kind", "factory, warehouse, retailer or platform");
  node.kind = kind.value_or(NodeKind::kRetailer);
  node.id = map.id("id").value_or("");
  if (const SourceNode* id = map.get("id"); id && scenario.market_index(node.id)) {
    reader.error(
        *id,
        fmt::format("'{}' is also the id of a market; lanes could not tell them apart", node.id));
  }
  map.boolean("remove");
  if (const SourceNode* products = map.get("products")) {
    read_node_products(reader, *products, scenario, node);
  }
  map.read("markup", node.markup);
  const bool known_kind = kind.has_value();
  if (known_kind && node.kind == NodeKind::kFactory) read_factory(reader, map, scenario, node);
  if (known_kind && node.kind == NodeKind::kPlatform) {
    map.read("commission", node.commission);
  }
  map.read("shares_pos", node.shares_pos);
  map.read("pos_delay_days", node.pos_delay_days);
  if (const SourceNode* delay = map.get("pos_delay_days"); delay && !node.shares_pos) {
    reader.error(*delay,
                 "applies with shares_pos: true only (a node that does not share its "
                 "point-of-sale data publishes none to delay)");
  }
  const bool make_to_order = node.production && node.production->mode == FactoryMode::kMakeToOrder;
  if (const SourceNode* stock = map.get("stock"); stock && !make_to_order) {
    node.stock = read_stock(reader, *stock, max_variants(node, scenario));
  }
  return node;
}

// ---- Lanes ------------------------------------------------------------------------------------

struct Endpoints {
  std::vector<std::string_view> nodes;
  std::vector<std::string_view> markets;
  std::vector<std::string_view> nodes_and_markets;
};

Lane read_lane(ValueReader& reader, const SourceNode& source, const Arm& arm,
               const Endpoints& ends) {
  MapReader map(reader, source, Section::kLane);
  Lane lane;
  if (!map.is_map()) return lane;
  if (const SourceNode* from = map.get("from")) {
    lane.from_id = from->scalar;
    const bool is_market = from->is_scalar() && std::find(ends.markets.begin(), ends.markets.end(),
                                                          from->scalar) != ends.markets.end();
    if (is_market) {
      reader.error(*from, fmt::format("'{}' is a market; a lane goes from a supplier node to its "
                                      "customer",
                                      from->scalar));
    } else if (auto i = reader.reference(*from, ends.nodes, "node")) {
      lane.from = static_cast<model::Index>(*i);
    }
  }
  bool to_known = false;
  if (const SourceNode* to = map.get("to")) {
    lane.to_id = to->scalar;
    if (auto i = reader.reference(*to, ends.nodes_and_markets, "node or market")) {
      to_known = true;
      lane.to_market = *i >= ends.nodes.size();
      lane.to = static_cast<model::Index>(lane.to_market ? *i - ends.nodes.size() : *i);
      if (!lane.to_market && arm.nodes[lane.to].kind == NodeKind::kFactory) {
        reader.error(*to,
                     fmt::format("'{}' is a factory; factories have no suppliers", to->scalar));
      }
    }
  }
  map.boolean("remove");
  if (const auto lead = map.distribution("lead_time_days")) {
    lane.lead_time_days = *lead;
  } else if (!map.has("lead_time_days")) {
    map.missing("lead_time_days",
                "the transport lead time in days, e.g. 2 or {lognormal: {mean: 3, sd: 1}}");
  }
  map.read("cost_per_unit", lane.cost_per_unit);
  map.read("information_delay_days", lane.information_delay_days);
  map.read("payment_terms_days", lane.payment_terms_days);
  map.read("capacity_per_day", lane.capacity_per_day);
  if (const SourceNode* share = map.get("share")) {
    if (to_known && !lane.to_market) {
      reader.error(*share, "applies to lanes into a market only");
    } else {
      map.read("share", lane.share);
    }
  }
  return lane;
}

}  // namespace

void read_arm(ValueReader& reader, const ResolvedArm& resolved, const Scenario& scenario, Arm& arm,
              ArmSource& source) {
  const SourceNode& merged = resolved.merged;
  source.arm = &merged;
  MapReader map(reader, merged, Section::kArm);
  if (!map.is_map()) return;
  arm.description = map.text("description").value_or("");
  arm.extends = map.text("extends");
  const SourceNode* nodes = map.get("nodes");
  const SourceNode* lanes = map.get("lanes");
  if (!nodes) map.missing("nodes", "the factories, warehouses, retailers and platforms of the arm");
  if (!lanes) map.missing("lanes", "the lanes from suppliers to customers and markets");
  if (nodes && reader.expect_list(*nodes, "nodes")) {
    for (const SourceNode& n : nodes->items) {
      arm.nodes.push_back(read_node(reader, n, scenario));
      source.nodes.push_back(&n);
    }
  }
  if (lanes && reader.expect_list(*lanes, "lanes")) {
    Endpoints ends;
    for (const Node& n : arm.nodes) ends.nodes.push_back(n.id);
    for (const Market& m : scenario.markets) ends.markets.push_back(m.id);
    ends.nodes_and_markets = ends.nodes;
    ends.nodes_and_markets.insert(ends.nodes_and_markets.end(), ends.markets.begin(),
                                  ends.markets.end());
    for (const SourceNode& l : lanes->items) {
      arm.lanes.push_back(read_lane(reader, l, arm, ends));
      source.lanes.push_back(&l);
    }
  }
}

}  // namespace c2msim::scenario
