// Reading TSV and raw float32 tensor files; see tensor_file.h.
#include "plugins/projector/tensor_file.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace tbx::plugins::projector {
namespace {

constexpr size_t kSniffBytes = 1 << 16;

// Whether `bytes` is UTF-8 without NUL bytes (a sequence cut at the end of
// the sample counts as valid).
bool LooksLikeText(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) return false;
    size_t extra = 0;
    if (c < 0x80) {
      extra = 0;
    } else if ((c & 0xe0) == 0xc0 && c >= 0xc2) {
      extra = 1;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
    } else if ((c & 0xf8) == 0xf0 && c <= 0xf4) {
      extra = 3;
    } else {
      return false;
    }
    for (size_t k = 1; k <= extra; ++k) {
      if (i + k >= bytes.size()) return true;
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xc0) != 0x80)
        return false;
    }
    i += extra + 1;
  }
  return true;
}

// Python's float() of one field: surrounding whitespace, an optional sign,
// decimal or exponent notation, inf/infinity/nan in any case.
std::optional<float> ParseField(std::string_view field) {
  while (!field.empty() && absl::ascii_isspace(field.front()))
    field.remove_prefix(1);
  while (!field.empty() && absl::ascii_isspace(field.back()))
    field.remove_suffix(1);
  bool negative = false;
  if (!field.empty() && (field[0] == '+' || field[0] == '-')) {
    negative = field[0] == '-';
    field.remove_prefix(1);
    if (!field.empty() && (field[0] == '+' || field[0] == '-'))
      return std::nullopt;
  }
  double value = 0;
  const auto [end, error] =
      std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || error != std::errc() ||
      end != field.data() + field.size()) {
    return std::nullopt;
  }
  return static_cast<float>(negative ? -value : value);
}

// Parses one non-empty TSV line, appending its values as float32 to `out`
// when it is not null; returns how many values it holds.
absl::StatusOr<uint64_t> ParseLine(const std::string& path,
                                   uint64_t line_number, std::string_view line,
                                   std::string* out) {
  uint64_t cols = 0;
  std::string_view rest = line;
  while (true) {
    const size_t tab = rest.find('\t');
    const std::string_view field = rest.substr(0, tab);
    const std::optional<float> value = ParseField(field);
    if (!value.has_value()) {
      return absl::InvalidArgumentError(absl::StrCat(
          path, " line ", line_number, ": \"",
          std::string(field.substr(0, 40)), "\" is not a number"));
    }
    if (out != nullptr) {
      char bytes[4];
      std::memcpy(bytes, &*value, 4);
      out->append(bytes, 4);
    }
    ++cols;
    if (tab == std::string_view::npos) break;
    rest.remove_prefix(tab + 1);
  }
  return cols;
}

absl::StatusOr<Shape2D> ReadTsv(const std::string& path, int64_t max_rows,
                                std::string* out) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return absl::InvalidArgumentError("cannot open " + path);
  Shape2D shape;
  std::string line;
  uint64_t line_number = 0;
  while (std::getline(file, line)) {
    ++line_number;
    if (line.empty()) continue;
    if (max_rows >= 0 && shape.rows >= static_cast<uint64_t>(max_rows)) break;
    absl::StatusOr<uint64_t> parsed = ParseLine(path, line_number, line, out);
    if (!parsed.ok()) return parsed.status();
    const uint64_t cols = *parsed;
    if (shape.rows == 0) {
      shape.cols = cols;
    } else if (cols != shape.cols) {
      return absl::InvalidArgumentError(
          absl::StrCat(path, " line ", line_number, " has ", cols,
                       " values; the rows above have ", shape.cols));
    }
    ++shape.rows;
  }
  if (shape.rows == 0) {
    return absl::InvalidArgumentError(path + " holds no rows");
  }
  return shape;
}

absl::StatusOr<Shape2D> ReadRaw(const std::string& path, uint64_t file_size,
                                const std::vector<uint32_t>& declared,
                                int64_t max_rows, std::string* out) {
  if (declared.size() != 2) {
    return absl::InvalidArgumentError(absl::StrCat(
        path, " is binary, so the config must give a 2-D tensor_shape; it has ",
        declared.size(), " dimensions"));
  }
  const Shape2D shape{declared[0], declared[1]};
  if (shape.rows * shape.cols * 4 != file_size) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, " holds ", file_size, " bytes but tensor_shape [",
                     shape.rows, ", ", shape.cols, "] needs ",
                     shape.rows * shape.cols * 4, " (float32)"));
  }
  if (out == nullptr) return shape;
  const uint64_t rows =
      max_rows < 0 ? shape.rows : std::min<uint64_t>(shape.rows, max_rows);
  std::ifstream file(path, std::ios::binary);
  const size_t start = out->size();
  out->resize(start + rows * shape.cols * 4);
  if (!file.read(out->data() + start,
                 static_cast<std::streamsize>(rows * shape.cols * 4))) {
    out->resize(start);
    return absl::InvalidArgumentError("cannot read " + path);
  }
  return shape;
}

