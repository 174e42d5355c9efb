// Custom scalars layouts; see layout.h.
#include "plugins/custom_scalars/layout.h"

#include <deque>
#include <map>
#include <utility>

#include "absl/status/status.h"
#include "google/protobuf/util/message_differencer.h"
#include "nlohmann/json.hpp"

namespace tbx::plugins {
namespace {

using ::nlohmann::ordered_json;
using ::tensorboard::Category;
using ::tensorboard::Chart;
using ::tensorboard::Layout;

// One JSON field: its value, and whether protobuf counts it as set.
struct Field {
  const char* name;
  bool set;
  ordered_json value;
};

// Set fields first, then unset ones (json_format's order with defaults).
ordered_json Object(std::vector<Field> fields) {
  ordered_json object = ordered_json::object();
  for (bool set : {true, false}) {
    for (Field& field : fields) {
      if (field.set == set) object[field.name] = std::move(field.value);
    }
  }
  return object;
}

ordered_json StringList(
    const google::protobuf::RepeatedPtrField<std::string>& strings) {
  ordered_json list = ordered_json::array();
  for (const std::string& s : strings) list.push_back(s);
  return list;
}

ordered_json ChartJson(const Chart& chart) {
  std::vector<Field> fields = {
      {"title", !chart.title().empty(), chart.title()}};
  if (chart.has_multiline()) {
    fields.push_back({"multiline", true,
                      Object({{"tag", chart.multiline().tag_size() > 0,
                               StringList(chart.multiline().tag())}})});
  } else if (chart.has_margin()) {
    ordered_json series = ordered_json::array();
    for (const auto& s : chart.margin().series()) {
      series.push_back(Object({{"value", !s.value().empty(), s.value()},
                               {"lower", !s.lower().empty(), s.lower()},
                               {"upper", !s.upper().empty(), s.upper()}}));
    }
    fields.push_back(
        {"margin", true,
         Object({{"series", chart.margin().series_size() > 0, series}})});
  }
  return Object(std::move(fields));
}

ordered_json CategoryJson(const Category& category) {
  ordered_json charts = ordered_json::array();
  for (const Chart& chart : category.chart())
    charts.push_back(ChartJson(chart));
  return Object({{"title", !category.title().empty(), category.title()},
                 {"chart", category.chart_size() > 0, std::move(charts)},
                 {"closed", category.closed(), category.closed()}});
}

bool Contains(const Category& category, const Chart& chart) {
  for (const Chart& existing : category.chart()) {
    if (google::protobuf::util::MessageDifferencer::Equals(existing, chart))
      return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<Layout> ParseLayout(std::string_view serialized) {
  Layout layout;
  if (!layout.ParseFromArray(serialized.data(),
                             static_cast<int>(serialized.size()))) {
    return absl::InvalidArgumentError(
        "the custom scalars layout is not a valid serialized Layout");
  }
  return layout;
}

Layout MergeLayouts(std::vector<Layout> layouts) {
  if (layouts.empty()) return Layout();
  Layout merged = std::move(layouts.front());
  // Title -> the category later charts of that title go to (see layout.h).
  std::map<std::string, Category*> by_title;
  for (Category& category : *merged.mutable_category())
    by_title[category.title()] = &category;
  std::deque<Layout> later;  // owns the categories by_title points into
  for (size_t i = 1; i < layouts.size(); ++i) {
    Layout& layout = later.emplace_back(std::move(layouts[i]));
    for (Category& category : *layout.mutable_category()) {
      auto it = by_title.find(category.title());
      if (it == by_title.end()) {
        *merged.add_category() = category;
        by_title[category.title()] = &category;
        continue;
      }
      Category& target = *it->second;
      std::vector<Chart> added;
      for (const Chart& chart : category.chart()) {
        if (!Contains(target, chart)) added.push_back(chart);
      }
      for (Chart& chart : added) *target.add_chart() = std::move(chart);
    }
  }
  return merged;
}

std::string LayoutJson(const Layout& layout) {
  ordered_json categories = ordered_json::array();
  for (const Category& category : layout.category())
    categories.push_back(CategoryJson(category));
  const ordered_json json =
      Object({{"version", layout.version() != 0, layout.version()},
              {"category", layout.category_size() > 0, categories}});
  return json.dump(2, ' ', false, ordered_json::error_handler_t::replace);
}

}  // namespace tbx::plugins
