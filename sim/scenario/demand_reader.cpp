#include "sim/scenario/demand_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace c2msim::scenario {
namespace {

// Shares of a market's products are fractions of its customers; rounding in the file is allowed.
constexpr double kShareSumTolerance = 1e-6;

std::vector<std::string_view> ids_of(const std::vector<Product>& products) {
  std::vector<std::string_view> ids;
  for (const Product& p : products) ids.push_back(p.id);
  return ids;
}

Product read_product(ValueReader& reader, const SourceNode& node, Date start_date) {
  MapReader map(reader, node, Section::kProduct);
  Product p;
  p.id = map.id("id").value_or("");
  map.read("unit_cost", p.unit_cost);
  map.read("variants", p.variants);
  map.read("reference_price", p.reference_price);
  p.season_end = map.date("season_end");
  if (p.season_end && days_between(start_date, *p.season_end) <= 0) {
    reader.error(*map.get("season_end"),
                 fmt::format("must be after start_date, got {}", map.get("season_end")->scalar));
  }
  map.read("salvage_fraction", p.salvage_fraction);
  return p;
}

MarketProduct read_market_product(ValueReader& reader, const SourceNode& node,
                                  const std::vector<Product>& products, bool single) {
  MapReader map(reader, node, Section::kMarketProduct);
  MarketProduct mp;
  if (const SourceNode* product = map.get("product")) {
    mp.product = read_product_reference(reader, *product, products).value_or(products.size());
  }
  if (!map.has("share") && !single && map.is_map()) {
    map.missing("share", "a market with several products needs the share of each");
  }
  map.read("share", mp.share);
  return mp;
}

std::vector<MarketProduct> read_market_products(ValueReader& reader, const SourceNode& list,
                                                const std::vector<Product>& products) {
  std::vector<MarketProduct> out;
  if (!reader.expect_list(list, "products with their shares")) return out;
  if (list.items.empty()) {
    reader.error(list, "expected at least one product");
    return out;
  }
  const bool single = list.items.size() == 1;
  double total = 0.0;
  for (std::size_t i = 0; i < list.items.size(); ++i) {
    const MarketProduct mp = read_market_product(reader, list.items[i], products, single);
    const bool repeated = std::any_of(
        out.begin(), out.end(), [&](const MarketProduct& x) { return x.product == mp.product; });
    if (repeated) {
      reader.error(list.items[i], fmt::format("product '{}' is listed twice in this market",
                                              products[mp.product].id));
    }
    total += mp.share;
    // Only products that exist are kept, so that later checks can index them.
    if (mp.product < products.size()) out.push_back(mp);
  }
  if (std::abs(total - 1.0) > kShareSumTolerance) {
    reader.error(list,
                 fmt::format("the shares of a market's products must sum to 1, got {}", total));
  }
  return out;
}

std::optional<EventPhase> read_event_phase(ValueReader& reader, const SourceNode* node) {
  if (!node) return std::nullopt;
  MapReader map(reader, *node, Section::kEventPhase);
  EventPhase phase;
  map.read("days", phase.days);
  map.read("multiplier", phase.multiplier);
  return phase;
}

DemandEvent read_event(ValueReader& reader, const SourceNode& node) {
  MapReader map(reader, node, Section::kEvent);
  DemandEvent e;
  e.name = map.text("name").value_or("");
  if (auto start = map.date("start")) e.start = *start;
  map.read("days", e.days);
  map.read("multiplier", e.multiplier);
  e.pre_event = read_event_phase(reader, map.get("pre_event"));
  e.post_event = read_event_phase(reader, map.get("post_event"));
  return e;
}

VariantPreference read_variant_preference(ValueReader& reader, const SourceNode& node,
                                          const std::vector<Product>& products,
                                          const std::vector<MarketProduct>& wanted) {
  const auto* chosen = read_choice(reader, node, Section::kVariantPreference);
  if (!chosen) return ZipfPreference{};
  const SourceNode& value = chosen->second;
  const KeySection& alternatives = section(Section::kVariantPreference);
  if (chosen->first.name == "zipf") {
    return ZipfPreference{reader.number(value, alternatives.key("zipf").range).value_or(0.0)};
  }
  WeightedPreference preference;
  if (!reader.expect_list(value, "weights >= 0, one per variant")) return preference;
  double total = 0.0;
  for (const SourceNode& item : value.items) {
    preference.weights.push_back(
        reader.number(item, alternatives.key("weights").range).value_or(0.0));
    total += preference.weights.back();
  }
  if (!(total > 0.0)) {
    reader.error(value, "expected weights >= 0, not all 0, one per variant");
    return preference;
  }
  for (const MarketProduct& mp : wanted) {
    if (mp.product >= products.size()) continue;
    const Product& p = products[mp.product];
    if (preference.weights.size() != p.variants) {
      reader.error(value,
                   fmt::format("expected one weight per variant of product '{}' ({}), got {}", p.id,
                               p.variants, preference.weights.size()));
      break;
    }
  }
  return preference;
}

Demand read_demand(ValueReader& reader, const SourceNode& node,
                   const std::vector<Product>& products, const std::vector<MarketProduct>& wanted) {
  MapReader map(reader, node, Section::kDemand);
  Demand d;
  map.read("arrivals_per_day", d.arrivals_per_day);
  map.read("process", d.process);
  const SourceNode* dispersion = map.get("dispersion");
  if (d.process == ArrivalProcess::kNegativeBinomial) {
    if (!dispersion) {
      map.missing("dispersion", "negative_binomial needs its dispersion r > 0");
    }
    map.read("dispersion", d.dispersion);
  } else if (dispersion) {
    reader.error(*dispersion, "applies to process: negative_binomial only");
  }
  if (const auto q = map.distribution("quantity")) d.quantity = *q;
  if (const SourceNode* v = map.get("variant_preference")) {
    d.variant_preference = read_variant_preference(reader, *v, products, wanted);
  }
  d.patience_days = map.distribution("patience_days");
  map.read("price_elasticity", d.price_elasticity);
  if (d.price_elasticity > 0.0) {
    for (const MarketProduct& mp : wanted) {
      if (mp.product < products.size() && !products[mp.product].reference_price) {
        reader.error(*map.get("price_elasticity"),
                     fmt::format("needs the reference_price of product '{}', the price at which "
                                 "arrivals_per_day holds",
                                 products[mp.product].id));
      }
    }
  }
  if (const SourceNode* week = map.get("weekly_pattern")) {
    if (reader.expect_list(*week, "7 multipliers >= 0, Monday first")) {
      if (week->items.size() != d.weekly_pattern.size()) {
        reader.error(*week, fmt::format("expected 7 multipliers (Monday to Sunday), got {}",
                                        week->items.size()));
      } else {
        for (std::size_t i = 0; i < d.weekly_pattern.size(); ++i) {
          d.weekly_pattern[i] =
              reader.number(week->items[i], map.range("weekly_pattern")).value_or(1.0);
        }
      }
    }
  }
  if (const SourceNode* events = map.get("events")) {
    if (reader.expect_list(*events, "events")) {
      for (const SourceNode& e : events->items) d.events.push_back(read_event(reader, e));
    }
  }
  return d;
}

Market read_market(ValueReader& reader, const SourceNode& node,
                   const std::vector<Product>& products) {
  MapReader map(reader, node, Section::kMarket);
  Market m;
  m.id = map.id("id").value_or("");
  if (const SourceNode* wanted = map.get("products")) {
    m.products = read_market_products(reader, *wanted, products);
  }
  if (const SourceNode* demand = map.get("demand")) {
    m.demand = read_demand(reader, *demand, products, m.products);
  }
  return m;
}

// Reports an entry whose id repeats an earlier one's.
template <typename T>
void report_repeated_ids(ValueReader& reader, const std::vector<T>& items,
                         const std::vector<const SourceNode*>& sources, std::string_view what) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (!items[i].id.empty() && items[i].id == items[j].id) {
        const SourceNode* id = sources[i]->find("id");
        reader.error(id ? *id : *sources[i], fmt::format("repeats the {} id '{}' of line {}", what,
                                                         items[i].id, sources[j]->position.line));
        break;
      }
    }
  }
}