// ReadTensorFile, also saying whether the file was read as raw float32.
absl::StatusOr<Shape2D> Read(const std::string& path,
                             const std::vector<uint32_t>& declared_shape,
                             int64_t max_rows, std::string* out, bool* raw) {
  std::error_code error;
  const uint64_t size = std::filesystem::file_size(path, error);
  if (error) {
    return absl::InvalidArgumentError(
        absl::StrCat("Tensor file \"", path, "\" does not exist"));
  }
  std::string sample(static_cast<size_t>(std::min<uint64_t>(size, kSniffBytes)),
                     '\0');
  {
    std::ifstream file(path, std::ios::binary);
    file.read(sample.data(), static_cast<std::streamsize>(sample.size()));
  }
  if (raw != nullptr) *raw = true;
  if (!LooksLikeText(sample)) {
    return ReadRaw(path, size, declared_shape, max_rows, out);
  }
  const size_t start = out == nullptr ? 0 : out->size();
  absl::StatusOr<Shape2D> tsv = ReadTsv(path, max_rows, out);
  if (tsv.ok()) {
    if (raw != nullptr) *raw = false;
    return tsv;
  }
  if (out != nullptr) out->resize(start);
  if (declared_shape.size() == 2 &&
      uint64_t{declared_shape[0]} * declared_shape[1] * 4 == size) {
    return ReadRaw(path, size, declared_shape, max_rows, out);
  }
  return tsv.status();
}

// Raw float32 rows, read straight into the caller's buffer.
class RawStream : public TensorFileStream {
 public:
  RawStream(const std::string& path, uint64_t size)
      : path_(path), file_(path, std::ios::binary), size_(size) {}
  uint64_t size() const override { return size_; }
  absl::StatusOr<size_t> Next(std::span<char> buffer) override {
    const size_t n = static_cast<size_t>(
        std::min<uint64_t>(buffer.size() / 4 * 4, size_ - produced_));
    if (n == 0) return 0;
    if (!file_.read(buffer.data(), static_cast<std::streamsize>(n))) {
      return absl::DataLossError(absl::StrCat(path_, " became shorter"));
    }
    produced_ += n;
    return n;
  }

 private:
  const std::string path_;
  std::ifstream file_;
  const uint64_t size_;
  uint64_t produced_ = 0;
};

// TSV rows, parsed a line at a time; a line's values wait in `line_values_`
// until the buffer takes them.
class TsvStream : public TensorFileStream {
 public:
  TsvStream(const std::string& path, Shape2D shape)
      : path_(path), file_(path, std::ios::binary), shape_(shape) {}
  uint64_t size() const override { return shape_.rows * shape_.cols * 4; }
  absl::StatusOr<size_t> Next(std::span<char> buffer) override {
    size_t n = 0;
    while (n < buffer.size()) {
      if (taken_ == line_values_.size()) {
        if (rows_ == shape_.rows) break;
        absl::Status s = ParseNextRow();
        if (!s.ok()) return s;
      }
      const size_t k = std::min(buffer.size() - n, line_values_.size() - taken_);
      std::memcpy(buffer.data() + n, line_values_.data() + taken_, k);
      taken_ += k;
      n += k;
    }
    return n;
  }

 private:
  absl::Status ParseNextRow() {
    line_values_.clear();
    taken_ = 0;
    while (std::getline(file_, line_)) {
      ++line_number_;
      if (line_.empty()) continue;
      absl::StatusOr<uint64_t> cols =
          ParseLine(path_, line_number_, line_, &line_values_);
      if (!cols.ok()) return cols.status();
      if (*cols != shape_.cols)
        return absl::DataLossError(absl::StrCat(path_, " changed"));
      ++rows_;
      return absl::OkStatus();
    }
    return absl::DataLossError(absl::StrCat(path_, " became shorter"));
  }

  const std::string path_;
  std::ifstream file_;
  const Shape2D shape_;  // of the rows streamed
  std::string line_;
  uint64_t line_number_ = 0;
  uint64_t rows_ = 0;         // parsed so far
  std::string line_values_;   // float32 bytes of the last parsed row
  size_t taken_ = 0;          // of line_values_ already handed out
};

}  // namespace

absl::StatusOr<std::unique_ptr<TensorFileStream>> StreamTensorFile(
    const std::string& path, const std::vector<uint32_t>& declared_shape,
    int64_t max_rows) {
  // Without `out`, Read checks the file and stops after max_rows TSV rows,
  // returning the shape of what it read (of the whole file when raw).
  bool raw = false;
  absl::StatusOr<Shape2D> shape =
      Read(path, declared_shape, max_rows, nullptr, &raw);
  if (!shape.ok()) return shape.status();
  if (raw) {
    const uint64_t rows =
        max_rows < 0 ? shape->rows
                     : std::min<uint64_t>(shape->rows, max_rows);
    return std::make_unique<RawStream>(path, rows * shape->cols * 4);
  }
  return std::make_unique<TsvStream>(path, *shape);
}

absl::StatusOr<Shape2D> ReadTensorFile(
    const std::string& path, const std::vector<uint32_t>& declared_shape,
    int64_t max_rows, std::string* out) {
  return Read(path, declared_shape, max_rows, out, nullptr);
}

}  // namespace tbx::plugins::projector
