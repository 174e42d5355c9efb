#include "src/s3/s3_xml.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "src/data/string_compat.h"

namespace tbx::s3 {
namespace {

// The text of the first <name>...</name> in xml[from, to); false if absent.
bool Element(absl::string_view xml, absl::string_view name, std::string* out) {
  const std::string open = absl::StrCat("<", name, ">");
  const std::string close = absl::StrCat("</", name, ">");
  const size_t start = xml.find(open);
  if (start == absl::string_view::npos) return false;
  const size_t end = xml.find(close, start + open.size());
  if (end == absl::string_view::npos) return false;
  absl::string_view text =
      xml.substr(start + open.size(), end - start - open.size());
  *out = XmlUnescape(std::string_view(text.data(), text.size()));
  return true;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

std::string XmlUnescape(std::string_view text_in) {
  const absl::string_view text = Sv(text_in);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    const size_t semi = text.find(';', i);
    if (semi == absl::string_view::npos) {
      absl::StrAppend(&out, text.substr(i));
      break;
    }
    const absl::string_view entity = text.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (entity == "amp") {
      out.push_back('&');
    } else if (entity == "lt") {
      out.push_back('<');
    } else if (entity == "gt") {
      out.push_back('>');
    } else if (entity == "quot") {
      out.push_back('"');
    } else if (entity == "apos") {
      out.push_back('\'');
    } else if (entity.size() > 2 && entity[0] == '#' &&
               (entity[1] == 'x' || entity[1] == 'X') &&
               absl::SimpleHexAtoi(entity.substr(2), &cp) && cp <= 0x10FFFF) {
      AppendUtf8(cp, &out);
    } else if (entity.size() > 1 && entity[0] == '#' &&
               absl::SimpleAtoi(entity.substr(1), &cp) && cp <= 0x10FFFF) {
      AppendUtf8(cp, &out);
    } else {
      absl::StrAppend(
          &out, text.substr(i, semi - i + 1));  // unknown: kept as written
    }
    i = semi;
  }
  return out;
}

absl::StatusOr<ListPage> ParseListPage(std::string_view xml_in) {
  const absl::string_view xml = Sv(xml_in);
  if (xml.find("<ListBucketResult") == absl::string_view::npos) {
    return absl::DataLossError("the listing reply is not a ListBucketResult");
  }
  ListPage page;
  size_t pos = 0;
  while (true) {
    const size_t start = xml.find("<Contents>", pos);
    if (start == absl::string_view::npos) break;
    const size_t end = xml.find("</Contents>", start);
    if (end == absl::string_view::npos) {
      return absl::DataLossError("the listing reply is cut off");
    }
    const absl::string_view block = xml.substr(start, end - start);
    ObjectInfo object;
    std::string size;
    if (!Element(block, "Key", &object.key) || !Element(block, "Size", &size) ||
        !absl::SimpleAtoi(size, &object.size)) {
      return absl::DataLossError("a listed object has no Key or Size");
    }
    page.objects.push_back(std::move(object));
    pos = end;
  }
  std::string truncated;
  page.truncated =
      Element(xml, "IsTruncated", &truncated) && truncated == "true";
  if (page.truncated &&
      !Element(xml, "NextContinuationToken", &page.next_token)) {
    return absl::DataLossError(
        "the listing is truncated but has no NextContinuationToken");
  }
  return page;
}

ErrorBody ParseErrorBody(std::string_view xml_in) {
  const absl::string_view xml = Sv(xml_in);
  ErrorBody body;
  Element(xml, "Code", &body.code);
  Element(xml, "Message", &body.message);
  return body;
}

}  // namespace tbx::s3