// A non-empty list of entries with unique ids, each read by `read_one`; `sources` receives the map
// each entry was read from.
template <typename T, typename ReadOne>
std::vector<T> read_entries(ValueReader& reader, const SourceNode& list, std::string_view what,
                            std::vector<const SourceNode*>& sources, ReadOne read_one) {
  std::vector<T> out;
  if (!reader.expect_list(list, fmt::format("{}s", what))) return out;
  if (list.items.empty()) reader.error(list, fmt::format("expected at least one {}", what));
  for (const SourceNode& item : list.items) {
    out.push_back(read_one(item));
    sources.push_back(&item);
  }
  report_repeated_ids(reader, out, sources, what);
  return out;
}

}  // namespace

std::optional<std::size_t> read_product_reference(ValueReader& reader, const SourceNode& v,
                                                  const std::vector<Product>& products) {
  const std::vector<std::string_view> ids = ids_of(products);
  return reader.reference(v, ids, "product");
}

std::vector<Product> read_products(ValueReader& reader, const SourceNode& list, Date start_date) {
  std::vector<const SourceNode*> sources;
  return read_entries<Product>(reader, list, "product", sources, [&](const SourceNode& item) {
    return read_product(reader, item, start_date);
  });
}

std::vector<Market> read_markets(ValueReader& reader, const SourceNode& list,
                                 const std::vector<Product>& products,
                                 std::vector<const SourceNode*>& sources) {
  return read_entries<Market>(reader, list, "market", sources, [&](const SourceNode& item) {
    return read_market(reader, item, products);
  });
}

}  // namespace c2msim::scenario
