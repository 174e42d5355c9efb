// Table downloads of session groups; see download_data.h.
#include "plugins/hparams/download_data.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "plugins/common/csv.h"
#include "plugins/common/json_writer.h"
#include "plugins/common/python_float.h"

namespace tbx::plugins::hparams {
namespace {

namespace hp = ::tensorboard::hparams;

// A table cell: a value, the empty string (an hparam the group lacks) or
// nothing (a metric the group lacks).
struct Cell {
  enum class Kind { kValue, kEmpty, kNone };
  Kind kind = Kind::kNone;
  ParamValue value;
};

std::string LatexText(const std::string& text) {
  return absl::StrReplaceAll(text, {{"_", "\\_"}, {"%", "\\%"}});
}

std::string LatexCell(const Cell& cell) {
  if (cell.kind == Cell::Kind::kNone) return "-";
  if (cell.kind == Cell::Kind::kEmpty) return "";
  const ParamValue& v = cell.value;
  if (v.kind == ParamValue::Kind::kString) return LatexText(v.text);
  if (v.kind == ParamValue::Kind::kBool) return v.boolean() ? "$1$" : "$0$";
  if (std::isnan(v.number)) return "$\\mathrm{NaN}$";
  if (std::isinf(v.number)) return v.number < 0 ? "$-\\infty$" : "$+\\infty$";
  char buffer[64];
  std::snprintf(buffer, sizeof(buffer), "%.3g", v.number);
  const std::string scientific = buffer;
  const size_t e = scientific.find('e');
  if (e == std::string::npos) return absl::StrCat("$", scientific, "$");
  return absl::StrCat("$", scientific.substr(0, e), "\\cdot 10^{",
                      std::stoi(scientific.substr(e + 1)), "}$");
}

}  // namespace

absl::StatusOr<Response> DownloadData(
    const HParamsData& data, const SessionGroupsResult& groups,
    std::string_view format, const std::vector<bool>& columns_visibility) {
  if (format != "csv" && format != "json" && format != "latex") {
    return absl::InvalidArgumentError(absl::StrCat(
        "format must be csv, json or latex; got '", std::string(format), "'"));
  }
  const hp::Experiment& experiment = data.experiment;
  std::vector<std::string> header;
  for (const hp::HParamInfo& info : experiment.hparam_infos()) {
    header.push_back(info.display_name().empty() ? info.name()
                                                 : info.display_name());
  }
  for (const hp::MetricInfo& info : experiment.metric_infos()) {
    header.push_back(info.display_name().empty() ? info.name().tag()
                                                 : info.display_name());
  }
  auto visible = [&](size_t column) {
    return column < columns_visibility.size() && columns_visibility[column];
  };
  std::vector<std::string> shown_header;
  for (size_t c = 0; c < header.size(); ++c) {
    if (visible(c)) shown_header.push_back(header[c]);
  }

  std::vector<std::vector<Cell>> rows;
  for (const GroupResult& group : groups.groups) {
    std::vector<Cell> row;
    size_t column = 0;
    for (const hp::HParamInfo& info : experiment.hparam_infos()) {
      Cell cell;
      cell.kind = Cell::Kind::kEmpty;
      const bool included =
          !groups.hparams_to_include.has_value() ||
          std::binary_search(groups.hparams_to_include->begin(),
                             groups.hparams_to_include->end(), info.name());
      for (const auto& [name, value] : group.first->hparams) {
        if (included && name == info.name()) {
          cell.kind = Cell::Kind::kValue;
          cell.value = value;
        }
      }
      if (visible(column++)) row.push_back(std::move(cell));
    }
    for (int m = 0; m < experiment.metric_infos_size(); ++m) {
      Cell cell;
      for (const auto& [index, point] : group.metrics) {
        if (index == m) {
          cell.kind = Cell::Kind::kValue;
          cell.value = ParamValue::Number(point.value);
        }
      }
      if (visible(column++)) row.push_back(std::move(cell));
    }
    rows.push_back(std::move(row));
  }

  std::string body;
  if (format == "json") {
    JsonWriter writer(&body);
    writer.BeginObject();
    writer.Key("header");
    writer.BeginArray();
    for (const std::string& h : shown_header) writer.String(h);
    writer.EndArray();
    writer.Key("rows");
    writer.BeginArray();
    for (const std::vector<Cell>& row : rows) {
      writer.BeginArray();
      for (const Cell& cell : row) {
        if (cell.kind == Cell::Kind::kValue) {
          WriteJson(cell.value, writer);
        } else if (cell.kind == Cell::Kind::kEmpty) {
          writer.String("");
        } else {
          writer.Null();
        }
      }
      writer.EndArray();
    }
    writer.EndArray();
    writer.EndObject();
    return Response::Json(std::move(body));
  }
  if (format == "csv") {
    for (size_t c = 0; c < shown_header.size(); ++c) {
      if (c > 0) body.push_back(',');
      AppendCsvField(shown_header[c], &body);
    }
    body.append(kCsvRowEnd);
    for (const std::vector<Cell>& row : rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        if (c > 0) body.push_back(',');
        if (row[c].kind != Cell::Kind::kValue) continue;
        const ParamValue& v = row[c].value;
        if (v.kind == ParamValue::Kind::kString) {
          AppendCsvField(v.text, &body);
        } else if (v.kind == ParamValue::Kind::kBool) {
          body.append(v.boolean() ? "True" : "False");
        } else {
          AppendCsvDouble(v.number, &body);
        }
      }
      body.append(kCsvRowEnd);
    }
    return Response::Bytes("text/csv; charset=utf-8", std::move(body));
  }
  absl::StrAppend(&body, "\\begin{table}[tbp]\n\\begin{tabular}{",
                  std::string(shown_header.size(), 'l'), "}\n");
  for (size_t c = 0; c < shown_header.size(); ++c) {
    if (c > 0) body.append(" & ");
    body.append(LatexText(shown_header[c]));
  }
  body.append(" \\\\ \\hline\n");
  for (const std::vector<Cell>& row : rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) body.append(" & ");
      body.append(LatexCell(row[c]));
    }
    body.append(" \\\\\n");
  }
  body.append("\\hline\n\\end{tabular}\n\\end{table}\n");
  return Response::Bytes("application/x-latex", std::move(body));
}

}  // namespace tbx::plugins::hparams
