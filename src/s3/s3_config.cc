#include "src/s3/s3_config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "src/data/string_compat.h"

namespace tbx::s3 {

bool IsObjectStoreUrl(std::string_view path_in) {
  const absl::string_view path = Sv(path_in);
  return absl::StartsWith(path, "s3://") || absl::StartsWith(path, "gs://");
}

absl::StatusOr<ObjectUrl> ParseObjectUrl(std::string_view url_in) {
  absl::string_view url = Sv(url_in);
  ObjectUrl out;
  if (absl::ConsumePrefix(&url, "s3://")) {
    out.scheme = "s3";
  } else if (absl::ConsumePrefix(&url, "gs://")) {
    out.scheme = "gs";
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("'", url, "' is not an s3:// or gs:// URL"));
  }
  const size_t slash = url.find('/');
  out.bucket = std::string(url.substr(0, slash));
  if (out.bucket.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("'", out.scheme, "://", url, "' names no bucket"));
  }
  if (slash != absl::string_view::npos) {
    absl::string_view key = url.substr(slash + 1);
    while (!key.empty() && key.front() == '/') key.remove_prefix(1);
    while (!key.empty() && key.back() == '/') key.remove_suffix(1);
    out.key = std::string(key);
  }
  return out;
}

absl::StatusOr<Endpoint> ParseEndpoint(std::string_view url_in) {
  const absl::string_view url = Sv(url_in);
  Endpoint out;
  absl::string_view rest = url;
  if (absl::ConsumePrefix(&rest, "https://")) {
    out.tls = true;
    out.port = 443;
  } else if (absl::ConsumePrefix(&rest, "http://")) {
    out.tls = false;
    out.port = 80;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "S3 endpoint '", url, "' must start with http:// or https://"));
  }
  rest = rest.substr(0, rest.find('/'));
  const size_t colon = rest.rfind(':');
  if (colon != absl::string_view::npos &&
      rest.find(']') == absl::string_view::npos) {
    uint32_t port = 0;
    if (!absl::SimpleAtoi(rest.substr(colon + 1), &port) || port == 0 ||
        port > 65535) {
      return absl::InvalidArgumentError(
          absl::StrCat("S3 endpoint '", url, "' has a bad port"));
    }
    out.port = static_cast<uint16_t>(port);
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("S3 endpoint '", url, "' has no host"));
  }
  out.host = std::string(rest);
  return out;
}

EnvLookup ProcessEnv() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
  };
}

std::optional<SigV4Credentials> ParseCredentialsFile(
    std::string_view text_in, std::string_view profile_in) {
  const absl::string_view text = Sv(text_in);
  const absl::string_view profile = Sv(profile_in);
  std::optional<SigV4Credentials> found;
  bool in_section = false;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      absl::string_view name =
          absl::StripAsciiWhitespace(line.substr(1, line.size() - 2));
      in_section = name == profile;
      if (in_section && !found) found = SigV4Credentials{};
      continue;
    }
    if (!in_section) continue;
    const size_t eq = line.find('=');
    if (eq == absl::string_view::npos) continue;
    const std::string key =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(line.substr(0, eq)));
    const std::string value(absl::StripAsciiWhitespace(line.substr(eq + 1)));
    if (key == "aws_access_key_id") found->access_key_id = value;
    if (key == "aws_secret_access_key") found->secret_access_key = value;
    if (key == "aws_session_token") found->session_token = value;
  }
  return found;
}

absl::StatusOr<S3Config> ConfigFromEnvironment(std::string_view scheme_in,
                                               const EnvLookup& env) {
  const absl::string_view scheme = Sv(scheme_in);
  S3Config config;
  const bool gcs = scheme == "gs";
  config.region =
      env("AWS_REGION")
          .value_or(
              env("AWS_DEFAULT_REGION").value_or(gcs ? "auto" : "us-east-1"));
  std::optional<std::string> endpoint = env("AWS_ENDPOINT_URL_S3");
  if (!endpoint) endpoint = env("AWS_ENDPOINT_URL");
  if (!endpoint) endpoint = env("S3_ENDPOINT");
  const bool custom = endpoint.has_value();
  if (!endpoint) {
    endpoint =
        gcs ? std::string("https://storage.googleapis.com")
            : absl::StrCat("https://s3.", config.region, ".amazonaws.com");
  }
  absl::StatusOr<Endpoint> parsed = ParseEndpoint(*endpoint);
  if (!parsed.ok()) return parsed.status();
  config.endpoint = *parsed;

  const std::string style =
      absl::AsciiStrToLower(env("AWS_S3_ADDRESSING_STYLE").value_or("auto"));
  if (style == "path") {
    config.path_style = true;
  } else if (style == "virtual") {
    config.path_style = false;
  } else if (style == "auto") {
    config.path_style = custom;
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "AWS_S3_ADDRESSING_STYLE must be path or virtual, got '", style, "'"));
  }

  if (std::optional<std::string> page = env("TBX_S3_LIST_PAGE_SIZE")) {
    if (!absl::SimpleAtoi(*page, &config.list_page_size) ||
        config.list_page_size < 1 || config.list_page_size > 1000) {
      return absl::InvalidArgumentError(absl::StrCat(
          "TBX_S3_LIST_PAGE_SIZE must be 1 to 1000, got '", *page, "'"));
    }
  }

  const std::string no_sign =
      absl::AsciiStrToLower(env("AWS_NO_SIGN_REQUEST").value_or(""));
  if (no_sign == "true" || no_sign == "1") {
    config.credentials_source = "none (AWS_NO_SIGN_REQUEST)";
    return config;
  }
  std::optional<std::string> id = env("AWS_ACCESS_KEY_ID");
  std::optional<std::string> secret = env("AWS_SECRET_ACCESS_KEY");
  if (id && secret) {
    config.anonymous = false;
    config.credentials =
        SigV4Credentials{*id, *secret, env("AWS_SESSION_TOKEN").value_or("")};
    config.credentials_source = "environment";
    return config;
  }
  std::optional<std::string> file = env("AWS_SHARED_CREDENTIALS_FILE");
  const bool named = file.has_value();
  if (!file) {
    std::optional<std::string> home = env("HOME");
    if (home) file = absl::StrCat(*home, "/.aws/credentials");
  }
  const std::string profile = env("AWS_PROFILE").value_or("default");
  if (file) {
    std::ifstream in(*file);
    if (!in) {
      if (named) {
        return absl::NotFoundError(absl::StrCat("AWS_SHARED_CREDENTIALS_FILE '",
                                                *file, "' cannot be read"));
      }
    } else {
      std::stringstream text;
      text << in.rdbuf();
      std::optional<SigV4Credentials> creds =
          ParseCredentialsFile(text.str(), profile);
      if (creds && !creds->access_key_id.empty() &&
          !creds->secret_access_key.empty()) {
        config.anonymous = false;
        config.credentials = *creds;
        config.credentials_source = absl::StrCat(*file, " [", profile, "]");
        return config;
      }
      if (env("AWS_PROFILE")) {
        return absl::NotFoundError(
            absl::StrCat("AWS_PROFILE '", profile, "' has no keys in ", *file));
      }
    }
  }
  config.credentials_source = "none (anonymous requests)";
  return config;
}

}  // namespace tbx::s3
